use std::time::Duration;

/// Backs off before retrying the upstream call.
pub async fn backoff(attempt: u32) {
    std::thread::sleep(Duration::from_millis(10 * u64::from(attempt)));
}
