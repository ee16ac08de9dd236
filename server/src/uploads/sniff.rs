//! What a file is, decided from its content (its first bytes and, for
//! containers such as Word files, their structure), never from its name or
//! what the browser claimed. Only what families and professionals send is
//! accepted: photos, videos, audio, PDF and office documents. HTML, SVG,
//! programs and archives are not.

use std::io::{Read, Seek};

use app::domain::uploads::MediaKind;
use file_format::FileFormat;

/// The kind and media type of an accepted file; `None` for anything else.
///
/// # Errors
/// The file cannot be read.
pub fn accepted(file: impl Read + Seek) -> std::io::Result<Option<(MediaKind, &'static str)>> {
    let format = FileFormat::from_reader(file)?;
    Ok(ACCEPTED
        .iter()
        .find(|(media_type, _)| *media_type == format.media_type())
        .map(|(media_type, kind)| (*kind, *media_type)))
}

/// Every type accepted, by the media type read from the content. Photos are
/// only those whose location can be removed before they are stored (see
/// `photos.rs` and, for iPhones' HEIC, `boxes.rs`).
const ACCEPTED: [(&str, MediaKind); 32] = [
    ("image/jpeg", MediaKind::Photo),
    ("image/heic", MediaKind::Photo),
    ("image/heif", MediaKind::Photo),
    ("image/png", MediaKind::Photo),
    ("image/webp", MediaKind::Photo),
    ("image/gif", MediaKind::Photo),
    ("video/mp4", MediaKind::Video),
    ("video/quicktime", MediaKind::Video),
    ("video/3gpp", MediaKind::Video),
    ("video/3gpp2", MediaKind::Video),
    ("video/webm", MediaKind::Video),
    ("video/x-m4v", MediaKind::Video),
    ("audio/mpeg", MediaKind::Audio),
    ("audio/mp4", MediaKind::Audio),
    ("audio/x-m4a", MediaKind::Audio),
    ("audio/aac", MediaKind::Audio),
    ("audio/ogg", MediaKind::Audio),
    ("audio/opus", MediaKind::Audio),
    ("audio/vnd.wave", MediaKind::Audio),
    ("audio/amr", MediaKind::Audio),
    ("audio/flac", MediaKind::Audio),
    ("application/pdf", MediaKind::Document),
    ("application/msword", MediaKind::Document),
    ("application/vnd.ms-excel", MediaKind::Document),
    ("application/vnd.ms-powerpoint", MediaKind::Document),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        MediaKind::Document,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        MediaKind::Document,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        MediaKind::Document,
    ),
    ("application/vnd.oasis.opendocument.text", MediaKind::Document),
    ("application/vnd.oasis.opendocument.spreadsheet", MediaKind::Document),
    ("application/vnd.oasis.opendocument.presentation", MediaKind::Document),
    ("audio/webm", MediaKind::Audio),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn sniff(bytes: &[u8]) -> Option<(MediaKind, &'static str)> {
        accepted(Cursor::new(bytes.to_vec())).unwrap_or(None)
    }

    #[test]
    fn the_content_decides_and_pages_and_programs_are_refused() {
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0]),
            Some((MediaKind::Photo, "image/jpeg"))
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"),
            Some((MediaKind::Document, "application/pdf"))
        );
        // A phone video: its type box, then a track whose handler is video.
        let mut mp4 = vec![0, 0, 0, 0x18];
        mp4.extend_from_slice(b"ftypmp42\0\0\0\0mp42isom");
        for (size, name) in [(57u32, b"moov"), (49, b"trak"), (41, b"mdia")] {
            mp4.extend_from_slice(&size.to_be_bytes());
            mp4.extend_from_slice(name);
        }
        mp4.extend_from_slice(&33u32.to_be_bytes());
        mp4.extend_from_slice(b"hdlr\0\0\0\0\0\0\0\0vide\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert_eq!(sniff(&mp4).map(|(kind, _)| kind), Some(MediaKind::Video));
        for refused in [
            &b"<!DOCTYPE html><html><script>alert(1)</script>"[..],
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF",
            b"PK\x03\x04\x14\0\0\0\0\0",
            b"#!/bin/sh\nrm -rf /\n",
            b"",
        ] {
            assert_eq!(sniff(refused), None, "{refused:?}");
        }
    }
}
