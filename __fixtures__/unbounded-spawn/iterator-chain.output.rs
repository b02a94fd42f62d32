use std::time::Duration;

async fn lookup(host: String) -> usize {
    tokio::time::sleep(Duration::from_millis(1)).await;
    host.len()
}

/// One lookup per host, results in host order.
pub async fn lookup_all(hosts: Vec<String>) -> Vec<usize> {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for host in hosts.into_iter() {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = lookup(host);
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
    finished
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}
