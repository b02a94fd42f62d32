use std::sync::atomic::{AtomicU64, Ordering};

pub struct Metrics {
    pub hits: AtomicU64,
}

async fn warm_cache(region: &str) {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    let _ = region.len();
}

async fn refresh_index(name: &str) -> Result<(), std::io::Error> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    let _ = name.len();
    Ok(())
}

async fn audit(metrics: &Metrics) -> u64 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    metrics.hits.load(Ordering::Relaxed)
}

pub async fn startup(metrics: &Metrics) -> Result<(), std::io::Error> {
    tokio::join!(warm_cache("eu"), warm_cache("us"));
    metrics.hits.fetch_add(1, Ordering::Relaxed);
    let (joined_1, _) = tokio::join!(refresh_index("users"), audit(metrics));
    joined_1?;
    Ok(())
}
