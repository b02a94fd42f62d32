use std::time::Duration;

pub enum Backoff {
    None,
    Fixed(Duration),
    Exponential { base: Duration, attempt: u32 },
}

pub async fn wait_before_retry(backoff: &Backoff, throttled: bool) {
    if throttled {
        tokio::time::sleep(Duration::from_secs(1)).await;
    } else if let Backoff::Fixed(d) = backoff {
        tokio::time::sleep(*d).await;
    }

    match backoff {
        Backoff::None => {}
        Backoff::Fixed(d) => tokio::time::sleep(*d).await,
        Backoff::Exponential { base, attempt } => {
            tokio::time::sleep(*base * 2u32.pow(*attempt)).await
        }
    }
}
