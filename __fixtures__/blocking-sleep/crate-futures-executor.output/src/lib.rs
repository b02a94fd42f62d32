use std::time::Duration;

pub async fn tick() {
    std::thread::sleep(Duration::from_millis(1));
}

pub fn run() {
    futures::executor::block_on(tick());
}
