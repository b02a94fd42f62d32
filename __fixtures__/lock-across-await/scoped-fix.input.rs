use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Stats {
    pub completed: u64,
    pub failed: u64,
}

async fn flush() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

pub async fn record(stats: Arc<Mutex<Stats>>, ok: bool) {
    let mut guard = stats.lock().unwrap();
    if ok {
        guard.completed += 1;
    } else {
        guard.failed += 1;
    }
    flush().await;
}

pub async fn rename(names: &RwLock<Vec<String>>, name: String) -> usize {
    let mut names_w = names.write().expect("poisoned"); // writers are rare
    names_w.push(name);
    flush().await;
    3
}

pub struct Cache {
    entries: parking_lot::Mutex<Vec<u64>>,
}

impl Cache {
    pub async fn refresh(&self, fresh: Vec<u64>) {
        for v in fresh {
            let mut entries = self.entries.lock();
            entries.push(v);

            entries.sort_unstable();
            tokio::task::yield_now().await;
        }
    }
}
