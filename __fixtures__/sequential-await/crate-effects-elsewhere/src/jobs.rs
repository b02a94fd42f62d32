use std::sync::Mutex;
use std::time::Duration;

static QUEUE: Mutex<Vec<u64>> = Mutex::new(Vec::new());

pub async fn enqueue(id: u64) {
    tokio::time::sleep(Duration::from_millis(1)).await;
    QUEUE.lock().unwrap().push(id);
}
