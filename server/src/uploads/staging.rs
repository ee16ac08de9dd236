//! The staging folder: one file per upload, named by its random token, to
//! which each request appends the bytes it carries. Memory stays constant
//! whatever the size: a body is written frame by frame as it arrives.

use std::io::SeekFrom;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use http_body_util::BodyExt;
use sha1::{Digest, Sha1};
use tokio::fs::{File, OpenOptions};
use tokio::io::{AsyncSeekExt, AsyncWriteExt};

/// The staged bytes of the upload with this token. Tokens are checked to be
/// lowercase hexadecimal before they get here, so a token is never a path.
pub fn path(dir: &Path, token: &str) -> PathBuf {
    dir.join(token)
}

/// A new upload's token: 24 random bytes as lowercase hexadecimal, its
/// address and its staging file's name.
pub fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    data_encoding::HEXLOWER.encode(&bytes)
}

/// An empty staging file for a new upload.
///
/// # Errors
/// The folder cannot be written.
pub async fn create(dir: &Path, token: &str) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path(dir, token))
        .await?;
    Ok(())
}

/// Removes an upload's staged bytes, if any are left.
pub async fn remove(dir: &Path, token: &str) {
    if let Err(err) = tokio::fs::remove_file(path(dir, token)).await
        && err.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(%err, "a staged upload could not be removed");
    }
}

/// How a request's body ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// The whole body arrived.
    Whole,
    /// The connection dropped or went quiet: what arrived before is kept.
    Dropped,
    /// The body carried more than the upload has left to receive.
    TooMuch,
}

pub struct Appended {
    pub written: u64,
    pub end: End,
    /// SHA-1 of the bytes written, for the tus checksum extension.
    pub sha1: [u8; 20],
}

/// Writes `body` into the staged file from `offset`, at most `room` bytes,
/// and makes what was written durable before answering: an offset the
/// database records is always on disk. Anything past `offset` left by an
/// earlier request that was never recorded is overwritten.
///
/// # Errors
/// The staged file cannot be written.
pub async fn append(file: &Path, offset: u64, body: Body, room: u64, idle: Duration) -> std::io::Result<Appended> {
    let mut out = OpenOptions::new().write(true).open(file).await?;
    out.set_len(offset).await?;
    out.seek(SeekFrom::Start(offset)).await?;
    let mut body = body;
    let mut hash = Sha1::new();
    let mut written = 0u64;
    let end = loop {
        let frame = match tokio::time::timeout(idle, body.frame()).await {
            Err(_) | Ok(Some(Err(_))) => break End::Dropped,
            Ok(None) => break End::Whole,
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else { continue };
        let len = data.len() as u64;
        if written + len > room {
            break End::TooMuch;
        }
        out.write_all(&data).await?;
        hash.update(&data);
        written += len;
    };
    out.flush().await?;
    out.sync_data().await?;
    Ok(Appended {
        written,
        end,
        sha1: hash.finalize().into(),
    })
}

/// Cuts the staged file back to `offset`: bytes that failed their checksum
/// or were never recorded are dropped.
///
/// # Errors
/// The staged file cannot be written.
pub async fn truncate(file: &Path, offset: u64) -> std::io::Result<()> {
    let out = OpenOptions::new().write(true).open(file).await?;
    out.set_len(offset).await?;
    out.sync_data().await
}

/// Opens the staged file for reading (the checks read it from the start).
///
/// # Errors
/// The file is missing.
pub async fn open(dir: &Path, token: &str) -> std::io::Result<File> {
    File::open(path(dir, token)).await
}
