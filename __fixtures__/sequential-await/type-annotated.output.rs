async fn width() -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    640
}

async fn height() -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    480
}

async fn parse_all(items: &[&str]) -> Vec<u64> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    items.iter().filter_map(|s| s.parse().ok()).collect()
}

pub async fn area(items: &[&str]) -> u64 {
    let (w, h) = tokio::join!(width(), height());
    let w: u32 = w;
    let h: u32 = h;
    let (first, rest): (Vec<u64>, usize) = (parse_all(items).await, items.len());
    u64::from(w * h) + first.len() as u64 + rest as u64
}
