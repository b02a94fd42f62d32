use std::time::Duration;

pub async fn lazy_poll(mut check: impl FnMut() -> bool) {
    while !check() {
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
