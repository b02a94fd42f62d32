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
