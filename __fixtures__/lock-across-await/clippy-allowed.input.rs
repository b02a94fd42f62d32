use std::sync::Mutex;

#[allow(clippy::await_holding_lock)]
pub async fn deliberate(counter: &Mutex<u64>) {
    let mut g = counter.lock().unwrap();
    *g += 1;
    tokio::task::yield_now().await;
}
