pub struct Batch {
    pub items: Vec<u32>,
    pub sealed: bool,
}

async fn check(item: u32) -> bool {
    tokio::task::yield_now().await;
    item % 7 != 0
}

/// Checks every item of every open batch; a sealed batch is skipped whole.
pub async fn check_batches(batches: Vec<Batch>) -> Vec<bool> {
    let mut handles = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    'batches: for batch in batches {
        for item in batch.items {
            if batch.sealed {
                continue 'batches;
            }
            let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
            let task = check(item);
            handles.push(tokio::spawn(async move {
                let _permit = permit;
                task.await
            }));
        }
    }
    let mut passed = Vec::new();
    for handle in handles {
        passed.push(handle.await.unwrap());
    }
    passed
}

/// Fire and forget from an inner loop: one semaphore before the outer loop bounds both.
pub async fn ping_all(groups: Vec<Vec<u32>>) {
    const MAX_IN_FLIGHT: usize = 100;
    let mut tasks = tokio::task::JoinSet::new();
    for group in groups {
        for item in group {
            while tasks.len() >= MAX_IN_FLIGHT {
                tasks.join_next().await;
            }
            tasks.spawn(check(item));
        }
    }
    while tasks.join_next().await.is_some() {}
}
