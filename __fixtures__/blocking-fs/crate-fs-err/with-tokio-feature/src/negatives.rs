//! Nothing here blocks an executor thread.
use fs_err::tokio as afs;
use std::io;
use std::path::{Path, PathBuf};

pub async fn already_async(path: &Path) -> io::Result<String> {
    fs_err::tokio::read_to_string(path).await
}

pub async fn renamed_async(path: &Path, body: &str) -> io::Result<()> {
    afs::write(path, body).await
}

pub fn sync_load(path: &Path) -> io::Result<String> {
    fs_err::read_to_string(path)
}

pub async fn offloaded(path: PathBuf) -> io::Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || fs_err::read(path)).await.expect("blocking task panicked")
}
