use std::thread;
use std::time::Duration;

/// Passing `sleep` as a value is reported, but there is no call to await.
pub async fn replay(delays: Vec<Duration>) -> usize {
    let count = delays.len();
    delays.into_iter().for_each(std::thread::sleep);
    count
}

pub async fn pick_pause(fast: bool) -> fn(Duration) {
    if fast { |_| {} } else { thread::sleep }
}
