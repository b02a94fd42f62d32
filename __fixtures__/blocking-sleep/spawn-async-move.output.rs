use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::task::JoinHandle;

pub fn start_ticker(counter: Arc<AtomicU64>, period: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(period).await;
        }
    })
}
