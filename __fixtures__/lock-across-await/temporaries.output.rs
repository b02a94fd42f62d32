use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::mpsc;

async fn work(job: u64) -> u64 {
    tokio::task::yield_now().await;
    job
}

pub async fn forward(latest: &Mutex<u64>, tx: mpsc::Sender<u64>) -> Result<(), mpsc::error::SendError<u64>> {
    tx.send(*latest.lock().unwrap()).await
}

pub async fn drain(queue: &Mutex<VecDeque<u64>>) -> u64 {
    let mut total = 0;
    while let Some(job) = queue.lock().unwrap().pop_front() {
        total += work(job).await;
    }
    total
}

pub async fn first(queue: &Mutex<VecDeque<u64>>) -> u64 {
    match queue.lock().unwrap().front() {
        Some(&job) => work(job).await,
        None => 0,
    }
}
