use std::time::Duration;

/// Always compiled: tokio may be absent, so this one is only reported.
pub async fn portable_pause() {
    std::thread::sleep(Duration::from_millis(1));
}

#[cfg(feature = "rt")]
pub mod runtime {
    use std::time::Duration;

    pub async fn pause() {
        std::thread::sleep(Duration::from_millis(1));
    }
}
