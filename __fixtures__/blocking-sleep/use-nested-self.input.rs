use std::{
    thread::{self, sleep},
    time::{Duration, Instant},
};

pub async fn rate_limited(calls: u32) -> Duration {
    let started = Instant::now();
    for i in 0..calls {
        if i % 10 == 9 {
            sleep(Duration::from_millis(100));
        } else {
            thread::sleep(Duration::from_millis(10));
        }
    }
    started.elapsed()
}
