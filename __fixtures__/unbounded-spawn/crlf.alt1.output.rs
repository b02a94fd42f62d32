async fn ship(order: u64) {
    tokio::task::yield_now().await;
    let _ = order;
}

/// CRLF line endings stay CRLF in the lines the fix adds.
pub async fn ship_all(orders: Vec<u64>) {
    const MAX_IN_FLIGHT: usize = 100;
    let mut tasks = tokio::task::JoinSet::new();
    for order in orders {
        while tasks.len() >= MAX_IN_FLIGHT {
            tasks.join_next().await;
        }
        tasks.spawn(ship(order));
    }
    while tasks.join_next().await.is_some() {}
}
