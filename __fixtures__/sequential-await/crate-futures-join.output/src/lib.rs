async fn width() -> u32 {
    3
}

async fn height() -> u32 {
    4
}

pub async fn area() -> u32 {
    let (w, h) = futures::join!(width(), height());
    w * h
}

pub fn run() -> u32 {
    futures::executor::block_on(area())
}
