async fn base() -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    1
}

async fn bonus() -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    2
}

pub async fn score(floor: u32) -> u32 {
    let limit = floor;
    // The first tail reads the outer `limit`; the second statement shadows it.
    let (total, joined_1) = tokio::join!(base(), bonus());
    let total = total.max(limit);
    let limit = joined_1;
    let limit = limit + 1;
    total + limit
}

pub async fn twice() -> u32 {
    let value = base().await;
    let value = bonus().await * value;
    value
}

pub async fn same_name() -> u32 {
    let value = base().await;
    let first = value;
    let value = bonus().await;
    first + value
}
