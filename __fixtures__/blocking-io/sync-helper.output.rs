use std::fs;
use std::path::Path;
use std::time::Duration;

fn write_cache(dir: &Path, body: &str) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join("cache"), body)
}

fn settle() {
    std::thread::sleep(Duration::from_millis(5));
}

/// Blocks through another helper.
fn refresh(dir: &Path) -> std::io::Result<()> {
    settle();
    write_cache(dir, "fresh")
}

/// Pure: calling it is fine.
fn checksum(body: &str) -> u32 {
    body.bytes().map(u32::from).sum()
}

pub async fn handle(dir: &Path, body: String) -> std::io::Result<u32> {
    write_cache(dir, &body)?;
    refresh(dir)?;
    settle();
    Ok(checksum(&body))
}

/// Called on a blocking thread or from sync code: not a finding.
pub async fn offloaded(dir: std::path::PathBuf) -> std::io::Result<()> {
    tokio::task::spawn_blocking(move || refresh(&dir)).await.expect("join")
}

pub fn sync_caller(dir: &Path) -> std::io::Result<()> {
    refresh(dir)
}
