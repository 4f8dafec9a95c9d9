//! Where attachment bytes live, behind a small interface so an S3-compatible store
//! can be added for multi-instance deployments. The local disk store is the default:
//! files outside the web root under generated names, written to a temporary file,
//! fsynced, then renamed, so an interrupted upload leaves nothing but a temporary
//! file that the sweep removes.
use async_trait::async_trait;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};
use tokio::io::AsyncWriteExt;

/// Why the caller's check refused the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    BadType,
    Empty,
}

/// Why a write stopped.
#[derive(Debug)]
pub enum PutError {
    /// The caller's check refused a chunk.
    Refused(Refusal),
    /// Reading the body or writing the store failed.
    Io(std::io::Error),
}

/// The caller's check: `(chunk, bytes so far)`; an empty chunk marks the end.
pub type Check<'c> = dyn FnMut(&[u8], u64) -> Result<(), Refusal> + Send + 'c;

/// A chunk source: the request body.
pub type Chunks<'a> = std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'a>>;

/// A place for attachment bytes.
#[async_trait]
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `chunks` under a new generated key, calling `check(chunk, size so far)`
    /// before each chunk is kept; on any error nothing stays. Returns key and size.
    async fn put(&self, chunks: Chunks<'_>, check: &mut Check<'_>) -> Result<(String, u64), PutError>;
    /// Opens object `key` for reading.
    async fn open(&self, key: &str) -> std::io::Result<tokio::fs::File>;
    /// Deletes object `key` (no error if it is gone).
    async fn delete(&self, key: &str) -> std::io::Result<()>;
    /// Keys of objects older than `age`, and removes unfinished writes older than it.
    async fn old_keys(&self, age: Duration) -> std::io::Result<Vec<String>>;
}

/// Files in one folder (`data_dir/attachments`), temporary writes in `tmp/` below it.
#[derive(Debug, Clone)]
pub struct LocalDisk {
    dir: PathBuf,
}

impl LocalDisk {
    /// A store in `dir` (created if missing).
    pub fn new(dir: PathBuf) -> std::io::Result<LocalDisk> {
        std::fs::create_dir_all(dir.join("tmp"))?;
        Ok(LocalDisk { dir })
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        let ok = !key.is_empty() && key.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| self.dir.join(key))
    }
}

#[async_trait]
impl BlobStore for LocalDisk {
    async fn put(&self, mut chunks: Chunks<'_>, check: &mut Check<'_>) -> Result<(String, u64), PutError> {
        use futures_util::StreamExt;
        let key = uuid::Uuid::new_v4().simple().to_string();
        let tmp = self.dir.join("tmp").join(format!("{key}.part"));
        let mut file = tokio::fs::File::create(&tmp).await.map_err(PutError::Io)?;
        let mut size: u64 = 0;
        let result: Result<(), PutError> = async {
            while let Some(chunk) = chunks.next().await {
                let chunk = chunk.map_err(PutError::Io)?;
                check(&chunk, size).map_err(PutError::Refused)?;
                size += chunk.len() as u64;
                file.write_all(&chunk).await.map_err(PutError::Io)?;
            }
            check(&[], size).map_err(PutError::Refused)?;
            file.flush().await.map_err(PutError::Io)?;
            file.sync_all().await.map_err(PutError::Io)?;
            Ok(())
        }
        .await;
        drop(file);
        if let Err(e) = result {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e);
        }
        let path = self.path(&key).expect("generated key");
        if let Err(e) = tokio::fs::rename(&tmp, &path).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(PutError::Io(e));
        }
        if let Ok(d) = tokio::fs::File::open(&self.dir).await {
            let _ = d.sync_all().await;
        }
        Ok((key, size))
    }

    async fn open(&self, key: &str) -> std::io::Result<tokio::fs::File> {
        let path = self.path(key).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "bad key"))?;
        tokio::fs::File::open(path).await
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        match self.path(key) {
            Some(p) => match tokio::fs::remove_file(p).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    async fn old_keys(&self, age: Duration) -> std::io::Result<Vec<String>> {
        let cutoff = SystemTime::now() - age;
        let old = |m: &std::fs::Metadata| m.modified().map(|t| t < cutoff).unwrap_or(false);
        let mut tmp = tokio::fs::read_dir(self.dir.join("tmp")).await?;
        while let Some(e) = tmp.next_entry().await? {
            if e.metadata().await.map(|m| old(&m)).unwrap_or(false) {
                let _ = tokio::fs::remove_file(e.path()).await;
            }
        }
        let mut out = vec![];
        let mut entries = tokio::fs::read_dir(&self.dir).await?;
        while let Some(e) = entries.next_entry().await? {
            let name = e.file_name().to_string_lossy().to_string();
            let meta = e.metadata().await?;
            if meta.is_file() && self.path(&name).is_some() && old(&meta) {
                out.push(name);
            }
        }
        Ok(out)
    }
}
