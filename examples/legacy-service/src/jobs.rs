use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tokio::sync::mpsc;

#[derive(Debug)]
pub struct Job {
    pub id: u64,
}

#[derive(Debug, Default)]
pub struct Stats {
    pub completed: u64,
}

pub async fn produce(tx: mpsc::Sender<Job>, count: u64) {
    for id in 0..count {
        // Backoff between jobs, written as if this were a thread.
        thread::sleep(Duration::from_millis(5));
        tx.send(Job { id }).await.unwrap();
    }
}

pub async fn handle(job: Job, stats: Arc<Mutex<Stats>>) {
    let user = fetch_user(job.id).await;
    let quota = fetch_quota(job.id).await;
    let mut guard = stats.lock().unwrap();
    guard.completed += 1;
    drop(guard);
    if user + quota > 1_000 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

async fn fetch_user(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    id * 10
}

async fn fetch_quota(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    id + 100
}

/// Counts a finished batch, then lets the metrics exporter catch up.
pub async fn finish_batch(stats: &Mutex<Stats>, size: u64) {
    let mut guard = stats.lock().unwrap();
    guard.completed += size;
    tokio::task::yield_now().await;
}

/// Checksums a batch's payloads before they are archived.
pub async fn checksum_batch(payloads: &[Vec<u8>]) -> u64 {
    let mut sum = 0u64;
    for (i, payload) in payloads.iter().enumerate() {
        sum ^= hash_payload(payload).rotate_left(i as u32 % 64);
    }
    sum
}

fn hash_payload(payload: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    payload.hash(&mut hasher);
    hasher.finish()
}

/// Runs a job while it is listed as in flight, for the status page.
pub async fn run_tracked(inflight: &Mutex<std::collections::HashSet<u64>>, job: Job, stats: Arc<Mutex<Stats>>) {
    let id = job.id;
    inflight.lock().unwrap().insert(id);
    handle(job, stats).await;
    inflight.lock().unwrap().remove(&id);
}

pub fn retry_sync(attempts: u32) -> u32 {
    // A sync helper: sleeping here is fine, nothing async runs on this thread.
    for _ in 0..attempts {
        thread::sleep(Duration::from_millis(1));
    }
    attempts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_counts() {
        assert_eq!(retry_sync(2), 2);
    }

    #[tokio::test]
    async fn handles_a_job() {
        let stats = Arc::new(Mutex::new(Stats::default()));
        thread::sleep(Duration::from_millis(1));
        handle(Job { id: 1 }, stats.clone()).await;
        assert_eq!(stats.lock().unwrap().completed, 1);
    }
}
