use common::{log, tokio::{self, time}};

pub async fn tick() {
    log::debug!("tick");
    std::thread::sleep(time::Duration::from_millis(1));
}
