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
    'batches: for batch in batches {
        for item in batch.items {
            if batch.sealed {
                continue 'batches;
            }
            handles.push(tokio::spawn(check(item)));
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
    for group in groups {
        for item in group {
            tokio::spawn(check(item));
        }
    }
}
