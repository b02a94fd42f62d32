use runtime_support::tokio;
use std::time::Duration;

pub async fn poll_once() {
    std::thread::sleep(Duration::from_millis(5));
    tokio::task::yield_now().await;
}
