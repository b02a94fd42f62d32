use std::time::Duration;

pub fn runtime() -> rt::runtime::Runtime {
    rt::runtime::Builder::new_current_thread().enable_time().build().unwrap()
}

/// Backs off before retrying the upstream call.
pub async fn backoff(attempt: u32) {
    std::thread::sleep(Duration::from_millis(10 * u64::from(attempt)));
}
