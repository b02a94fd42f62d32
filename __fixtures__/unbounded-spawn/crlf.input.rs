async fn ship(order: u64) {
    tokio::task::yield_now().await;
    let _ = order;
}

/// CRLF line endings stay CRLF in the lines the fix adds.
pub async fn ship_all(orders: Vec<u64>) {
    for order in orders {
        tokio::spawn(ship(order));
    }
}
