use tokio::task::JoinError;

async fn score(line: String) -> usize {
    tokio::task::yield_now().await;
    line.split_whitespace().count()
}

/// `?` on a `JoinError`: the first failed task in input order ends the call.
pub async fn score_all(lines: Vec<String>) -> Result<Vec<usize>, JoinError> {
    let mut handles = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for line in lines {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = score(line);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    let mut scores = Vec::new();
    for handle in handles {
        scores.push(handle.await?);
    }
    Ok(scores)
}

/// A panicked task is logged and skipped; the others keep their order.
pub async fn score_lenient(lines: Vec<String>) -> Vec<usize> {
    let mut handles = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for line in lines {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        handles.push(tokio::spawn(async move { let _permit = permit; score(line).await }));
    }
    let mut scores = Vec::new();
    for handle in handles {
        match handle.await {
            Ok(n) => scores.push(n),
            Err(e) => tracing::warn!("scoring task failed: {e}"),
        }
    }
    scores
}
