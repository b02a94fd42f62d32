use tokio::sync::mpsc;
use tracing::info;

pub struct Worker {
    events: mpsc::Sender<String>,
}

impl Worker {
    pub async fn run(&self, names: Vec<String>) {
        for name in names {
            info!(%name, "processing");
            self.events.send(name).await.unwrap();
        }
    }
}
