//! Photos from phones carry where they were taken, often a child's home or
//! school. Before a photo is stored, every metadata block is removed (EXIF
//! with its GPS position, XMP, IPTC, comments, PNG text) and only the EXIF
//! orientation is written back, so the photo still shows the right way up.
//! The pixels are not touched: the stored photo is the one the family took.

use app::domain::uploads::MediaKind;
use bytes::Bytes;
use img_parts::ImageEXIF;
use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;

/// The largest photo whose metadata is rewritten (in memory): far past any
/// phone camera's output.
pub const MAX_PHOTO: u64 = 100 * 1024 * 1024;

/// The photo without its metadata, or `None` if it could not be read as
/// the type its content said it was (it is then refused, never stored as it came).
pub fn without_metadata(media: MediaKind, content_type: &str, photo: Bytes) -> Option<Bytes> {
    if media != MediaKind::Photo {
        return Some(photo);
    }
    match content_type {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(photo).ok()?;
            let orientation = jpeg.exif().as_deref().and_then(orientation);
            // APP1 holds EXIF and XMP, APP13 IPTC, COM free text.
            for marker in [markers::APP1, markers::APP13, markers::COM] {
                jpeg.remove_segments_by_marker(marker);
            }
            jpeg.set_exif(orientation.map(only_orientation));
            Some(jpeg.encoder().bytes())
        }
        "image/png" => {
            let mut png = Png::from_bytes(photo).ok()?;
            let orientation = png.exif().as_deref().and_then(orientation);
            png.chunks_mut()
                .retain(|chunk| !matches!(&chunk.kind(), b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt" | b"tIME"));
            png.set_exif(orientation.map(only_orientation));
            Some(png.encoder().bytes())
        }
        "image/webp" => {
            let mut webp = WebP::from_bytes(photo).ok()?;
            let orientation = webp.exif().as_deref().and_then(orientation);
            webp.chunks_mut().retain(|chunk| &chunk.id() != b"XMP ");
            webp.set_exif(orientation.map(only_orientation));
            Some(webp.encoder().bytes())
        }
        // GIF has no place for a camera's position.
        "image/gif" => Some(photo),
        _ => None,
    }
}

/// The EXIF orientation (1–8) in a TIFF-structured EXIF block, if set.
pub fn orientation(exif: &[u8]) -> Option<u16> {
    let little = match exif.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| {
        let b: [u8; 2] = exif.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| {
        let b: [u8; 4] = exif.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let entries = u16_at(ifd)?;
    (0..usize::from(entries))
        .find_map(|i| {
            let entry = ifd + 2 + i * 12;
            (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
        })
        .filter(|o| (1..=8).contains(o))
}

/// An EXIF block holding nothing but the orientation.
pub fn only_orientation(orientation: u16) -> Bytes {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes()); // one value
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    Bytes::from(tiff)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Big-endian EXIF as cameras write it: orientation 6 and a GPS IFD pointer.
    fn camera_exif() -> Vec<u8> {
        let mut e = b"MM\0*".to_vec();
        e.extend_from_slice(&8u32.to_be_bytes());
        e.extend_from_slice(&2u16.to_be_bytes());
        e.extend_from_slice(&0x0112u16.to_be_bytes());
        e.extend_from_slice(&3u16.to_be_bytes());
        e.extend_from_slice(&1u32.to_be_bytes());
        e.extend_from_slice(&[0, 6, 0, 0]);
        e.extend_from_slice(&0x8825u16.to_be_bytes()); // GPSInfo
        e.extend_from_slice(&4u16.to_be_bytes());
        e.extend_from_slice(&1u32.to_be_bytes());
        e.extend_from_slice(&38u32.to_be_bytes());
        e.extend_from_slice(&0u32.to_be_bytes());
        e.extend_from_slice(b"GPS 51.5072 N 0.1276 W");
        e
    }

    /// The smallest JPEG that parses, with camera EXIF, XMP and a comment.
    fn phone_jpeg() -> Bytes {
        let mut jpeg = Jpeg::from_bytes(Bytes::from_static(&[0xFF, 0xD8, 0xFF, 0xD9])).unwrap();
        jpeg.set_exif(Some(Bytes::from(camera_exif())));
        let xmp = img_parts::jpeg::JpegSegment::new_with_contents(
            markers::APP1,
            Bytes::from_static(b"http://ns.adobe.com/xap/1.0/\0<exif:GPSLatitude>51,30.4N</exif:GPSLatitude>"),
        );
        let comment =
            img_parts::jpeg::JpegSegment::new_with_contents(markers::COM, Bytes::from_static(b"Taken at 12 Elm Road"));
        jpeg.segments_mut().push(xmp);
        jpeg.segments_mut().push(comment);
        jpeg.encoder().bytes()
    }

    #[test]
    fn a_phone_photo_loses_its_location_and_keeps_its_orientation() {
        let photo = phone_jpeg();
        assert!(photo.windows(3).any(|w| w == b"GPS"));
        let stored = without_metadata(MediaKind::Photo, "image/jpeg", photo).unwrap();
        for gone in [&b"GPS"[..], b"51,30.4N", b"Elm Road", b"ns.adobe.com"] {
            assert!(
                !stored.windows(gone.len()).any(|w| w == gone),
                "{gone:?} is still there"
            );
        }
        let jpeg = Jpeg::from_bytes(stored).unwrap();
        assert_eq!(jpeg.exif().as_deref().and_then(orientation), Some(6));
    }

    #[test]
    fn a_photo_without_orientation_gets_no_exif_at_all() {
        let mut jpeg = Jpeg::from_bytes(Bytes::from_static(&[0xFF, 0xD8, 0xFF, 0xD9])).unwrap();
        jpeg.set_exif(Some(Bytes::from_static(b"MM\0*\0\0\0\x08\0\0\0\0\0\0")));
        let stored = without_metadata(MediaKind::Photo, "image/jpeg", jpeg.encoder().bytes()).unwrap();
        assert!(Jpeg::from_bytes(stored).unwrap().exif().is_none());
    }

    #[test]
    fn bytes_that_only_look_like_a_photo_are_not_passed_on() {
        assert!(without_metadata(MediaKind::Photo, "image/jpeg", Bytes::from_static(b"\xFF\xD8\xFF")).is_none());
        assert!(without_metadata(MediaKind::Photo, "image/heic", Bytes::from_static(b"....ftypheic")).is_none());
    }
}
