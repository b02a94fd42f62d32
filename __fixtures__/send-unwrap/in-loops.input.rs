use tokio::sync::mpsc;

pub async fn produce(tx: mpsc::Sender<u64>, count: u64) {
    for id in 0..count {
        // The consumer may already have shut down.
        tx.send(id).await.unwrap();
    }
}

pub async fn pipeline(inputs: Vec<Vec<u64>>) -> u64 {
    let (tx, mut rx) = mpsc::channel::<u64>(16);
    let producer = tokio::spawn(async move {
        'batches: for batch in inputs {
            for item in batch {
                if item == 0 {
                    continue 'batches;
                }
                tx.send(item).await.expect("consumer hung up");
            }
        }
    });
    let mut total = 0;
    while let Some(v) = rx.recv().await {
        total += v;
    }
    producer.await.unwrap();
    total
}

pub async fn forward(mut from: mpsc::Receiver<Option<u64>>, to: mpsc::Sender<u64>) {
    loop {
        match from.recv().await {
            Some(Some(v)) => to.send(v).await.unwrap(),
            Some(None) => continue,
            None => break,
        }
    }
}

pub async fn relay(to: &mpsc::Sender<String>, lines: &[String]) {
    let mut i = 0;
    'lines: while i < lines.len() {
        for _attempt in 0..2 {
            if lines[i].is_empty() {
                i += 1;
                continue 'lines;
            }
        }
        to.send(lines[i].clone()).await.unwrap();
        i += 1;
    }
}
