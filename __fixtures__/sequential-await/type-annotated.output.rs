async fn width() -> u32 {
    640
}

async fn height() -> u32 {
    480
}

async fn parse_all(items: &[&str]) -> Vec<u64> {
    items.iter().filter_map(|s| s.parse().ok()).collect()
}

pub async fn area(items: &[&str]) -> u64 {
    let (w, h) = tokio::join!(width(), height());
    let w: u32 = w;
    let h: u32 = h;
    let (first, rest): (Vec<u64>, usize) = (parse_all(items).await, items.len());
    u64::from(w * h) + first.len() as u64 + rest as u64
}
