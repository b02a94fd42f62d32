async fn width() -> u32 {
    3
}

async fn height() -> u32 {
    4
}

pub async fn area() -> u32 {
    let w = width().await;
    let h = height().await;
    w * h
}
