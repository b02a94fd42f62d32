async fn probe(port: u16) -> bool {
    tokio::task::yield_now().await;
    port % 2 == 0
}

/// A literal range, but longer than the cap: 1024 tasks at once.
pub async fn scan_low_ports() -> usize {
    let mut handles = Vec::new();
    for port in 1..=1024u16 {
        handles.push(tokio::spawn(probe(port)));
    }
    let mut open = 0;
    for handle in handles {
        if handle.await.unwrap() {
            open += 1;
        }
    }
    open
}
