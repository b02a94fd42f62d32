use futures::future::join_all;
use tokio::task::JoinHandle;

async fn resize(width: u32) -> u32 {
    tokio::task::yield_now().await;
    width / 2
}

/// Thumbnail widths, one per input, at the same index.
pub async fn thumbnails(widths: Vec<u32>) -> Vec<Option<u32>> {
    let mut handles: Vec<JoinHandle<u32>> = vec![];
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for width in widths.iter().copied() {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = resize(width);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    let results = join_all(handles).await;
    results.into_iter().map(|r| r.ok()).collect()
}
