use std::sync::Arc;

use tokio::sync::Semaphore;

async fn upload(part: Vec<u8>) -> usize {
    tokio::task::yield_now().await;
    part.len()
}

/// A permit is taken before each spawn and held by the task.
pub async fn upload_parts(parts: Vec<Vec<u8>>, limit: Arc<Semaphore>) -> usize {
    let mut handles = Vec::new();
    for part in parts {
        let permit = limit.clone().acquire_owned().await.unwrap();
        handles.push(tokio::spawn(async move {
            let sent = upload(part).await;
            drop(permit);
            sent
        }));
    }
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap();
    }
    total
}

/// A JoinSet that already waits for room before each spawn.
pub async fn upload_capped(parts: Vec<Vec<u8>>) -> usize {
    let mut set = tokio::task::JoinSet::new();
    let mut total = 0;
    for part in parts {
        while set.len() >= 8 {
            total += set.join_next().await.unwrap().unwrap();
        }
        set.spawn(upload(part));
    }
    while let Some(sent) = set.join_next().await {
        total += sent.unwrap();
    }
    total
}
