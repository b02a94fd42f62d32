async fn probe(port: u16) -> bool {
    tokio::task::yield_now().await;
    port % 2 == 0
}

/// A literal range, but longer than the cap: 1024 tasks at once.
pub async fn scan_low_ports() -> usize {
    let mut handles = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for port in 1..=1024u16 {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = probe(port);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    let mut open = 0;
    for handle in handles {
        if handle.await.unwrap() {
            open += 1;
        }
    }
    open
}
