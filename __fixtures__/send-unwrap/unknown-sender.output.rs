pub type Events = tokio::sync::mpsc::Sender<u32>;

pub async fn publish(events: Events, values: Vec<u32>) {
    for v in values {
        if events.send(v).await.is_err() {
            break;
        }
    }
}
