use std::time::{Duration, Instant};

pub fn elapsed_since(start: Instant) -> Duration {
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_grows() {
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(5));
        assert!(elapsed_since(start) >= Duration::from_millis(5));
    }
}
