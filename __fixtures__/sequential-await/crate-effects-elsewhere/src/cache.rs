use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub static HITS: AtomicU64 = AtomicU64::new(0);

pub async fn refresh(id: u64) {
    tokio::time::sleep(Duration::from_millis(id % 3)).await;
    HITS.fetch_add(1, Ordering::SeqCst);
}

pub async fn hits() -> u64 {
    tokio::time::sleep(Duration::from_millis(1)).await;
    HITS.load(Ordering::SeqCst)
}

pub async fn cached(id: u64) -> u64 {
    id * 2
}
