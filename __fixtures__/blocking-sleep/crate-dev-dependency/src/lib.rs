use std::time::Duration;

/// The library is runtime-agnostic; tokio is only for its tests.
pub async fn settle() {
    std::thread::sleep(Duration::from_millis(1));
}
