use std::time::Duration;

/// Tail of the function body.
pub async fn settle(delay: Duration) {
    tokio::time::sleep(delay).await
}

/// Tail of an async block.
pub async fn settle_in_block(delay: Duration) -> u32 {
    let task = async move { tokio::time::sleep(delay).await };
    task.await;
    1
}

/// The unit value bound to `_`.
pub async fn settle_discarding(delay: Duration) {
    let _ = tokio::time::sleep(delay).await;
}

/// The unit value wrapped in `Ok`.
pub async fn settle_ok(delay: Duration) -> anyhow::Result<()> {
    Ok(tokio::time::sleep(delay).await)
}
