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
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for id in ids {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = fetch(id);
        handles.spawn(async move { (index, task.await) });
    }
    while let Some(joined) = handles.join_next().await {
        finished.push(joined);
    }
    // A JoinSet yields tasks as they finish: put the results back in spawn order
    // (a task that panicked lost its index: its error takes a slot no result filled).
    let mut slots: Vec<_> = (0..finished.len()).map(|_| None).collect();
    let mut failed = Vec::new();
    for joined in finished {
        match joined {
            Ok((index, output)) => slots[index] = Some(Ok(output)),
            Err(error) => failed.push(error),
        }
    }
    let finished: Vec<_> = slots.into_iter().map(|slot| slot.unwrap_or_else(|| Err(failed.remove(0)))).collect();
    let mut records = Vec::new();
    for handle in finished {
        records.push(handle.unwrap());
    }
    records
}
