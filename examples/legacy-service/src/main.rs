//! A small job-processing service written the way many first tokio services
//! are: it compiles, passes its tests, and stalls under load.

mod jobs;
mod poller;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

#[tokio::main]
async fn main() {
    let config = std::fs::read_to_string("service.toml").unwrap_or_default();
    let stats = Arc::new(Mutex::new(jobs::Stats::default()));

    let (tx, mut rx) = mpsc::channel::<jobs::Job>(64);
    let producer = tokio::spawn(jobs::produce(tx, config.lines().count() as u64 + 3));

    while let Some(job) = rx.recv().await {
        jobs::handle(job, stats.clone()).await;
    }
    producer.await.unwrap();

    // Give the log shipper a moment before exiting.
    std::thread::sleep(Duration::from_millis(20));
    let done = stats.lock().unwrap().completed;
    println!("processed {done} jobs");
    poller::poll_until_ready(3).await;
}
