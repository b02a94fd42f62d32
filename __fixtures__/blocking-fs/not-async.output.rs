use std::fs;
use tokio::fs as afs;

/// Already tokio: `afs::read` is `tokio::fs::read`.
pub async fn already(path: &str) -> std::io::Result<Vec<u8>> {
    afs::read(path).await
}

/// Blocking work handed to threads made for it.
pub async fn offloaded(path: String) -> std::io::Result<String> {
    let p = path.clone();
    let first = tokio::task::spawn_blocking(move || fs::read_to_string(p)).await.expect("join")?;
    let second = tokio::task::block_in_place(|| fs::read_to_string(&path))?;
    let third = std::thread::spawn(move || fs::read_to_string(path)).join().expect("thread")?;
    Ok(first + &second + &third)
}

/// Sync code may block.
pub fn load(path: &str) -> std::io::Result<String> {
    fs::read_to_string(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_sync() {
        assert!(std::fs::read_to_string("/nonexistent/file").is_err());
    }
}
