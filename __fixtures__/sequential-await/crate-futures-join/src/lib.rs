async fn width() -> u32 {
    futures::future::ready(3).await // an outside future: in real code, a round trip
}

async fn height() -> u32 {
    futures::future::ready(4).await // an outside future: in real code, a round trip
}

pub async fn area() -> u32 {
    let w = width().await;
    let h = height().await;
    w * h
}

pub fn run() -> u32 {
    futures::executor::block_on(area())
}
