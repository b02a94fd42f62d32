use std::sync::Mutex;
use std::time::Duration;

pub async fn bump(counter: &Mutex<u64>) -> u64 {
    let mut n = counter.lock().unwrap();
    *n += 1;
    tokio::time::sleep(Duration::from_millis(1)).await;
    *n
}

pub async fn snapshot(items: &Mutex<Vec<u64>>) -> usize {
    let guard = items.lock().unwrap();
    let len = guard.len();
    tokio::task::yield_now().await;
    len
}

pub async fn critical_section(gate: &Mutex<()>) {
    let _guard = gate.lock().unwrap();
    tokio::task::yield_now().await;
}
