//! Files once checked: kept on local disk or in an S3-compatible object
//! store (a real S3 server, `s3s-fs`, started by the test), served back
//! whole or by byte range, photos with a small upright copy, videos without
//! where they were taken, and removed from storage when their sender removes
//! them. The same journey runs on both storages.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use image::{GenericImageView, Rgb, RgbImage};
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

use app::domain::uploads::{MediaKind, UploadState};
use app::uploads::storage::S3Settings;
use common::tus::{MAYA, decided, send_whole};
use common::{app_with_config, sign_in};

const BUCKET: &str = "council-files";

/// A real S3 server over a folder, on a free port, for as long as the test runs.
async fn s3_server() -> (S3Settings, PathBuf) {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let root = std::env::temp_dir().join(format!("ehc-s3-{}", rand::random::<u64>()));
    std::fs::create_dir_all(root.join(BUCKET)).unwrap();
    let (key, secret) = ("ehc-hub-test", "a-secret-only-this-test-knows");
    let mut service = s3s::service::S3ServiceBuilder::new(s3s_fs::FileSystem::new(&root).unwrap());
    service.set_auth(s3s::auth::SimpleAuth::from_single(key, secret));
    let service = service.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let http = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let connection = http
                .serve_connection(TokioIo::new(socket), service.clone())
                .into_owned();
            tokio::spawn(connection);
        }
    });
    let settings = S3Settings {
        bucket: BUCKET.to_owned(),
        endpoint: Some(format!("http://{addr}")),
        region: "eu-west-2".to_owned(),
        access_key_id: key.to_owned(),
        secret_access_key: secret.to_owned(),
    };
    (settings, root)
}

async fn fetch(
    app: &Router,
    cookie: &str,
    path: &str,
    range: Option<&str>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let mut req = Request::get(path).header(header::COOKIE, cookie);
    if let Some(range) = range {
        req = req.header(header::RANGE, range);
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (
        status,
        headers,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

/// A photo as a phone takes it: 1200×800 pixels stored on their side
/// (orientation 6), red on the left, with where it was taken in its EXIF.
fn camera_photo() -> Vec<u8> {
    use img_parts::ImageEXIF;
    let pixels = RgbImage::from_fn(
        1200,
        800,
        |x, _| if x < 600 { Rgb([220, 0, 0]) } else { Rgb([0, 0, 220]) },
    );
    let mut encoded = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, 85)
        .encode_image(&pixels)
        .unwrap();
    let mut exif = b"II*\0\x08\0\0\0\x02\0".to_vec();
    exif.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    exif.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    exif.extend_from_slice(&[0, 0, 0, 0]);
    exif.extend_from_slice(b"GPS 53.4808 N 2.2426 W");
    let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(encoded.into()).unwrap();
    jpeg.set_exif(Some(exif.into()));
    jpeg.encoder().bytes().to_vec()
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = u32::try_from(body.len() + 8).unwrap().to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

/// A phone's MP4: a video track, the place it was filmed in the movie's user
/// data (`©xyz`), then a megabyte of frames.
fn phone_video() -> Vec<u8> {
    let hdlr = mp4_box(b"hdlr", b"\0\0\0\0\0\0\0\0vide\0\0\0\0\0\0\0\0\0\0\0\0\0");
    let trak = mp4_box(b"trak", &mp4_box(b"mdia", &hdlr));
    let udta = mp4_box(b"udta", &mp4_box(b"\xA9xyz", b"\0\x12\x15\xC7+53.4808-002.2426/"));
    let mut moov = trak;
    moov.extend(udta);
    let mut file = mp4_box(b"ftyp", b"mp42\0\0\0\0mp42isom");
    file.extend(mp4_box(b"moov", &moov));
    let frames: Vec<u8> = (0..1024 * 1024).map(|i: u32| (i % 253) as u8).collect();
    file.extend(mp4_box(b"mdat", &frames));
    file
}

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Sends, checks, opens and removes a photo and a video; `stored_at` says
/// where a key's object is on disk (the files folder, or the S3 server's folder).
async fn files_are_kept_served_and_removed(s3: Option<S3Settings>, stored_at: impl Fn(&Path, &str) -> PathBuf) {
    let scanner = common::clamd();
    let files_dir = std::env::temp_dir().join(format!("ehc-files-{}", rand::random::<u64>()));
    let local = files_dir.clone();
    let (app, outbox, state) = app_with_config(|c| {
        c.clamd = Some(scanner);
        c.files_dir = local;
        c.s3 = s3;
    })
    .await;
    let carer = sign_in(&app, &outbox, "carer").await;

    // The photo: stored without its location, with a small upright copy.
    let token = send_whole(&app, &carer, &camera_photo()).await;
    let photo = decided(&state, &token).await;
    assert_eq!(photo.state, UploadState::Ready, "{:?}", photo.refusal);
    let key = photo.storage_key.clone().unwrap();
    let small_key = photo.thumbnail_key.clone().expect("a photo has a small copy");
    let on_disk = stored_at(&files_dir, &key);
    assert!(
        on_disk.exists(),
        "{} is not where the storage keeps it",
        on_disk.display()
    );
    assert!(stored_at(&files_dir, &small_key).exists());

    let file = format!("/cases/{MAYA}/files/{token}");
    let (status, headers, whole) = fetch(&app, &carer, &file, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(headers[header::ACCEPT_RANGES], "bytes");
    assert_eq!(whole, std::fs::read(&on_disk).unwrap());
    assert!(!has(&whole, b"GPS"), "the location was stored");

    let (status, headers, part) = fetch(&app, &carer, &file, Some("bytes=100-1123")).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        headers[header::CONTENT_RANGE],
        format!("bytes 100-1123/{}", whole.len()).as_str()
    );
    assert_eq!(part, whole[100..1124]);
    let past_the_end = format!("bytes={}-", whole.len());
    let (status, _, _) = fetch(&app, &carer, &file, Some(&past_the_end)).await;
    assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);

    let (status, headers, small) = fetch(&app, &carer, &format!("{file}/thumbnail"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
    let small = image::load_from_memory(&small).unwrap();
    assert_eq!(small.dimensions(), (320, 480), "upright and small");
    let top = small.get_pixel(160, 30);
    assert!(
        top[0] > 150 && top[2] < 80,
        "the left of the scene is at the top: {top:?}"
    );

    // The video: where it was filmed is gone, its frames are whole, and a
    // player can ask for the last part first.
    let video = phone_video();
    let token = send_whole(&app, &carer, &video).await;
    let stored = decided(&state, &token).await;
    assert_eq!(stored.media, Some(MediaKind::Video), "{:?}", stored.refusal);
    assert!(stored.thumbnail_key.is_none());
    let (_, _, kept) = fetch(&app, &carer, &format!("/cases/{MAYA}/files/{token}"), None).await;
    assert_eq!(kept.len(), video.len());
    assert!(!has(&kept, b"+53.4808"), "the place it was filmed was stored");
    assert_eq!(kept[kept.len() - 1024 * 1024..], video[video.len() - 1024 * 1024..]);
    let (status, _, tail) = fetch(&app, &carer, &format!("/cases/{MAYA}/files/{token}"), Some("bytes=-10")).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(tail, video[video.len() - 10..]);

    // A parent of another child gets nothing, not even that the file exists.
    let stranger = sign_in(&app, &outbox, "parent").await;
    assert_eq!(fetch(&app, &stranger, &file, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        fetch(&app, &stranger, &format!("{file}/thumbnail"), None).await.0,
        StatusCode::NOT_FOUND
    );

    // Removed by its sender: gone from storage, photo and small copy.
    let remove = common::api_call(
        app::views::views_page::RemoveViewFile::PATH,
        "application/x-www-form-urlencoded",
        format!("case={MAYA}&token={}", photo.token).into_bytes(),
        Some(&carer),
    );
    assert_eq!(app.clone().oneshot(remove).await.unwrap().status(), StatusCode::OK);
    assert!(!on_disk.exists(), "the removed photo is still stored");
    assert!(!stored_at(&files_dir, &small_key).exists());
    assert_eq!(fetch(&app, &carer, &file, None).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn files_on_local_disk_are_kept_served_by_range_and_removed() {
    files_are_kept_served_and_removed(None, |files, key| files.join(key)).await;
}

#[tokio::test]
async fn files_in_an_s3_store_are_kept_served_by_range_and_removed() {
    let (settings, root) = s3_server().await;
    files_are_kept_served_and_removed(Some(settings), move |_, key| root.join(BUCKET).join(key)).await;
}

/// An iPhone photo: `camera_photo`'s scene (with its position in EXIF)
/// encoded as HEIC by libheif's `heif-enc`, which copies the EXIF in.
fn iphone_photo() -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("ehc-heic-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("photo.jpg"), camera_photo()).unwrap();
    let encoded = std::process::Command::new("heif-enc")
        .args(["-q", "60", "-o"])
        .arg(dir.join("photo.heic"))
        .arg(dir.join("photo.jpg"))
        .output()
        .expect("heif-enc is not installed: the test script installs Debian's libheif-examples");
    assert!(encoded.status.success(), "{encoded:?}");
    let heic = std::fs::read(dir.join("photo.heic")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    heic
}

#[tokio::test]
async fn an_iphone_photo_is_kept_without_its_position_and_listed_as_a_small_copy() {
    let scanner = common::clamd();
    let (app, outbox, state) = app_with_config(|c| c.clamd = Some(scanner)).await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let heic = iphone_photo();
    assert!(
        has(&heic, b"GPS 53.4808"),
        "the photo carries its position to begin with"
    );

    let token = send_whole(&app, &carer, &heic).await;
    let photo = decided(&state, &token).await;
    assert_eq!(photo.state, UploadState::Ready, "{:?}", photo.refusal);
    assert_eq!(photo.media, Some(MediaKind::Photo));
    assert_eq!(photo.content_type.as_deref(), Some("image/heic"));
    let (status, headers, stored) = fetch(&app, &carer, &format!("/cases/{MAYA}/files/{token}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/heic");
    assert_eq!(stored.len(), heic.len());
    assert!(!has(&stored, b"GPS"), "the position was stored");

    // The stored photo still opens: libheif decodes it.
    let dir = std::env::temp_dir().join(format!("ehc-heic-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("stored.heic"), &stored).unwrap();
    let decoded = std::process::Command::new("heif-convert")
        .arg(dir.join("stored.heic"))
        .arg(dir.join("stored.jpg"))
        .output()
        .unwrap();
    assert!(decoded.status.success(), "{decoded:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    let (status, headers, small) = fetch(&app, &carer, &format!("/cases/{MAYA}/files/{token}/thumbnail"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/jpeg");
    let small = image::load_from_memory(&small).unwrap();
    assert_eq!(small.dimensions(), (480, 320));
    let left = small.get_pixel(40, 160);
    assert!(left[0] > 150 && left[2] < 80, "the scene as encoded: {left:?}");
}
