//! What happens to an upload once its last byte is here, before anyone but
//! its sender may open it: its type is decided from its content, ClamAV
//! scans it, a photo loses its location and other metadata, and only then is
//! it moved from staging to storage. A file that fails is refused with a
//! plain reason and its bytes are deleted at once. A scan that cannot run
//! (clamd stopped) leaves the file waiting, and it is tried again.
//!
//! One worker per server instance, woken by each completed upload and every
//! half minute; it also removes uploads abandoned past their expiry.

use std::io::Read;
use std::time::Duration;

use chrono::Utc;

use app::domain::uploads::{MALWARE_REFUSED, MediaKind, TYPE_REFUSED};
use app::state::AppState;
use app::store::uploads::{self, Checked, Upload};

use super::photos::{MAX_PHOTO, without_metadata};
use super::scan::{Scanner, Verdict, scan};
use super::thumbnails::{heic_thumbnail, thumbnail};
use super::{boxes, sniff, staging};

/// How often the worker looks for work when nothing wakes it.
const TICK: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("no malware scanner is set (EHC_CLAMD): the upload waits unchecked")]
    NoScanner,
    #[error(transparent)]
    Scan(#[from] super::scan::ScanError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

/// What became of a checked file's bytes.
enum Kept {
    /// In storage, with the photo's small copy if one could be made.
    Stored { small: Option<Vec<u8>> },
    /// Not stored: the reason its sender is shown.
    Refused(&'static str),
}

pub struct Checks {
    pub state: AppState,
    pub scanner: Option<Scanner>,
}

impl Checks {
    /// Starts the worker for as long as the server runs.
    pub fn start(state: AppState, scanner: Option<Scanner>) {
        if scanner.is_none() {
            tracing::warn!("EHC_CLAMD is not set: uploads will wait unchecked, seen only by their senders");
        }
        tokio::spawn(Checks { state, scanner }.run());
    }

    async fn run(self) {
        loop {
            self.remove_abandoned().await;
            match uploads::waiting_for_checks(&self.state.db).await {
                Ok(waiting) => {
                    for upload in waiting {
                        if let Err(err) = self.check(&upload).await {
                            tracing::warn!(%err, upload = upload.id, "an upload could not be checked yet");
                        }
                    }
                }
                Err(err) => tracing::error!(%err, "uploads waiting for checks could not be read"),
            }
            tokio::select! {
                () = self.state.uploads.complete.notified() => {}
                () = tokio::time::sleep(TICK) => {}
            }
        }
    }

    /// Decides on one complete upload.
    ///
    /// # Errors
    /// The checks could not run; the upload stays waiting.
    pub async fn check(&self, upload: &Upload) -> Result<(), CheckError> {
        let files = &self.state.uploads;
        let staged = staging::path(&files.staging, &upload.token);
        let file = std::fs::File::open(&staged)?;
        let Some((media, content_type)) = tokio::task::spawn_blocking(move || sniff::accepted(file))
            .await
            .map_err(std::io::Error::other)??
        else {
            return self.refuse(upload, TYPE_REFUSED).await;
        };
        let scanner = self.scanner.as_ref().ok_or(CheckError::NoScanner)?;
        match scan(scanner, staging::open(&files.staging, &upload.token).await?).await? {
            Verdict::Clean => {}
            Verdict::Infected(signature) => {
                tracing::warn!(upload = upload.id, case = %upload.case_id, %signature, "malware refused");
                return self.refuse(upload, MALWARE_REFUSED).await;
            }
        }
        let key = format!("cases/{}/{}", upload.case_id, upload.token);
        let kept = if media == MediaKind::Photo && !boxes::handles(content_type) {
            self.keep_rewritten_photo(upload, &key, content_type).await?
        } else {
            self.keep_in_place(upload, &key, media, content_type).await?
        };
        let small = match kept {
            Kept::Stored { small } => small,
            Kept::Refused(reason) => return self.refuse(upload, reason).await,
        };
        let mut thumbnail_key = None;
        if let Some(small) = small {
            let small_key = format!("{key}-small");
            files.storage.put_bytes(&small_key, small.into()).await?;
            thumbnail_key = Some(small_key);
        }
        let ready = Checked::Ready {
            media,
            content_type,
            storage_key: &key,
            thumbnail_key: thumbnail_key.as_deref(),
        };
        uploads::checked(&self.state.db, upload.id, ready, Utc::now()).await?;
        Ok(())
    }

    /// A JPEG, PNG, WebP or GIF photo: read into memory, rewritten without its
    /// metadata and stored; its small copy made from the rewritten photo.
    async fn keep_rewritten_photo(&self, upload: &Upload, key: &str, content_type: &str) -> Result<Kept, CheckError> {
        if u64::try_from(upload.length).unwrap_or(u64::MAX) > MAX_PHOTO {
            return Ok(Kept::Refused(
                "Photos must be smaller than 100 MB. Send a smaller copy of the photo",
            ));
        }
        let files = &self.state.uploads;
        let mut bytes = Vec::new();
        std::fs::File::open(staging::path(&files.staging, &upload.token))?.read_to_end(&mut bytes)?;
        let type_of = content_type.to_owned();
        let done = tokio::task::spawn_blocking(move || {
            let stripped = without_metadata(MediaKind::Photo, &type_of, bytes.into())?;
            let small = thumbnail(&stripped)
                .inspect_err(|err| tracing::warn!(%err, "a photo has no small copy"))
                .ok();
            Some((stripped, small))
        })
        .await
        .map_err(std::io::Error::other)?;
        // Bytes that do not read as the photo their content claimed are never stored.
        let Some((stripped, small)) = done else {
            return Ok(Kept::Refused(TYPE_REFUSED));
        };
        files.storage.put_bytes(key, stripped).await?;
        staging::remove(&files.staging, &upload.token).await;
        Ok(Kept::Stored { small })
    }

    /// Any other file: its metadata removed in place where it has boxes
    /// (videos, recordings, HEIC), a HEIC photo's small copy made, then the
    /// staged file itself moved to storage.
    async fn keep_in_place(
        &self,
        upload: &Upload,
        key: &str,
        media: MediaKind,
        content_type: &str,
    ) -> Result<Kept, CheckError> {
        let files = &self.state.uploads;
        let staged = staging::path(&files.staging, &upload.token);
        if boxes::handles(content_type) {
            let (path, type_of) = (staged.clone(), content_type.to_owned());
            match tokio::task::spawn_blocking(move || boxes::strip(&path, &type_of))
                .await
                .map_err(std::io::Error::other)?
            {
                Ok(()) => {}
                Err(boxes::BoxError::Malformed) => return Ok(Kept::Refused(TYPE_REFUSED)),
                Err(boxes::BoxError::Io(err)) => return Err(err.into()),
            }
        }
        let mut small = None;
        if media == MediaKind::Photo {
            let scratch = staging::path(&files.staging, &format!("{}-small", upload.token));
            small = heic_thumbnail(&staged, &scratch)
                .await
                .inspect_err(|err| tracing::warn!(%err, "a HEIC photo has no small copy"))
                .ok();
        }
        files.storage.put_staged(&staged, key).await?;
        Ok(Kept::Stored { small })
    }

    /// Refuses an upload and deletes its bytes straight away.
    async fn refuse(&self, upload: &Upload, reason: &str) -> Result<(), CheckError> {
        uploads::checked(&self.state.db, upload.id, Checked::Refused { reason }, Utc::now()).await?;
        staging::remove(&self.state.uploads.staging, &upload.token).await;
        Ok(())
    }

    /// Uploads nobody resumed before they expired: gone, with their bytes.
    async fn remove_abandoned(&self) {
        let abandoned = match uploads::abandoned(&self.state.db, Utc::now()).await {
            Ok(abandoned) => abandoned,
            Err(err) => return tracing::error!(%err, "abandoned uploads could not be read"),
        };
        for upload in abandoned {
            if let Err(err) = uploads::remove(&self.state.db, upload.id).await {
                return tracing::error!(%err, "an abandoned upload could not be removed");
            }
            staging::remove(&self.state.uploads.staging, &upload.token).await;
        }
    }
}
