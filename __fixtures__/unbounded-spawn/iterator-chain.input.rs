use std::time::Duration;

async fn lookup(host: String) -> usize {
    tokio::time::sleep(Duration::from_millis(1)).await;
    host.len()
}

/// One lookup per host, results in host order.
pub async fn lookup_all(hosts: Vec<String>) -> Vec<usize> {
    let handles: Vec<_> = hosts.into_iter().map(|host| tokio::spawn(lookup(host))).collect();
    futures::future::join_all(handles)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}
