use std::time::Duration;

/// Backs off before retrying the upstream call.
pub async fn backoff(attempt: u32) {
    tokio::time::sleep(Duration::from_millis(10 * u64::from(attempt))).await;
}
