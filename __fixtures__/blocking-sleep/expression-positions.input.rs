use std::time::Duration;

/// Tail of the function body.
pub async fn settle(delay: Duration) {
    std::thread::sleep(delay)
}

/// Tail of an async block.
pub async fn settle_in_block(delay: Duration) -> u32 {
    let task = async move { std::thread::sleep(delay) };
    task.await;
    1
}

/// The unit value bound to `_`.
pub async fn settle_discarding(delay: Duration) {
    let _ = std::thread::sleep(delay);
}

/// The unit value wrapped in `Ok`.
pub async fn settle_ok(delay: Duration) -> anyhow::Result<()> {
    Ok(std::thread::sleep(delay))
}
