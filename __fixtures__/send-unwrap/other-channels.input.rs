use futures::channel::mpsc;
use futures::SinkExt;

pub async fn futures_sender(mut tx: mpsc::Sender<u8>, bytes: Vec<u8>) {
    for b in bytes {
        tx.send(b).await.unwrap();
    }
}

pub async fn async_channel_pair(items: Vec<u32>) -> usize {
    let (tx, rx) = async_channel::bounded(4);
    let sender = tx.clone();
    tokio::spawn(async move {
        for item in items {
            sender.send(item).await.unwrap();
        }
    });
    drop(tx);
    let mut n = 0;
    while rx.recv().await.is_ok() {
        n += 1;
    }
    n
}

pub fn unbounded_futures(tx: mpsc::UnboundedSender<u8>, bytes: &[u8]) {
    for b in bytes {
        tx.unbounded_send(*b).unwrap();
    }
}

pub async fn tokio_unbounded(items: Vec<u32>) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for item in items {
        tx.send(item).unwrap();
    }
    drop(tx);
    while rx.recv().await.is_some() {}
}
