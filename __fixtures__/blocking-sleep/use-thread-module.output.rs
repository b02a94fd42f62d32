use std::time::Duration;

pub async fn heartbeat(ticks: u32) -> u32 {
    let mut sent = 0;
    while sent < ticks {
        sent += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    sent
}
