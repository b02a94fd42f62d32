use std::{fs, time::Duration};

pub async fn save_with_backoff(path: &str, body: &str) -> Duration {
    let mut wait = Duration::from_millis(10);
    while fs::write(path, body).is_err() {
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    wait
}
