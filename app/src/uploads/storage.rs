//! Where checked files are kept: a folder on local disk by default
//! (`EHC_DATA_DIR/files`). Keys are made by the hub (`cases/<case>/<token>`),
//! never from what a person typed or their file's name.

use std::path::{Path, PathBuf};

use tokio::fs::File;

#[derive(Clone, Debug)]
pub enum Storage {
    Local(PathBuf),
}

impl Storage {
    fn local_path(root: &Path, key: &str) -> PathBuf {
        key.split('/').fold(root.to_path_buf(), |path, part| path.join(part))
    }

    /// Where a stored file is on local disk (served with range requests).
    pub fn path(&self, key: &str) -> PathBuf {
        match self {
            Storage::Local(root) => Self::local_path(root, key),
        }
    }

    /// Moves a staged file into storage under `key`.
    ///
    /// # Errors
    /// The file cannot be written.
    pub async fn put_staged(&self, staged: &Path, key: &str) -> std::io::Result<()> {
        match self {
            Storage::Local(root) => {
                let to = Self::local_path(root, key);
                if let Some(folder) = to.parent() {
                    tokio::fs::create_dir_all(folder).await?;
                }
                // A rename within one disk; a copy when staging is elsewhere.
                if tokio::fs::rename(staged, &to).await.is_err() {
                    tokio::fs::copy(staged, &to).await?;
                    File::open(&to).await?.sync_all().await?;
                    tokio::fs::remove_file(staged).await?;
                }
                Ok(())
            }
        }
    }

    /// Stores `bytes` under `key` (a photo rewritten without its metadata).
    ///
    /// # Errors
    /// The file cannot be written.
    pub async fn put_bytes(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Storage::Local(root) => {
                let to = Self::local_path(root, key);
                if let Some(folder) = to.parent() {
                    tokio::fs::create_dir_all(folder).await?;
                }
                tokio::fs::write(&to, bytes).await?;
                File::open(&to).await?.sync_all().await
            }
        }
    }

    /// Opens a stored file for reading.
    ///
    /// # Errors
    /// The file is missing.
    pub async fn open(&self, key: &str) -> std::io::Result<File> {
        match self {
            Storage::Local(root) => File::open(Self::local_path(root, key)).await,
        }
    }

    /// Removes a stored file.
    ///
    /// # Errors
    /// It exists but cannot be removed.
    pub async fn remove(&self, key: &str) -> std::io::Result<()> {
        match self {
            Storage::Local(root) => match tokio::fs::remove_file(Self::local_path(root, key)).await {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            },
        }
    }
}
