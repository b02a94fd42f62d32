use crate::rt::tokio;

pub async fn wait() {
    std::thread::sleep(std::time::Duration::from_millis(1));
}
