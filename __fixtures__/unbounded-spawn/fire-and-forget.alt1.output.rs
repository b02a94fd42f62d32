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
    let mut tasks = tokio::task::JoinSet::new();
    for event in events {
        while tasks.len() >= MAX_IN_FLIGHT {
            tasks.join_next().await;
        }
        tasks.spawn(async move {
            deliver(event).await;
        });
    }
    while tasks.join_next().await.is_some() {}
}

/// The same with the future built by a call, and the handle ignored by name.
pub async fn broadcast_calls(events: Vec<Event>) {
    const MAX_IN_FLIGHT: usize = 100;
    let mut tasks = tokio::task::JoinSet::new();
    for event in events {
        while tasks.len() >= MAX_IN_FLIGHT {
            tasks.join_next().await;
        }
        tasks.spawn(deliver(event));
    }
    while tasks.join_next().await.is_some() {}
}
