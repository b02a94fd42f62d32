use std::time::{Duration, Instant};

pub async fn rate_limited(calls: u32) -> Duration {
    let started = Instant::now();
    for i in 0..calls {
        if i % 10 == 9 {
            tokio::time::sleep(Duration::from_millis(100)).await;
        } else {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    started.elapsed()
}
