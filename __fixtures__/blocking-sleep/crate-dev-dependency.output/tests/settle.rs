use std::time::Duration;

#[tokio::test]
async fn settles() {
    tokio::time::sleep(Duration::from_millis(1)).await;
    dev_only::settle().await;
}
