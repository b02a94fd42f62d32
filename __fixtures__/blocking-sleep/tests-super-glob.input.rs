use std::thread::sleep;
use std::time::Duration;

pub fn warm_up() {
    sleep(Duration::from_millis(5));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn warm_up_then_poll() {
        warm_up();
        sleep(Duration::from_millis(10));
    }
}
