//! A crate whose tokio has no `sync` feature: the Semaphore fix adds it.

async fn index(doc: String) {
    tokio::task::yield_now().await;
    drop(doc);
}

pub async fn index_all(docs: Vec<String>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for doc in docs {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = index(doc);
        tokio::spawn(async move {
            let _permit = permit;
            task.await
        });
    }
}

/// The JoinSet fix needs only `rt`, which is there.
pub async fn count_all(docs: Vec<String>) -> usize {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for doc in docs {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = async move { doc.len() };
        handles.spawn(async move { (index, task.await) });
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
    let mut total = 0;
    for h in finished {
        total += h.unwrap();
    }
    total
}
