use std::thread::sleep as pause;
use std::time::Duration;

/// Polls a backend until it reports ready, backing off between attempts.
pub async fn poll_until_ready(max_attempts: u32) -> bool {
    for attempt in 0..max_attempts {
        if check(attempt).await {
            return true;
        }
        pause(Duration::from_millis(10 * u64::from(attempt + 1)));
    }
    false
}

async fn check(attempt: u32) -> bool {
    tokio::task::yield_now().await;
    attempt >= 2
}

/// Runs the blocking variant on a dedicated thread: not async context.
pub async fn warm_cache() {
    tokio::task::spawn_blocking(|| pause(Duration::from_millis(1)))
        .await
        .expect("warm-up thread panicked");
}
