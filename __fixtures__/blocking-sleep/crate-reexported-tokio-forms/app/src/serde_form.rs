use common::{serde, tokio};

pub fn encode<T: serde::Serialize>(_value: &T) {}

pub async fn pause() {
    std::thread::sleep(std::time::Duration::from_millis(1));
}
