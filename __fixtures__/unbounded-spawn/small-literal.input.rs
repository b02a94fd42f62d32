async fn flush(shard: usize) -> usize {
    tokio::task::yield_now().await;
    shard
}

/// Four shards, written in the code: four tasks, never more.
pub async fn flush_shards() -> usize {
    let mut handles = Vec::new();
    for shard in 0..4 {
        handles.push(tokio::spawn(flush(shard)));
    }
    let mut flushed = 0;
    for h in handles {
        flushed += h.await.unwrap();
    }
    flushed
}

/// A literal array, through `.iter()`.
pub async fn notify_admins() {
    for admin in ["ops", "oncall", "security"].iter() {
        tokio::spawn(async move {
            log::info!("notifying {admin}");
        });
    }
}

/// Nested literal loops: 3 x 8 = 24 tasks.
pub async fn warm_grid() {
    for row in 0..3 {
        for col in 0..8usize {
            tokio::spawn(flush(row * 8 + col));
        }
    }
}

const REPLICAS: usize = 3;

/// A const of this file counts as written in the code.
pub async fn sync_replicas() {
    for replica in 0..REPLICAS {
        tokio::spawn(flush(replica));
    }
}
