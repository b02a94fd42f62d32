use std::time::Duration;

async fn ping(host: &str) -> usize {
    tokio::time::sleep(Duration::from_millis(1)).await;
    host.len()
}

pub async fn ping_both() -> usize {
    let a = ping("a.example").await;
    let b = ping("b.example").await;
    a + b
}
