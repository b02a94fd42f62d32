use futures::future::join_all;
use tokio::task::JoinHandle;

async fn resize(width: u32) -> u32 {
    tokio::task::yield_now().await;
    width / 2
}

/// Thumbnail widths, one per input, at the same index.
pub async fn thumbnails(widths: Vec<u32>) -> Vec<Option<u32>> {
    let mut handles: Vec<JoinHandle<u32>> = vec![];
    for width in widths.iter().copied() {
        handles.push(tokio::spawn(resize(width)));
    }
    let results = join_all(handles).await;
    results.into_iter().map(|r| r.ok()).collect()
}
