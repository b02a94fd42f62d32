mod store;
mod util;

pub use store::Store;

/// Blocks through a helper in another file, two calls deep.
pub async fn handler(path: &str) -> usize {
    let bytes = util::load(path);
    // Pure: calling it is fine.
    util::checksum(&bytes) as usize
}

/// The helper runs on a blocking thread: not a finding.
pub async fn offloaded(path: String) -> Vec<u8> {
    tokio::task::spawn_blocking(move || util::load(&path)).await.expect("join")
}

/// Sync code may block: not a finding.
pub fn sync_caller(path: &str) -> Vec<u8> {
    util::load(path)
}
