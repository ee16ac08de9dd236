//! The small copy of a photo shown in lists of files: decoded within
//! memory limits (a hostile or huge photo is refused by the decoder, not
//! the server's memory), turned the way the camera's orientation says, and
//! encoded anew as a JPEG that carries no metadata at all.
//!
//! HEIC photos from iPhones have no decoder in Rust: libheif's
//! `heif-convert` (Debian's `libheif-examples`) decodes them in a process of
//! its own, under a memory cap and a time limit, to a JPEG the small copy is
//! made from. Without it installed, HEIC photos are listed without one.

use std::io::Cursor;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The longest side of a small copy, in pixels: sharp on a phone's list at 2× density.
pub const SIDE: u32 = 480;

/// No photo is decoded beyond this many pixels a side…
const MAX_SIDE: u32 = 16_384;
/// …or this much memory: a 48-megapixel phone photo needs about 150 MB.
const MAX_MEMORY: u64 = 400 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ThumbnailError {
    #[error(transparent)]
    Image(#[from] image::ImageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How long `heif-convert` may take over one photo.
const HEIC_TIME: Duration = Duration::from_secs(60);

/// A JPEG no larger than `SIDE` a side, upright, from a JPEG, PNG, WebP or GIF.
///
/// # Errors
/// The photo cannot be decoded within the limits.
pub fn thumbnail(photo: &[u8]) -> Result<Vec<u8>, ThumbnailError> {
    small_copy(photo, true)
}

/// The small copy of the HEIC photo at `heic`; `scratch` is a path beside it
/// for the decoded image, removed afterwards.
///
/// # Errors
/// `heif-convert` is missing, fails, takes too long or exceeds its memory.
pub async fn heic_thumbnail(heic: &Path, scratch: &Path) -> Result<Vec<u8>, ThumbnailError> {
    let decoded = scratch.with_extension("jpg");
    // prlimit caps the decoder's address space: a hostile file cannot take the server's memory.
    let run = tokio::process::Command::new("prlimit")
        .arg(format!("--as={}", 2 * MAX_MEMORY))
        .args(["--", "heif-convert", "-q", "92"])
        .arg(heic)
        .arg(&decoded)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .status();
    let finished = tokio::time::timeout(HEIC_TIME, run).await;
    let jpeg = match finished {
        Ok(Ok(status)) if status.success() => tokio::fs::read(&decoded).await,
        Ok(Ok(status)) => Err(std::io::Error::other(format!("heif-convert answered {status}"))),
        Ok(Err(err)) => Err(err),
        Err(_) => Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "heif-convert took too long",
        )),
    };
    let _ = tokio::fs::remove_file(&decoded).await;
    let jpeg = jpeg?;
    // libheif has already turned the image by its own rotation; any EXIF
    // orientation copied into the JPEG must not turn it again.
    tokio::task::spawn_blocking(move || small_copy(&jpeg, false))
        .await
        .map_err(std::io::Error::other)?
}

fn small_copy(photo: &[u8], exif_orientation: bool) -> Result<Vec<u8>, ThumbnailError> {
    let mut reader = ImageReader::new(Cursor::new(photo)).with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_MEMORY);
    reader.limits(limits);
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut image = DynamicImage::from_decoder(decoder)?;
    if exif_orientation {
        image.apply_orientation(orientation);
    }
    let small = image.thumbnail(SIDE, SIDE).into_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&small)?;
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uploads::photos::only_orientation;
    use image::{GenericImageView, Rgb, RgbImage};
    use img_parts::ImageEXIF;
    use img_parts::jpeg::Jpeg;

    /// A landscape photo, red on the left half, stored sideways as phones do
    /// (orientation 6: turn 90° clockwise to show).
    fn sideways_photo() -> Vec<u8> {
        let pixels = RgbImage::from_fn(
            1200,
            800,
            |x, _| if x < 600 { Rgb([255, 0, 0]) } else { Rgb([0, 0, 255]) },
        );
        let mut encoded = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, 90)
            .encode_image(&pixels)
            .unwrap();
        let mut jpeg = Jpeg::from_bytes(encoded.into()).unwrap();
        jpeg.set_exif(Some(only_orientation(6)));
        jpeg.encoder().bytes().to_vec()
    }

    #[test]
    fn a_small_copy_is_upright_small_and_carries_no_metadata() {
        let small = thumbnail(&sideways_photo()).unwrap();
        let jpeg = Jpeg::from_bytes(small.clone().into()).unwrap();
        assert!(jpeg.exif().is_none(), "no EXIF in the small copy");
        let image = image::load_from_memory(&small).unwrap();
        // Turned upright: 1200×800 on its side becomes 800 wide, 1200 tall, then scaled.
        assert_eq!(image.dimensions(), (320, 480));
        // After a clockwise turn the red half is at the top.
        let top = image.get_pixel(160, 40);
        let bottom = image.get_pixel(160, 440);
        assert!(top[0] > 200 && top[2] < 60, "top is red: {top:?}");
        assert!(bottom[2] > 200 && bottom[0] < 60, "bottom is blue: {bottom:?}");
    }

    #[test]
    fn a_photo_too_large_to_decode_safely_is_refused_not_decoded() {
        // A PNG header claiming 100,000 × 100,000 pixels (40 GB decoded), and no pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&100_000u32.to_be_bytes());
        png.extend_from_slice(&100_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        assert!(thumbnail(&png).is_err());
        assert!(thumbnail(b"not a photo").is_err());
    }
}
