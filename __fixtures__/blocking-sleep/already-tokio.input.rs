use std::time::Duration;
use tokio::time::sleep;

pub async fn backoff(attempt: u32) {
    sleep(Duration::from_millis(10 << attempt)).await;
    tokio::time::sleep(Duration::from_millis(1)).await;
}
