//! Location and other metadata removed from files built of ISO media boxes:
//! phone videos (MP4, QuickTime, 3GP), recordings (M4A) and iPhone photos
//! (HEIC). Phones write where a video was taken into the movie's user data
//! (QuickTime `©xyz`, Apple's location key in `meta`) and a HEIC photo's
//! position into its EXIF item.
//!
//! The file is changed in place, on the staged copy, without reading it all:
//! metadata boxes are overwritten with zeros and renamed `free` (which every
//! player skips), and a photo's EXIF and XMP items are overwritten with
//! zeros. Nothing moves, so the offsets the file's index holds stay right and
//! a 2 GB video costs a few reads and writes, not a copy. A file whose boxes
//! do not add up is refused rather than stored as it came.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// XMP's box in MP4 and QuickTime files (`uuid` BE7ACFCB-97A9-42E8-9C71-999491E3AFAC).
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// The largest item table read into memory; real ones are a few KB.
const MAX_TABLE: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum BoxError {
    #[error("the file's boxes do not add up")]
    Malformed,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The types whose metadata this module removes.
pub fn handles(content_type: &str) -> bool {
    matches!(
        content_type,
        "video/mp4"
            | "video/quicktime"
            | "video/3gpp"
            | "video/3gpp2"
            | "video/x-m4v"
            | "audio/mp4"
            | "audio/x-m4a"
            | "image/heic"
            | "image/heif"
    )
}

/// Removes the metadata of the file at `path` in place.
///
/// # Errors
/// The file cannot be read or written, or its boxes do not add up.
pub fn strip(path: &std::path::Path, content_type: &str) -> Result<(), BoxError> {
    let mut file = File::options().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    if content_type.starts_with("image/") {
        strip_photo(&mut file, len)?;
    } else {
        strip_movie(&mut file, len)?;
    }
    file.sync_all()?;
    Ok(())
}

#[derive(Clone, Copy, Debug)]
struct MediaBox {
    start: u64,
    kind: [u8; 4],
    /// Where its contents begin.
    body: u64,
    end: u64,
}

fn read_array<const N: usize>(file: &mut File) -> std::io::Result<[u8; N]> {
    let mut bytes = [0; N];
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// The boxes from `from` up to `to`, each one's header read, none's contents.
fn boxes(file: &mut File, from: u64, to: u64) -> Result<Vec<MediaBox>, BoxError> {
    let mut found = Vec::new();
    let mut at = from;
    while at < to {
        if to - at < 8 {
            return Err(BoxError::Malformed);
        }
        file.seek(SeekFrom::Start(at))?;
        let size = u64::from(u32::from_be_bytes(read_array(file)?));
        let kind = read_array::<4>(file)?;
        let (size, header) = match size {
            0 => (to - at, 8),
            1 => (u64::from_be_bytes(read_array(file)?), 16),
            size => (size, 8),
        };
        let end = at.checked_add(size).ok_or(BoxError::Malformed)?;
        if size < header || end > to {
            return Err(BoxError::Malformed);
        }
        found.push(MediaBox {
            start: at,
            kind,
            body: at + header,
            end,
        });
        at = end;
    }
    Ok(found)
}

fn zero(file: &mut File, from: u64, len: u64) -> std::io::Result<()> {
    file.seek(SeekFrom::Start(from))?;
    let zeros = [0u8; 64 * 1024];
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    Ok(())
}

/// Empties a box and renames it `free`, which players skip.
fn erase(file: &mut File, found: MediaBox) -> std::io::Result<()> {
    zero(file, found.body, found.end - found.body)?;
    file.seek(SeekFrom::Start(found.start + 4))?;
    file.write_all(b"free")
}

fn is_xmp(file: &mut File, found: MediaBox) -> Result<bool, BoxError> {
    if found.kind != *b"uuid" || found.end - found.body < 16 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(found.body))?;
    Ok(read_array::<16>(file)? == XMP_UUID)
}

/// A movie's user data and metadata, in the movie and in each track, and XMP anywhere at the top.
fn strip_movie(file: &mut File, len: u64) -> Result<(), BoxError> {
    for top in boxes(file, 0, len)? {
        match &top.kind {
            b"moov" => {
                for child in boxes(file, top.body, top.end)? {
                    match &child.kind {
                        b"udta" | b"meta" => erase(file, child)?,
                        b"trak" => {
                            for part in boxes(file, child.body, child.end)? {
                                if matches!(&part.kind, b"udta" | b"meta") || is_xmp(file, part)? {
                                    erase(file, part)?;
                                }
                            }
                        }
                        _ if is_xmp(file, child)? => erase(file, child)?,
                        _ => {}
                    }
                }
            }
            b"meta" | b"udta" => erase(file, top)?,
            _ if is_xmp(file, top)? => erase(file, top)?,
            _ => {}
        }
    }
    Ok(())
}

fn read_body(file: &mut File, found: MediaBox) -> Result<Vec<u8>, BoxError> {
    let len = found.end - found.body;
    if len > MAX_TABLE {
        return Err(BoxError::Malformed);
    }
    let mut body = vec![0; usize::try_from(len).map_err(|_| BoxError::Malformed)?];
    file.seek(SeekFrom::Start(found.body))?;
    file.read_exact(&mut body)?;
    Ok(body)
}

/// Reads big-endian numbers of up to 4, or 8, bytes from a table.
struct Table<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Table<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], BoxError> {
        let taken = self.bytes.get(self.at..self.at + n).ok_or(BoxError::Malformed)?;
        self.at += n;
        Ok(taken)
    }

    fn number(&mut self, n: usize) -> Result<u64, BoxError> {
        if !matches!(n, 0..=4 | 8) {
            return Err(BoxError::Malformed);
        }
        Ok(self
            .take(n)?
            .iter()
            .fold(0, |value, byte| (value << 8) | u64::from(*byte)))
    }

    fn text(&mut self) -> Result<&[u8], BoxError> {
        let rest = self.bytes.get(self.at..).ok_or(BoxError::Malformed)?;
        let end = rest.iter().position(|b| *b == 0).ok_or(BoxError::Malformed)?;
        self.at += end + 1;
        Ok(&rest[..end])
    }
}

/// The item numbers of a HEIF photo's EXIF and XMP, from its item information box.
fn metadata_items(file: &mut File, iinf: MediaBox) -> Result<Vec<u64>, BoxError> {
    file.seek(SeekFrom::Start(iinf.body))?;
    let version = read_array::<4>(file)?[0];
    let entries_from = iinf.body + 4 + if version == 0 { 2 } else { 4 };
    let mut items = Vec::new();
    for entry in boxes(file, entries_from, iinf.end)? {
        if entry.kind != *b"infe" {
            continue;
        }
        let body = read_body(file, entry)?;
        let mut table = Table { bytes: &body, at: 0 };
        let version = table.number(1)?;
        table.number(3)?;
        if version < 2 {
            continue;
        }
        let id = table.number(if version == 2 { 2 } else { 4 })?;
        table.number(2)?;
        let kind = table.take(4)?.to_vec();
        table.text()?;
        let xmp = kind == b"mime" && table.text()?.windows(7).any(|w| w == b"rdf+xml");
        if kind == b"Exif" || xmp {
            items.push(id);
        }
    }
    Ok(items)
}

/// Where an item's bytes are: (offset in the file, length) per extent.
fn item_extents(
    file: &mut File,
    iloc: MediaBox,
    idat: Option<MediaBox>,
    wanted: &[u64],
) -> Result<Vec<(u64, u64)>, BoxError> {
    let body = read_body(file, iloc)?;
    let mut table = Table { bytes: &body, at: 0 };
    let version = table.number(1)?;
    table.number(3)?;
    let sizes = table.number(1)?;
    let (offset_size, length_size) = ((sizes >> 4) as usize, (sizes & 0xF) as usize);
    let sizes = table.number(1)?;
    let base_size = (sizes >> 4) as usize;
    let index_size = if matches!(version, 1 | 2) {
        (sizes & 0xF) as usize
    } else {
        0
    };
    let wide = version == 2;
    let count = table.number(if wide { 4 } else { 2 })?;
    let mut extents = Vec::new();
    for _ in 0..count {
        let id = table.number(if wide { 4 } else { 2 })?;
        let method = if matches!(version, 1 | 2) {
            table.number(2)? & 0xF
        } else {
            0
        };
        table.number(2)?;
        let base = table.number(base_size)?;
        let extent_count = table.number(2)?;
        for _ in 0..extent_count {
            table.number(index_size)?;
            let offset = table.number(offset_size)?;
            let length = table.number(length_size)?;
            if !wanted.contains(&id) {
                continue;
            }
            let start = match (method, idat) {
                (0, _) => base,
                (1, Some(idat)) => idat.body.checked_add(base).ok_or(BoxError::Malformed)?,
                _ => return Err(BoxError::Malformed),
            };
            let start = start.checked_add(offset).ok_or(BoxError::Malformed)?;
            if length == 0 {
                return Err(BoxError::Malformed);
            }
            extents.push((start, length));
        }
    }
    Ok(extents)
}

/// A HEIF photo's EXIF and XMP items, overwritten with zeros. Its rotation is
/// a property of the image (`irot`), not EXIF, so it still shows the right way up.
fn strip_photo(file: &mut File, len: u64) -> Result<(), BoxError> {
    let meta = boxes(file, 0, len)?
        .into_iter()
        .find(|b| b.kind == *b"meta")
        .ok_or(BoxError::Malformed)?;
    let parts = boxes(file, meta.body + 4, meta.end)?;
    let part = |kind: &[u8; 4]| parts.iter().copied().find(|b| b.kind == *kind);
    let (Some(iinf), Some(iloc)) = (part(b"iinf"), part(b"iloc")) else {
        return Err(BoxError::Malformed);
    };
    let items = metadata_items(file, iinf)?;
    for (start, length) in item_extents(file, iloc, part(b"idat"), &items)? {
        if start.checked_add(length).is_none_or(|end| end > len) {
            return Err(BoxError::Malformed);
        }
        zero(file, start, length)?;
    }
    for top in boxes(file, 0, len)? {
        if is_xmp(file, top)? {
            erase(file, top)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = u32::try_from(body.len() + 8).unwrap().to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    fn stripped(bytes: &[u8], content_type: &str) -> Result<Vec<u8>, BoxError> {
        let dir = std::env::temp_dir().join(format!("ehc-boxes-{}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("file");
        std::fs::write(&path, bytes).unwrap();
        let result = strip(&path, content_type).map(|()| std::fs::read(&path).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    fn has(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// A phone video: type, a movie with a track, QuickTime location in the
    /// movie's user data, Apple's location key in its metadata, then the frames.
    fn phone_video() -> Vec<u8> {
        let mut xyz = vec![0, 18, 0x15, 0xC7];
        xyz.extend_from_slice(b"+51.5074-000.1278/");
        let udta = media_box(b"udta", &media_box(b"\xA9xyz", &xyz));
        let meta = media_box(
            b"meta",
            b"\0\0\0\0com.apple.quicktime.location.ISO6709+51.5074-000.1278",
        );
        let trak = media_box(b"trak", &media_box(b"tkhd", &[7; 20]));
        let mut moov_body = media_box(b"mvhd", &[1; 20]);
        moov_body.extend(trak);
        moov_body.extend(udta);
        moov_body.extend(meta);
        let mut file = media_box(b"ftyp", b"qt  \0\0\0\0qt  ");
        file.extend(media_box(b"moov", &moov_body));
        file.extend(media_box(b"mdat", b"FRAMES-FRAMES-FRAMES"));
        file
    }

    #[test]
    fn a_phone_video_loses_where_it_was_taken_and_keeps_its_frames() {
        let video = phone_video();
        assert!(has(&video, b"+51.5074"));
        let after = stripped(&video, "video/quicktime").unwrap();
        assert_eq!(after.len(), video.len(), "nothing moves, so the index stays right");
        assert!(!has(&after, b"+51.5074"));
        assert!(!has(&after, b"xyz"));
        assert!(!has(&after, b"com.apple"));
        assert!(has(&after, b"FRAMES-FRAMES-FRAMES"));
        assert!(has(&after, b"tkhd\x07\x07\x07"));
        assert!(has(&after, b"mvhd\x01\x01\x01"));
        // The user data and metadata boxes are now free space of the same size.
        let boxes_after: Vec<_> = {
            let dir = std::env::temp_dir().join(format!("ehc-boxes-{}", rand::random::<u64>()));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("f"), &after).unwrap();
            let mut file = File::open(dir.join("f")).unwrap();
            let moov = boxes(&mut file, 0, after.len() as u64).unwrap()[1];
            let inner = boxes(&mut file, moov.body, moov.end).unwrap();
            std::fs::remove_dir_all(&dir).unwrap();
            inner.iter().map(|b| b.kind).collect()
        };
        assert_eq!(boxes_after, [*b"mvhd", *b"trak", *b"free", *b"free"]);
    }

    #[test]
    fn a_file_whose_boxes_do_not_add_up_is_refused() {
        let mut video = phone_video();
        video[3] = 0xFF; // the type box now claims more than the file holds
        assert!(matches!(stripped(&video, "video/mp4"), Err(BoxError::Malformed)));
        assert!(matches!(
            stripped(b"\0\0\0\x10ftypheic\0\0\0\0", "image/heic"),
            Err(BoxError::Malformed)
        ));
    }

    /// An iPhone photo's layout: items described in `meta` (one image, one
    /// EXIF with the position), their bytes in `mdat`, found through `iloc`.
    fn iphone_photo() -> Vec<u8> {
        let ftyp = media_box(b"ftyp", b"heic\0\0\0\0mif1heic");
        let infe = |id: u16, kind: &[u8; 4]| {
            let mut body = vec![2, 0, 0, 0];
            body.extend_from_slice(&id.to_be_bytes());
            body.extend_from_slice(&[0, 0]);
            body.extend_from_slice(kind);
            body.push(0);
            media_box(b"infe", &body)
        };
        let mut iinf_body = vec![0, 0, 0, 0, 0, 2];
        iinf_body.extend(infe(1, b"hvc1"));
        iinf_body.extend(infe(2, b"Exif"));
        let iinf = media_box(b"iinf", &iinf_body);
        let image = b"HEVC-PIXELS-HEVC-PIXELS".to_vec();
        let mut exif = vec![0, 0, 0, 6];
        exif.extend_from_slice(b"Exif\0\0MM\0*GPS 51.5072 N 0.1276 W");
        // iloc version 0: 4-byte offsets and lengths, no base offset.
        let iloc_len = 8 + 4 + 2 + 2 + 2 * (2 + 2 + 2 + 4 + 4);
        let hdlr = media_box(b"hdlr", b"\0\0\0\0\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0");
        let meta_len = 8 + 4 + hdlr.len() + iinf.len() + iloc_len;
        let mdat_body_at = (ftyp.len() + meta_len + 8) as u32;
        let mut iloc_body = vec![0, 0, 0, 0, 0x44, 0x00, 0, 2];
        for (id, offset, length) in [
            (1u16, mdat_body_at, image.len() as u32),
            (2, mdat_body_at + image.len() as u32, exif.len() as u32),
        ] {
            iloc_body.extend_from_slice(&id.to_be_bytes());
            iloc_body.extend_from_slice(&[0, 0]);
            iloc_body.extend_from_slice(&1u16.to_be_bytes());
            iloc_body.extend_from_slice(&offset.to_be_bytes());
            iloc_body.extend_from_slice(&length.to_be_bytes());
        }
        let iloc = media_box(b"iloc", &iloc_body);
        assert_eq!(iloc.len(), iloc_len);
        let mut meta_body = vec![0, 0, 0, 0];
        meta_body.extend(hdlr);
        meta_body.extend(iinf);
        meta_body.extend(iloc);
        let mut file = ftyp;
        file.extend(media_box(b"meta", &meta_body));
        let mut mdat = image;
        mdat.extend(exif);
        file.extend(media_box(b"mdat", &mdat));
        file
    }

    #[test]
    fn an_iphone_photo_loses_its_exif_position_and_keeps_its_image() {
        let photo = iphone_photo();
        assert_eq!(
            crate::uploads::sniff::accepted(std::io::Cursor::new(photo.clone())).unwrap(),
            Some((app::domain::uploads::MediaKind::Photo, "image/heic"))
        );
        assert!(has(&photo, b"GPS 51.5072"));
        let after = stripped(&photo, "image/heic").unwrap();
        assert_eq!(after.len(), photo.len());
        assert!(!has(&after, b"GPS"));
        assert!(!has(&after, b"MM\0*"), "the EXIF block is gone");
        assert!(has(&after, b"HEVC-PIXELS-HEVC-PIXELS"));
        assert!(has(&after, b"infe"), "the item table is kept");
    }
}
