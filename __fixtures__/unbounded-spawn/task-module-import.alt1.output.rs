use tokio::task;

async fn audit(entry: String) {
    task::yield_now().await;
    drop(entry);
}

/// `task::spawn` through `use tokio::task;`, one line per async block.
pub async fn audit_all(entries: Vec<String>) {
    let mut queue = entries;
    const MAX_IN_FLIGHT: usize = 100;
    let mut tasks = tokio::task::JoinSet::new();
    while let Some(entry) = queue.pop() {
        while tasks.len() >= MAX_IN_FLIGHT {
            tasks.join_next().await;
        }
        tasks.spawn(async move { audit(entry).await });
    }
    while tasks.join_next().await.is_some() {}
}
