use crate::rt::tokio;

pub async fn wait() {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
}
