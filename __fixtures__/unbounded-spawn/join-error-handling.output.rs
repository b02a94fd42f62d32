use tokio::task::JoinError;

async fn score(line: String) -> usize {
    tokio::task::yield_now().await;
    line.split_whitespace().count()
}

/// `?` on a `JoinError`: the first failed task in input order ends the call.
pub async fn score_all(lines: Vec<String>) -> Result<Vec<usize>, JoinError> {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for line in lines {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = score(line);
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
    let mut scores = Vec::new();
    for handle in finished {
        scores.push(handle?);
    }
    Ok(scores)
}

/// A panicked task is logged and skipped; the others keep their order.
pub async fn score_lenient(lines: Vec<String>) -> Vec<usize> {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for line in lines {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = async move { score(line).await };
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
    let mut scores = Vec::new();
    for handle in finished {
        match handle {
            Ok(n) => scores.push(n),
            Err(e) => tracing::warn!("scoring task failed: {e}"),
        }
    }
    scores
}
