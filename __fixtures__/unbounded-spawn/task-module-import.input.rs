use tokio::task;

async fn audit(entry: String) {
    task::yield_now().await;
    drop(entry);
}

/// `task::spawn` through `use tokio::task;`, one line per async block.
pub async fn audit_all(entries: Vec<String>) {
    let mut queue = entries;
    while let Some(entry) = queue.pop() {
        task::spawn(async move { audit(entry).await });
    }
}
