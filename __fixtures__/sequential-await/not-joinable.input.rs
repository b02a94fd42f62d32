pub struct Payload {
    pub body: Vec<u8>,
}

async fn inspect(payload: &Payload) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    payload.body.len()
}

async fn consume(payload: Payload) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    payload.body.len()
}

async fn sum(values: Vec<u32>) -> u32 {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    values.iter().sum()
}

async fn parse(raw: &str) -> Option<u32> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    raw.parse().ok()
}

pub async fn borrow_then_move(payload: Payload) -> usize {
    // `payload` is borrowed by the first future and moved into the second.
    let seen = inspect(&payload).await;
    let used = consume(payload).await;
    seen + used
}

pub async fn unknown_macro(x: u32) -> u32 {
    let a = sum(vec![x, 1]).await;
    let b = sum(vec![x, 2]).await;
    a + b
}

pub async fn let_else(raw: &str) -> u32 {
    let Some(a) = parse(raw).await else { return 0 };
    let Some(b) = parse(raw).await else { return 1 };
    a + b
}

pub async fn only_in_some_builds(raw: &str) -> Option<u32> {
    let a = parse(raw).await;
    #[cfg(feature = "extra")]
    let a = parse("1").await;
    a
}

pub async fn join_handles() -> u32 {
    let task = tokio::spawn(async { 1u32 });
    let done = task.await.unwrap_or(0);
    let b = parse("2").await.unwrap_or(0);
    done + b
}

pub async fn early_exit_in_future(raw: &str) -> Result<u32, std::num::ParseIntError> {
    let a = parse(raw).await.unwrap_or(0);
    let b = sum(std::vec::Vec::from([raw.parse::<u32>()?])).await;
    Ok(a + b)
}

pub async fn mutable_capture(mut counter: u32) -> u32 {
    let a = async { counter += 1; counter }.await;
    let b = parse("3").await.unwrap_or(counter);
    a + b
}
