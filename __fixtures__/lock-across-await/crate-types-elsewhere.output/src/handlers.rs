use crate::config::{CONFIG, SETTINGS};
use crate::state::Shared;

/// A std `Mutex` field declared in another file, held across the await.
pub async fn bump(shared: &Shared) -> u32 {
    let mut n = shared.counts.lock().unwrap();
    *n += 1;
    tokio::task::yield_now().await;
    *n
}

/// A tokio `Mutex` field: its guard may be held across an await. Not a finding.
pub async fn bump_queue(shared: &Shared) {
    let mut q = shared.queue.lock().await;
    q.push(1);
    tokio::task::yield_now().await;
    q.push(2);
}

/// A method returning `&std::sync::RwLock` declared in another file; the guard is not used after the await.
pub async fn rename(shared: &Shared, name: String) {
    {
        let mut names = shared.names().write().unwrap();
        names.push(name);
    }
    tokio::task::yield_now().await;
}

/// A `LazyLock<RwLock<..>>` static from another file.
pub async fn reload() -> usize {
    let config = CONFIG.read().unwrap();
    tokio::task::yield_now().await;
    config.len()
}

/// A `lazy_static!` static from another file.
pub async fn total() -> usize {
    let settings = SETTINGS.lock().unwrap();
    tokio::task::yield_now().await;
    settings.len()
}

/// `lock()` of a crate type that is no lock: the ticket is a plain `u32`. Not a finding.
pub async fn ticket(shared: &Shared) -> u32 {
    let ticket = shared.gate.lock().unwrap();
    tokio::task::yield_now().await;
    ticket
}
