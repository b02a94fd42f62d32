use tokio::sync::mpsc;
use tracing::info;

pub struct Worker {
    events: mpsc::Sender<String>,
}

impl Worker {
    pub async fn run(&self, names: Vec<String>) {
        for name in names {
            info!(%name, "processing");
            if self.events.send(name).await.is_err() {
                tracing::debug!("`self.events` closed: receiver dropped");
                break;
            }
        }
    }
}
