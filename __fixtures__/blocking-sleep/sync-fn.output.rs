use std::thread;
use std::time::Duration;

/// Sync code may block: it runs on its own thread.
pub fn wait_for_port(port: u16) -> bool {
    for _ in 0..10 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        thread::sleep(Duration::from_millis(100));
    }
    false
}

pub struct Throttle(pub Duration);

impl Throttle {
    pub fn pause(&self) {
        std::thread::sleep(self.0)
    }
}
