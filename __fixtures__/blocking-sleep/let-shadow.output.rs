use std::thread::sleep;
use std::time::Duration;

pub fn sync_pause() {
    sleep(Duration::from_millis(1));
}

pub async fn paced(items: Vec<u32>) -> u32 {
    let sleep = |ms: u64| tokio::time::sleep(Duration::from_millis(ms));
    let mut sum = 0;
    for item in items {
        sum += item;
        sleep(5).await;
    }
    sum
}

pub async fn with_hook(sleep: impl Fn(Duration) -> tokio::time::Sleep) {
    sleep(Duration::from_millis(1)).await;
}
