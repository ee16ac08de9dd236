//! The resumable upload protocol spoken as a phone speaks it, for the
//! tests of uploads and of the files they become.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use data_encoding::BASE64;
use http_body_util::BodyExt;
use tower::ServiceExt;

use app::domain::uploads::UploadState;

use super::ORIGIN;

/// Maya's case: her carer is linked to it as family.
pub const MAYA: i64 = 3;

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    pub fn offset(&self) -> Option<u64> {
        self.header("upload-offset").map(|v| v.parse().unwrap())
    }
}

pub async fn call(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

pub fn tus(method: &str, path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("tus-resumable", "1.0.0")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        req = req.header(header::COOKIE, cookie);
    }
    req
}

pub fn metadata(case: i64, attachment: &str, name: &str) -> String {
    let b64 = |s: &str| BASE64.encode(s.as_bytes());
    format!(
        "case {},attachment {},filename {},caption {}",
        b64(&case.to_string()),
        b64(attachment),
        b64(name),
        b64("Me at the beach")
    )
}

pub async fn create(app: &Router, cookie: &str, case: i64, length: u64) -> Answer {
    let req = tus("POST", "/uploads", Some(cookie))
        .header("upload-length", length.to_string())
        .header("upload-metadata", metadata(case, "child_views", "IMG_0001.jpg"))
        .body(Body::empty())
        .unwrap();
    call(app, req).await
}

pub async fn patch(
    app: &Router,
    cookie: &str,
    at: &str,
    offset: u64,
    bytes: Vec<u8>,
    checksum: Option<&[u8]>,
) -> Answer {
    let mut req = tus("PATCH", at, Some(cookie))
        .header(header::CONTENT_TYPE, "application/offset+octet-stream")
        .header("upload-offset", offset.to_string());
    if let Some(digest) = checksum {
        req = req.header("upload-checksum", format!("sha1 {}", BASE64.encode(digest)));
    }
    call(app, req.body(Body::from(bytes)).unwrap()).await
}

pub async fn head(app: &Router, cookie: Option<&str>, at: &str) -> Answer {
    call(app, tus("HEAD", at, cookie).body(Body::empty()).unwrap()).await
}

/// A photo's worth of bytes that are not all alike.
pub fn bytes(n: usize) -> Vec<u8> {
    (0..n).map(|i| u8::try_from((i * 31 + i / 7) % 251).unwrap()).collect()
}

/// Sends a whole file in one request; its upload's token.
pub async fn send_whole(app: &Router, cookie: &str, file: &[u8]) -> String {
    let created = create(app, cookie, MAYA, file.len() as u64).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let at = created.header("location").unwrap().to_owned();
    let sent = patch(app, cookie, &at, 0, file.to_vec(), None).await;
    assert_eq!(sent.status, StatusCode::NO_CONTENT, "{}", sent.body);
    at.trim_start_matches("/uploads/").to_owned()
}

/// The upload once the checks have decided on it (or as it stands after 20 s).
pub async fn decided(state: &app::state::AppState, token: &str) -> app::store::uploads::Upload {
    for _ in 0..400 {
        let upload = app::store::uploads::by_token(&state.db, token).await.unwrap().unwrap();
        if upload.state != UploadState::Checking {
            return upload;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app::store::uploads::by_token(&state.db, token).await.unwrap().unwrap()
}

/// A phone photo: a JPEG whose EXIF holds its orientation and where it was taken.
pub fn phone_photo() -> Vec<u8> {
    use img_parts::ImageEXIF;
    let mut exif = b"II*\0\x08\0\0\0\x02\0".to_vec();
    exif.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // orientation 6
    exif.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]); // GPS IFD at 38
    exif.extend_from_slice(&[0, 0, 0, 0]);
    exif.extend_from_slice(b"GPS 51.5072 N 0.1276 W");
    let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(bytes::Bytes::from_static(&[0xFF, 0xD8, 0xFF, 0xD9])).unwrap();
    jpeg.set_exif(Some(exif.into()));
    jpeg.encoder().bytes().to_vec()
}
