use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, Mutex};

async fn load(key: u32) -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    key * 2
}

pub async fn lock_then_use(state: Arc<Mutex<Vec<u32>>>) -> usize {
    let guard = state.lock().await;
    let extra = load(1).await;
    guard.len() + extra as usize
}

pub async fn request_reply(tx: mpsc::Sender<u32>, mut rx: mpsc::Receiver<u32>) -> Option<u32> {
    tx.send(1).await.ok()?;
    let reply = rx.recv().await;
    reply
}

pub async fn paced(key: u32) -> u32 {
    let first = load(key).await;
    tokio::time::sleep(Duration::from_millis(10)).await;
    let second = load(key + 1).await;
    tokio::task::yield_now().await;
    first + second
}

pub async fn write_then_read(path: &std::path::Path) -> std::io::Result<String> {
    tokio::fs::write(path, b"v2").await?;
    let text = tokio::fs::read_to_string(path).await?;
    Ok(text)
}

pub async fn selected(mut rx: mpsc::Receiver<u32>) -> u32 {
    let a = load(1).await;
    let b = tokio::select! {
        v = rx.recv() => v.unwrap_or(0),
        _ = tokio::time::sleep(Duration::from_millis(5)) => 0,
    };
    a + b
}

pub struct Db {
    rows: std::sync::Mutex<Vec<u32>>,
}

async fn insert_row(db: &Db, row: u32) {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    db.rows.lock().unwrap().push(row);
}

async fn count_rows(db: &Db) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    db.rows.lock().unwrap().len()
}

pub async fn insert_then_count(db: &Db) -> usize {
    // Write, then read what was written: the order is the point.
    insert_row(db, 7).await;
    count_rows(db).await
}

pub async fn insert_then_count_again(db: &Db) -> usize {
    insert_row(db, 8).await;
    let n = count_rows(db).await;
    n
}
