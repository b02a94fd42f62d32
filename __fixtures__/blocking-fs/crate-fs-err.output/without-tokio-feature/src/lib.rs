//! fs-err without its `tokio` feature: free fns become their `tokio::fs`
//! namesakes (same signatures; the errors no longer name the path).
use std::io;
use std::path::{Path, PathBuf};

pub async fn load(path: &Path) -> io::Result<Vec<u8>> {
    tokio::fs::read(path).await
}

pub async fn save(path: &Path, body: &str) -> io::Result<()> {
    tokio::fs::write(path, body).await
}

/// `fs_err::read_dir` yields fs-err's own entries: the loop moves into `spawn_blocking`.
pub async fn names(dir: PathBuf) -> io::Result<Vec<String>> {
    tokio::task::spawn_blocking(move || -> io::Result<Vec<String>> {
        let mut out = Vec::new();
        for entry in fs_err::read_dir(dir)? {
            out.push(entry?.file_name().to_string_lossy().into_owned());
        }
        Ok(out)
    })
    .await
    .expect("blocking task panicked")
}
