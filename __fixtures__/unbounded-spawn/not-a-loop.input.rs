async fn work(n: u64) -> u64 {
    tokio::task::yield_now().await;
    n + 1
}

/// A single spawn, not in a loop.
pub async fn one(n: u64) -> u64 {
    tokio::spawn(work(n)).await.unwrap()
}

/// A spawn in a loop of a sync fn is not async code (no runtime context is assumed here).
pub fn start_all(rt: &tokio::runtime::Runtime, items: Vec<u64>) {
    for n in items {
        rt.spawn(work(n));
    }
}

/// A spawn inside an async block built per item runs when that block is awaited, not in the loop.
pub async fn lazily(items: Vec<u64>) -> Vec<u64> {
    let mut out = Vec::new();
    for n in items {
        let fut = async move { tokio::spawn(work(n)).await.unwrap() };
        out.push(fut.await);
    }
    out
}

/// Each task is awaited before the next one starts: one at a time.
pub async fn one_by_one(items: Vec<u64>) -> u64 {
    let mut sum = 0;
    for n in items.iter().copied() {
        sum += tokio::spawn(work(n)).await.unwrap();
    }
    for n in items {
        let handle = tokio::spawn(work(n));
        log::debug!("started {n}");
        sum += handle.await.unwrap();
    }
    sum
}
