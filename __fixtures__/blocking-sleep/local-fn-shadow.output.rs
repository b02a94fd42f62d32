pub mod sim {
    use std::cell::Cell;
    use std::thread::*;
    use std::time::Duration;

    thread_local! {
        static VIRTUAL_NOW: Cell<Duration> = Cell::new(Duration::ZERO);
    }

    /// Simulated clock: advances virtual time, never blocks.
    fn sleep(d: Duration) {
        VIRTUAL_NOW.with(|now| now.set(now.get() + d));
    }

    pub async fn tick(times: u32) -> Duration {
        for _ in 0..times {
            sleep(Duration::from_millis(10));
        }
        VIRTUAL_NOW.with(|now| now.get())
    }
}
