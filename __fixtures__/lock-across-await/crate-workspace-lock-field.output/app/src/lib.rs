use common::Shared;

/// A std `Mutex` field of a struct the `common` member declares, held across the await.
pub async fn bump(shared: &Shared) -> u32 {
    let mut n = shared.counts.lock().unwrap();
    *n += 1;
    tokio::task::yield_now().await;
    *n
}

/// A std `RwLock` field of `common`'s struct: `write()` is a lock only because the type says so.
pub async fn rename(shared: &Shared, name: String) -> usize {
    let mut names = shared.names.write().unwrap();
    names.push(name);
    tokio::task::yield_now().await;
    names.len()
}

/// A std `RwLock` static of `common`; the guard is not used after the await.
pub async fn record(name: String) {
    {
        let mut names = common::STATE.write().unwrap();
        names.push(name);
    }
    tokio::task::yield_now().await;
}

/// A tokio `Mutex` field: its guard may be held across an await. Not a finding.
pub async fn enqueue(shared: &Shared) {
    let mut q = shared.queue.lock().await;
    q.push(1);
    tokio::task::yield_now().await;
    q.push(2);
}

/// `lock()` of a `common` type that is no lock: the ticket is a plain `u32`. Not a finding.
pub async fn ticket(shared: &Shared) -> u32 {
    let ticket = shared.gate.lock().unwrap();
    tokio::task::yield_now().await;
    ticket
}
