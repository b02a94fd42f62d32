async fn ship(order: u64) {
    tokio::task::yield_now().await;
    let _ = order;
}

/// CRLF line endings stay CRLF in the lines the fix adds.
pub async fn ship_all(orders: Vec<u64>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for order in orders {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = ship(order);
        tokio::spawn(async move {
            let _permit = permit;
            task.await
        });
    }
}
