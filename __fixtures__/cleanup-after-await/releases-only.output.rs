use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

async fn work() {
    tokio::task::yield_now().await;
}

pub struct Db;

impl Db {
    pub async fn insert(&self, id: u64) -> u64 {
        work().await;
        id
    }
    pub async fn delete(&self, id: u64) {
        let _ = id;
        work().await;
    }
}

pub struct Hub {
    peers: Mutex<HashMap<u64, String>>,
}

impl Hub {
    pub fn register(&self, id: u64) {
        self.peers.lock().unwrap().insert(id, String::new());
    }
    pub fn unregister(&self, id: u64) {
        self.peers.lock().unwrap().remove(&id);
    }

    /// `unregister` undoes `register` on the same hub, after an await: skipped on cancellation. A finding.
    pub async fn serve(&self, id: u64) {
        self.register(id);
        work().await;
        self.unregister(id);
    }

    /// `remove` of another entry than the one inserted: not a release of it. Not a finding.
    pub async fn rotate(&self, id: u64, old: u64) {
        self.peers.lock().unwrap().insert(id, String::new());
        work().await;
        self.peers.lock().unwrap().remove(&old);
    }
}

/// A scratch directory made before the await and removed after it: left behind on cancellation. A finding.
pub async fn scratch(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    work().await;
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

/// Deleting a row is the work, not a release of what `insert` acquired. Not a finding.
pub async fn replace(db: &Db, id: u64) {
    let new_id = db.insert(id + 1).await;
    work().await;
    db.delete(new_id).await;
}
