use std::rc::Rc;
use tokio::task;

async fn lookup(key: &str) -> Option<u32> {
    tokio::task::yield_now().await;
    key.parse().ok()
}

fn total(keys: &[String]) -> usize {
    keys.iter().map(|k| k.len()).sum()
}

/// Resolves keys in the background; the key list is shared inside the task.
pub fn resolve_all(keys: Vec<String>) -> task::JoinHandle<u32> {
    let job = async move {
        let shared: Rc<Vec<String>> = std::rc::Rc::new(keys);
        let mut sum = 0;
        for key in shared.iter() {
            sum += lookup(key).await.unwrap_or(0);
        }
        let mine = shared.clone();
        sum + total(&*mine) as u32
    };
    task::spawn(job)
}

/// Not spawned: reported, and left alone.
pub async fn first_key(keys: Vec<String>) -> Option<u32> {
    let shared = Rc::new(keys);
    let first = lookup(shared.first()?).await;
    first.map(|v| v + shared.len() as u32)
}
