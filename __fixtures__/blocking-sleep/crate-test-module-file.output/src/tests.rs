// Test code by its parent's `#[cfg(test)] mod tests;`, with nothing in this file saying so:
// the dev-dependency tokio is there, so the sleep gets its fix.

async fn wait_a_bit() {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
}

#[tokio::test]
async fn waits() {
    wait_a_bit().await;
    crate::settle().await;
}
