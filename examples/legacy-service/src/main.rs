//! A small job-processing service written the way many first tokio services
//! are: it compiles, passes its tests, and stalls under load.

mod jobs;
mod notify;
mod poller;
mod storage;

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
    let checksum = jobs::checksum_batch(&[config.clone().into_bytes()]).await;
    jobs::finish_batch(&stats, checksum % 2).await;
    println!("batch checksum {checksum:x}");
    let inflight = Mutex::new(std::collections::HashSet::new());
    jobs::run_tracked(&inflight, jobs::Job { id: 0 }, stats.clone()).await;

    // Give the log shipper a moment before exiting.
    std::thread::sleep(Duration::from_millis(20));
    let done = stats.lock().unwrap().completed;
    println!("processed {done} jobs");
    let delivered = notify::notify_users((0..done).collect()).await;
    println!("notified {} users", delivered.len());
    poller::poll_until_ready(3).await;
    let spool = std::path::Path::new("spool");
    let spooled = storage::spooled_jobs(spool).await.unwrap_or_default();
    storage::stamp_revision(spool).await.ok();
    println!("{} spooled jobs", spooled.len());
}
