use runtime::tokio;

async fn width() -> u32 {
    tokio::task::yield_now().await;
    3
}

async fn height() -> u32 {
    tokio::task::yield_now().await;
    4
}

pub async fn area() -> u32 {
    let w = width().await;
    let h = height().await;
    w * h
}
