use std::thread::sleep;
use std::time::Duration;

pub fn blocking_pause() {
    sleep(Duration::from_millis(1));
}

pub mod worker {
    use std::time::Duration;
    use tokio::time::sleep;

    /// `sleep` here is this module's import, not the parent's.
    pub async fn idle() {
        sleep(Duration::from_millis(1)).await;
    }
}
