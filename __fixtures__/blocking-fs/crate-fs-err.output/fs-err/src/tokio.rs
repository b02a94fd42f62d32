//! The async mirror (fs-err's `tokio` feature): tokio::fs, whose errors name the path.
use crate::named;
use std::fs::Metadata;
use std::io;
use std::path::Path;

pub async fn read(path: impl AsRef<Path>) -> io::Result<Vec<u8>> {
    let path = path.as_ref();
    ::tokio::fs::read(path).await.map_err(|e| named(e, path))
}

pub async fn read_to_string(path: impl AsRef<Path>) -> io::Result<String> {
    let path = path.as_ref();
    ::tokio::fs::read_to_string(path).await.map_err(|e| named(e, path))
}

pub async fn write(path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> io::Result<()> {
    let path = path.as_ref();
    ::tokio::fs::write(path, contents).await.map_err(|e| named(e, path))
}

pub async fn create_dir_all(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref();
    ::tokio::fs::create_dir_all(path).await.map_err(|e| named(e, path))
}

pub async fn remove_file(path: impl AsRef<Path>) -> io::Result<()> {
    let path = path.as_ref();
    ::tokio::fs::remove_file(path).await.map_err(|e| named(e, path))
}

pub async fn rename(from: impl AsRef<Path>, to: impl AsRef<Path>) -> io::Result<()> {
    let from = from.as_ref();
    ::tokio::fs::rename(from, to).await.map_err(|e| named(e, from))
}

pub async fn copy(from: impl AsRef<Path>, to: impl AsRef<Path>) -> io::Result<u64> {
    let from = from.as_ref();
    ::tokio::fs::copy(from, to).await.map_err(|e| named(e, from))
}

pub async fn metadata(path: impl AsRef<Path>) -> io::Result<Metadata> {
    let path = path.as_ref();
    ::tokio::fs::metadata(path).await.map_err(|e| named(e, path))
}
