use std::time::Duration;

#[tokio::test]
async fn settles() {
    std::thread::sleep(Duration::from_millis(1));
    dev_only::settle().await;
}
