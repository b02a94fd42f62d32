use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

async fn work(id: u64) {
    tokio::task::yield_now().await;
    let _ = id;
}

struct Active<'a>(&'a Mutex<HashSet<u64>>, u64);

impl Drop for Active<'_> {
    fn drop(&mut self) {
        self.0.lock().unwrap().remove(&self.1);
    }
}

pub async fn guarded(active: &Mutex<HashSet<u64>>, id: u64) {
    active.lock().unwrap().insert(id);
    let _active = Active(active, id);
    work(id).await;
}

pub async fn before_await(active: &Mutex<HashSet<u64>>, id: u64) {
    active.lock().unwrap().insert(id);
    active.lock().unwrap().remove(&id);
    work(id).await;
}

pub async fn local_set(ids: &[u64]) -> usize {
    let mut seen = HashSet::new();
    for id in ids {
        seen.insert(*id);
    }
    work(0).await;
    seen.remove(&0);
    seen.len()
}

pub async fn nothing_acquired(path: &Path) -> std::io::Result<()> {
    work(1).await;
    std::fs::remove_file(path)
}
