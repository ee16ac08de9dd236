//! Where checked files are kept: a folder on local disk by default
//! (`EHC_DATA_DIR/files`), or an S3-compatible object store
//! (`EHC_S3_BUCKET`). Both sit behind `object_store`'s one interface, so a
//! file is stored, read by byte range and removed the same way whichever
//! is configured. Keys are made by the hub (`cases/<case>/<token>`), never
//! from what a person typed or their file's name.

use std::ops::Range;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;

/// S3 multipart parts: at least 5 MiB by the protocol; 8 MiB keeps a file's
/// memory on the server to a few parts at a time.
const PART: usize = 8 * 1024 * 1024;
/// Parts in flight at once while a staged file is sent to the object store.
const PARTS_IN_FLIGHT: usize = 2;

/// How to reach an S3-compatible object store.
#[derive(Clone, Debug)]
pub struct S3Settings {
    pub bucket: String,
    /// The service's address, for stores other than Amazon's (`EHC_S3_ENDPOINT`).
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

#[derive(Clone, Debug)]
pub enum Storage {
    Local { root: PathBuf, store: Arc<LocalFileSystem> },
    S3(Arc<AmazonS3>),
}

/// A stored file's bytes, streamed as they are read.
pub type Body = BoxStream<'static, std::io::Result<Bytes>>;

fn io_error(err: object_store::Error) -> std::io::Error {
    match err {
        object_store::Error::NotFound { .. } => std::io::Error::new(std::io::ErrorKind::NotFound, err),
        err => std::io::Error::other(err),
    }
}

impl Storage {
    /// Files in a folder on this machine's disk, created if missing.
    ///
    /// # Errors
    /// The folder cannot be created.
    pub fn local(root: PathBuf) -> std::io::Result<Storage> {
        std::fs::create_dir_all(&root)?;
        let store = LocalFileSystem::new_with_prefix(&root).map_err(io_error)?;
        Ok(Storage::Local {
            root,
            store: Arc::new(store),
        })
    }

    /// Files in an S3 bucket.
    ///
    /// # Errors
    /// The settings do not make a usable client.
    pub fn s3(settings: &S3Settings) -> std::io::Result<Storage> {
        // The HTTP client's TLS uses ring, as the database and mail clients do;
        // a provider set already (by an earlier call) is kept.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key);
        if let Some(endpoint) = &settings.endpoint {
            // A store on the council's own network may be reached without TLS.
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        Ok(Storage::S3(Arc::new(builder.build().map_err(io_error)?)))
    }

    fn store(&self) -> &dyn ObjectStore {
        match self {
            Storage::Local { store, .. } => store.as_ref(),
            Storage::S3(store) => store.as_ref(),
        }
    }

    fn key_path(key: &str) -> std::io::Result<Path> {
        Path::parse(key).map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidInput, err))
    }

    /// Where `path` is kept under `root`, its folder made if missing.
    async fn local_file(root: &FsPath, path: &Path) -> std::io::Result<PathBuf> {
        let to = path.parts().fold(root.to_path_buf(), |to, part| to.join(part.as_ref()));
        if let Some(folder) = to.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        Ok(to)
    }

    /// Moves a staged file into storage under `key`: a rename on local disk,
    /// a multipart upload streamed part by part to an object store.
    ///
    /// # Errors
    /// The file cannot be written.
    pub async fn put_staged(&self, staged: &FsPath, key: &str) -> std::io::Result<()> {
        let path = Self::key_path(key)?;
        match self {
            Storage::Local { root, .. } => {
                let to = Self::local_file(root, &path).await?;
                // A rename within one disk; a copy when staging is elsewhere.
                if tokio::fs::rename(staged, &to).await.is_err() {
                    tokio::fs::copy(staged, &to).await?;
                    tokio::fs::File::open(&to).await?.sync_all().await?;
                    tokio::fs::remove_file(staged).await?;
                }
                Ok(())
            }
            Storage::S3(store) => {
                let upload = store.put_multipart(&path).await.map_err(io_error)?;
                let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
                let mut file = tokio::fs::File::open(staged).await?;
                let mut buffer = vec![0; 1024 * 1024];
                loop {
                    let read = file.read(&mut buffer).await?;
                    if read == 0 {
                        break;
                    }
                    writer.wait_for_capacity(PARTS_IN_FLIGHT).await.map_err(io_error)?;
                    writer.write(&buffer[..read]);
                }
                writer.finish().await.map_err(io_error)?;
                tokio::fs::remove_file(staged).await
            }
        }
    }

    /// Stores `bytes` under `key` (a photo rewritten without its metadata, a thumbnail).
    ///
    /// # Errors
    /// The file cannot be written.
    pub async fn put_bytes(&self, key: &str, bytes: Bytes) -> std::io::Result<()> {
        let path = Self::key_path(key)?;
        match self {
            Storage::Local { root, .. } => {
                let to = Self::local_file(root, &path).await?;
                tokio::fs::write(&to, &bytes).await?;
                // On disk before the database says the file is ready.
                tokio::fs::File::open(&to).await?.sync_all().await
            }
            Storage::S3(store) => {
                store.put(&path, PutPayload::from(bytes)).await.map_err(io_error)?;
                Ok(())
            }
        }
    }

    /// A stored file's size in bytes.
    ///
    /// # Errors
    /// The file is missing (`NotFound`).
    pub async fn size(&self, key: &str) -> std::io::Result<u64> {
        let path = Self::key_path(key)?;
        Ok(self.store().head(&path).await.map_err(io_error)?.size)
    }

    /// Opens the bytes `range` of a stored file, streamed as they are read.
    ///
    /// # Errors
    /// The file is missing (`NotFound`) or the range lies outside it.
    pub async fn open(&self, key: &str, range: Range<u64>) -> std::io::Result<Body> {
        let path = Self::key_path(key)?;
        let options = GetOptions {
            range: Some(GetRange::Bounded(range)),
            ..GetOptions::default()
        };
        let got = self.store().get_opts(&path, options).await.map_err(io_error)?;
        Ok(got.into_stream().map_err(io_error).boxed())
    }

    /// The whole of a stored file, read into memory: for small files only.
    ///
    /// # Errors
    /// The file is missing.
    pub async fn bytes(&self, key: &str) -> std::io::Result<Bytes> {
        let path = Self::key_path(key)?;
        self.store()
            .get(&path)
            .await
            .map_err(io_error)?
            .bytes()
            .await
            .map_err(io_error)
    }

    /// Removes a stored file; one already gone is not an error.
    ///
    /// # Errors
    /// It exists but cannot be removed.
    pub async fn remove(&self, key: &str) -> std::io::Result<()> {
        let path = Self::key_path(key)?;
        match self.store().delete(&path).await {
            Err(object_store::Error::NotFound { .. }) | Ok(()) => Ok(()),
            Err(err) => Err(io_error(err)),
        }
    }
}
