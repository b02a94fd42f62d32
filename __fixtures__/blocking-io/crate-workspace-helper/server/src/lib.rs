use common::fs::load_config;
use common::Store;

/// Blocks through a helper of the `common` member, two calls deep.
pub async fn start() -> usize {
    let text = load_config();
    // Pure: calling it is fine.
    common::fs::parse(&text)
}

/// A method of a `common` type that blocks, and one that does not.
pub async fn fetch(store: &Store) -> usize {
    store.get().len() + store.name().len()
}

/// The helper runs on a blocking thread: not a finding.
pub async fn offloaded() -> String {
    tokio::task::spawn_blocking(load_config).await.expect("join")
}

/// Sync code may block: not a finding.
pub fn sync_start() -> String {
    load_config()
}

pub fn store() -> Store {
    Store::new("data.bin")
}
