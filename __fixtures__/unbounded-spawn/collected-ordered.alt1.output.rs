//! Fetches every requested record at once and returns them in request order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How many fetches are running right now, and the most there ever were.
pub static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
pub static PEAK: AtomicUsize = AtomicUsize::new(0);

async fn fetch(id: u64) -> String {
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    PEAK.fetch_max(now, Ordering::SeqCst);
    // Later ids finish first, so completion order is not request order.
    tokio::time::sleep(Duration::from_micros(2_000 - (id % 1_000))).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    format!("record-{id}")
}

pub async fn fetch_all(ids: Vec<u64>) -> Vec<String> {
    let mut handles = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for id in ids {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = fetch(id);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    let mut records = Vec::new();
    for handle in handles {
        records.push(handle.await.unwrap());
    }
    records
}
