use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

async fn work(job: u64) -> u64 {
    tokio::task::yield_now().await;
    job
}

pub async fn copied(counter: &Mutex<u64>) -> u64 {
    let n = *counter.lock().unwrap();
    work(n).await
}

pub async fn dropped(counter: Arc<Mutex<u64>>) -> u64 {
    let mut g = counter.lock().unwrap();
    *g += 1;
    let n = *g;
    drop(g);
    work(n).await
}

pub async fn scoped(counter: &Mutex<u64>) -> u64 {
    let n = {
        let mut g = counter.lock().unwrap();
        *g += 1;
        *g
    };
    work(n).await
}

pub async fn condition(queue: &Mutex<VecDeque<u64>>) -> u64 {
    if queue.lock().unwrap().is_empty() {
        return work(0).await;
    }
    queue.lock().unwrap().push_back(7);
    work(1).await
}

pub async fn async_mutex(shared: Arc<tokio::sync::Mutex<Vec<u64>>>) {
    let mut g = shared.lock().await;
    g.push(work(1).await);
}

pub fn sync_code(counter: &Mutex<u64>) -> u64 {
    let g = counter.lock().unwrap();
    *g
}
