use std::thread;
use std::time::Duration;

pub mod client {
    pub async fn reconnect(attempts: u32) -> bool {
        for attempt in 0..attempts {
            tokio::time::sleep(super::Duration::from_millis(100 * u64::from(attempt))).await;
        }
        attempts > 0
    }
}
