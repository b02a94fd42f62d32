use std::time::Duration;

async fn ping(host: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(1)).await;
    host.len()
}

pub async fn ping_both() -> usize {
    let (a, b) = tokio::join!(ping("a.example"), ping("b.example"));
    a + b
}
