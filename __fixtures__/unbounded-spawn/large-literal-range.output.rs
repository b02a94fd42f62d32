async fn probe(port: u16) -> bool {
    tokio::task::yield_now().await;
    port % 2 == 0
}

/// A literal range, but longer than the cap: 1024 tasks at once.
pub async fn scan_low_ports() -> usize {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for port in 1..=1024u16 {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = probe(port);
        handles.spawn(async move { (index, task.await) });
    }
    while let Some(joined) = handles.join_next().await {
        finished.push(joined);
    }
    // A JoinSet yields tasks as they finish: put the results back in spawn order
    // (a task that panicked lost its index: its error takes a slot no result filled).
    let mut slots: Vec<_> = (0..finished.len()).map(|_| None).collect();
    let mut failed = Vec::new();
    for joined in finished {
        match joined {
            Ok((index, output)) => slots[index] = Some(Ok(output)),
            Err(error) => failed.push(error),
        }
    }
    let finished: Vec<_> = slots.into_iter().map(|slot| slot.unwrap_or_else(|| Err(failed.remove(0)))).collect();
    let mut open = 0;
    for handle in finished {
        if handle.unwrap() {
            open += 1;
        }
    }
    open
}
