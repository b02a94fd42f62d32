use std::time::Duration;

pub struct Event {
    pub user: u64,
    pub body: String,
}

async fn deliver(event: Event) {
    tokio::time::sleep(Duration::from_millis(1)).await;
    log::info!("delivered {} bytes to {}", event.body.len(), event.user);
}

/// Sends every event in the background; the caller does not wait.
pub async fn broadcast(events: Vec<Event>) {
    for event in events {
        tokio::spawn(async move {
            deliver(event).await;
        });
    }
}

/// The same with the future built by a call, and the handle ignored by name.
pub async fn broadcast_calls(events: Vec<Event>) {
    for event in events {
        let _ = tokio::spawn(deliver(event));
    }
}
