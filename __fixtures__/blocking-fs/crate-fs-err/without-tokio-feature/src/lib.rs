//! fs-err without its `tokio` feature: free fns become their `tokio::fs`
//! namesakes (same signatures; the errors no longer name the path).
use fs_err as fs;
use std::io;
use std::path::{Path, PathBuf};

pub async fn load(path: &Path) -> io::Result<Vec<u8>> {
    fs::read(path)
}

pub async fn save(path: &Path, body: &str) -> io::Result<()> {
    fs_err::write(path, body)
}

/// `fs_err::read_dir` yields fs-err's own entries: the loop moves into `spawn_blocking`.
pub async fn names(dir: PathBuf) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        out.push(entry?.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}
