use std::time::Duration;

pub async fn drain(queue: &mut Vec<u64>) -> u64 {
    let mut total = 0;
    while let Some(item) = queue.pop() {
        total += item;
        tokio::time::sleep(Duration::from_millis(item)).await;
    }
    total
}
