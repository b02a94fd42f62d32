//! A crate whose tokio has no `sync` feature: the Semaphore fix adds it.

async fn index(doc: String) {
    tokio::task::yield_now().await;
    drop(doc);
}

pub async fn index_all(docs: Vec<String>) {
    for doc in docs {
        tokio::spawn(index(doc));
    }
}

/// The JoinSet fix needs only `rt`, which is there.
pub async fn count_all(docs: Vec<String>) -> usize {
    let mut handles = Vec::new();
    for doc in docs {
        handles.push(tokio::spawn(async move { doc.len() }));
    }
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap();
    }
    total
}
