use common::rt::tokio;

pub async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
}
