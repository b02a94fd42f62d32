use std::time::Duration;

pub async fn save_with_backoff(path: &str, body: &str) -> Duration {
    let mut wait = Duration::from_millis(10);
    while tokio::fs::write(path, body).await.is_err() {
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    wait
}
