use common::{log, tokio::{self, time}};

pub async fn tick() {
    log::debug!("tick");
    tokio::time::sleep(time::Duration::from_millis(1)).await;
}
