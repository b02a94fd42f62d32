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
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    'batches: for batch in batches {
        for item in batch.items {
            if batch.sealed {
                continue 'batches;
            }
            while handles.len() >= MAX_IN_FLIGHT {
                finished.extend(handles.join_next().await);
            }
            let index = finished.len() + handles.len();
            let task = check(item);
            handles.spawn(async move { (index, task.await) });
        }
    }
    while let Some(joined) = handles.join_next().await {
        finished.push(joined);
    }
    // A JoinSet yields tasks as they finish: put the results back in spawn order
    // (a task that panicked lost its index: its error takes a slot no result filled).
    let mut slots: Vec<_> = (0..finished.len()).map(|_| None).collect();
    let mut failed = Vec::new();
    for joined in finished {
        match joined {
            Ok((index, output)) => slots[index] = Some(Ok(output)),
            Err(error) => failed.push(error),
        }
    }
    let finished: Vec<_> = slots.into_iter().map(|slot| slot.unwrap_or_else(|| Err(failed.remove(0)))).collect();
    let mut passed = Vec::new();
    for handle in finished {
        passed.push(handle.unwrap());
    }
    passed
}

/// Fire and forget from an inner loop: one semaphore before the outer loop bounds both.
pub async fn ping_all(groups: Vec<Vec<u32>>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for group in groups {
        for item in group {
            let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
            let task = check(item);
            tokio::spawn(async move {
                let _permit = permit;
                task.await
            });
        }
    }
}
