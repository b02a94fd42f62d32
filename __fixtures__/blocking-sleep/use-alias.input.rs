use std::thread::sleep as nap;
use std::time::Duration;

pub async fn lazy_poll(mut check: impl FnMut() -> bool) {
    while !check() {
        nap(Duration::from_millis(25));
    }
}
