use std::fs;

pub fn read_manifest(path: &str) -> Vec<u8> {
    fs::read(path).unwrap_or_default()
}

pub fn load(path: &str) -> Vec<u8> {
    read_manifest(path)
}

pub fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().map(|b| u32::from(*b)).sum()
}

/// Async: its own `std::fs` call is reported where it is (blocking-fs), not at its callers.
pub async fn load_async(path: &str) -> Vec<u8> {
    tokio::fs::read(path).await.unwrap_or_default()
}
