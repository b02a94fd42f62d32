use tokio::task;

async fn audit(entry: String) {
    task::yield_now().await;
    drop(entry);
}

/// `task::spawn` through `use tokio::task;`, one line per async block.
pub async fn audit_all(entries: Vec<String>) {
    let mut queue = entries;
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    while let Some(entry) = queue.pop() {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        task::spawn(async move { let _permit = permit; audit(entry).await });
    }
}
