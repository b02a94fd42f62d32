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
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for event in events {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        tokio::spawn(async move {
            let _permit = permit;
            deliver(event).await;
        });
    }
}

/// The same with the future built by a call, and the handle ignored by name.
pub async fn broadcast_calls(events: Vec<Event>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for event in events {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = deliver(event);
        let _ = tokio::spawn(async move {
            let _permit = permit;
            task.await
        });
    }
}
