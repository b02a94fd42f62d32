use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc;

async fn handle(msg: String) {
    tokio::task::yield_now().await;
    drop(msg);
}

/// An actor: one task per message received.
pub async fn actor(mut rx: mpsc::Receiver<String>) {
    while let Some(msg) = rx.recv().await {
        tokio::spawn(handle(msg));
    }
}

/// The same, fed by a stream.
pub async fn from_stream(mut messages: futures::stream::BoxStream<'static, String>) {
    while let Some(msg) = messages.next().await {
        tokio::spawn(handle(msg));
    }
}

/// A select loop waiting on a channel and a shutdown signal.
pub async fn select_loop(mut rx: mpsc::Receiver<String>, mut stop: mpsc::Receiver<()>) {
    loop {
        tokio::select! {
            Some(msg) = rx.recv() => {
                tokio::spawn(handle(msg));
            }
            _ = stop.recv() => break,
        }
    }
}

/// A periodic job: one task per tick.
pub async fn heartbeat() {
    let mut interval = tokio::time::interval(Duration::from_secs(5));
    loop {
        interval.tick().await;
        tokio::spawn(handle(String::from("beat")));
    }
}
