use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

async fn work(id: u64) {
    tokio::task::yield_now().await;
    let _ = id;
}

async fn upload(path: &Path) -> std::io::Result<()> {
    tokio::task::yield_now().await;
    let _ = path;
    Ok(())
}

pub struct Registry {
    active: Mutex<HashSet<u64>>,
}

impl Registry {
    pub async fn run(&self, id: u64) {
        self.active.lock().unwrap().insert(id);
        work(id).await;
        self.active.lock().unwrap().remove(&id);
    }
}

pub async fn publish(path: &Path, data: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, data)?;
    upload(path).await?;
    std::fs::remove_file(path)?;
    Ok(())
}
