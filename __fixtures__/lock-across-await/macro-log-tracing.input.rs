//! Metrics logged while a std `Mutex` guard is held: the macros' arguments
//! are parsed as code, and a name captured by a format string (`{stats:?}`)
//! counts as a use of the guard, so the scoping block takes it in, or there
//! is no fix when the use comes after the await.
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Stats {
    pub served: u64,
    pub errors: u64,
}

async fn flush() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

pub async fn report(stats: &Mutex<Stats>) {
    // Finding, fixed: the last uses are in `log` and `tracing` arguments before the await.
    let mut s = stats.lock().unwrap();
    s.served += 1;
    log::info!("served {} (errors {})", s.served, s.errors);
    tracing::debug!(served = s.served, errors = ?s.errors, "snapshot");
    flush().await;
}

pub async fn report_inline(stats: &Mutex<Stats>) {
    // Finding, fixed: the last use is a format string's inline capture.
    let s = stats.lock().unwrap();
    println!("{s:?}");
    flush().await;
}

pub async fn report_after(stats: &Mutex<Stats>) {
    // Reported, no fix: the guard is used after the await, by a capture in a format string.
    let s = stats.lock().unwrap();
    flush().await;
    log::info!("after flush: {s:?}");
}

pub async fn report_copy(stats: &Mutex<Stats>) {
    // Not a finding: the value is copied out; the temporary guard is gone before the await.
    let served = stats.lock().unwrap().served;
    flush().await;
    log::info!("served {served}");
}
