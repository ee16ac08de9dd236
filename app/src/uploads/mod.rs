//! Files sent to a case: the settings and the shared state of the uploads
//! one server instance receives. The resumable protocol and the checks are
//! served by the server crate (`server/src/uploads`); the pages that list
//! files belong to the areas that take them (views, advice, reviews).

pub mod storage;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::domain::uploads::UploadLimits;
use chrono::{TimeDelta, Utc};
use sea_orm::{DatabaseConnection, DbErr};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How long a request's lease on writing an upload runs unless renewed: a
/// server that dies mid-request holds its uploads no longer than this.
const LEASE: TimeDelta = TimeDelta::seconds(30);
/// How often a request still writing renews its lease.
const RENEW: Duration = Duration::from_secs(10);

/// The uploads settings and what one server instance shares between requests.
#[derive(Debug)]
pub struct Uploads {
    /// Bytes of uploads still arriving or being checked (`EHC_DATA_DIR/uploads/staging`).
    /// Several server instances must share it, as they share the database.
    pub staging: PathBuf,
    /// Where checked files are kept.
    pub storage: storage::Storage,
    pub limits: UploadLimits,
    /// How long an upload may sit untouched before it is abandoned and removed.
    pub expiry: TimeDelta,
    /// How long a request may send nothing before it is treated as dropped.
    pub idle: Duration,
    /// Wakes the checks when an upload's last byte arrives.
    pub complete: Notify,
    /// This server instance (machine and address), the start of each of its
    /// writing leases: so that, started again after a crash, it can give back
    /// the leases it held, and a phone carries on at once.
    instance: String,
}

impl Uploads {
    pub fn new(
        staging: PathBuf,
        storage: storage::Storage,
        limits: UploadLimits,
        expiry: TimeDelta,
        instance: String,
    ) -> Arc<Uploads> {
        Arc::new(Uploads {
            staging,
            storage,
            limits,
            expiry,
            idle: Duration::from_secs(20),
            complete: Notify::new(),
            instance,
        })
    }

    /// Gives back the writing leases this instance held before it last
    /// stopped: no request of it is writing now.
    ///
    /// # Errors
    /// A database error.
    pub async fn release_leases_left(&self, db: &DatabaseConnection) -> Result<u64, DbErr> {
        crate::store::uploads::end_leases_of(db, &format!("{}/", self.instance)).await
    }

    /// Claims the upload for one request's writing, whichever server instance
    /// it reached: a lease in the database, renewed while the request runs.
    /// `None` while another request holds it: that one waits its turn (423)
    /// rather than interleaving bytes.
    ///
    /// # Errors
    /// A database error.
    pub async fn claim(&self, db: &DatabaseConnection, id: i64) -> Result<Option<WritingGuard>, DbErr> {
        use rand::RngCore;
        let mut bytes = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut bytes);
        let writer = format!("{}/{}", self.instance, data_encoding::HEXLOWER.encode(&bytes));
        let now = Utc::now();
        if !crate::store::uploads::lease(db, id, &writer, now, now + LEASE).await? {
            return Ok(None);
        }
        let renewing = tokio::spawn({
            let (db, writer) = (db.clone(), writer.clone());
            async move {
                loop {
                    tokio::time::sleep(RENEW).await;
                    let now = Utc::now();
                    match crate::store::uploads::lease(&db, id, &writer, now, now + LEASE).await {
                        Ok(true) => {}
                        Ok(false) => return tracing::warn!(upload = id, "a writing lease was lost"),
                        Err(err) => tracing::warn!(%err, upload = id, "a writing lease could not be renewed"),
                    }
                }
            }
        });
        Ok(Some(WritingGuard {
            db: db.clone(),
            id,
            writer,
            renewing,
            released: false,
        }))
    }
}

/// A request's lease on writing an upload. Give it back with `release` once
/// the bytes are recorded, so the next part can start at once; if the
/// request ends otherwise, dropping it gives it back in the background.
pub struct WritingGuard {
    db: DatabaseConnection,
    id: i64,
    writer: String,
    renewing: JoinHandle<()>,
    released: bool,
}

impl WritingGuard {
    /// # Errors
    /// A database error (the lease then runs out by itself).
    pub async fn release(mut self) -> Result<(), DbErr> {
        self.renewing.abort();
        self.released = true;
        crate::store::uploads::end_lease(&self.db, self.id, &self.writer).await
    }
}

impl Drop for WritingGuard {
    fn drop(&mut self) {
        self.renewing.abort();
        if !self.released {
            let (db, id, writer) = (self.db.clone(), self.id, std::mem::take(&mut self.writer));
            tokio::spawn(async move {
                if let Err(err) = crate::store::uploads::end_lease(&db, id, &writer).await {
                    tracing::warn!(%err, upload = id, "a writing lease could not be given back");
                }
            });
        }
    }
}
