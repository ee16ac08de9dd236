//! Files sent to a case: the settings and the shared state of the uploads
//! one server instance receives. The resumable protocol and the checks are
//! served by the server crate (`server/src/uploads`); the pages that list
//! files belong to the areas that take them (views, advice, reviews).

pub mod storage;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::domain::uploads::UploadLimits;
use chrono::TimeDelta;
use tokio::sync::Notify;

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
    /// Uploads a request of this instance is writing to: a second request for
    /// the same upload waits its turn (423) rather than interleaving bytes.
    writing: Mutex<HashSet<i64>>,
    /// Wakes the checks when an upload's last byte arrives.
    pub complete: Notify,
}

impl Uploads {
    pub fn new(staging: PathBuf, storage: storage::Storage, limits: UploadLimits, expiry: TimeDelta) -> Arc<Uploads> {
        Arc::new(Uploads {
            staging,
            storage,
            limits,
            expiry,
            idle: Duration::from_secs(20),
            writing: Mutex::new(HashSet::new()),
            complete: Notify::new(),
        })
    }

    /// Claims the upload for one request's writing, until the guard drops.
    pub fn claim(self: &Arc<Self>, id: i64) -> Option<WritingGuard> {
        let mut writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        writing.insert(id).then(|| WritingGuard {
            uploads: self.clone(),
            id,
        })
    }
}

pub struct WritingGuard {
    uploads: Arc<Uploads>,
    id: i64,
}

impl Drop for WritingGuard {
    fn drop(&mut self) {
        self.uploads
            .writing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.id);
    }
}
