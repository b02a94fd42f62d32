use std::time::Duration;

pub enum Backoff {
    None,
    Fixed(Duration),
    Exponential { base: Duration, attempt: u32 },
}

pub async fn wait_before_retry(backoff: &Backoff, throttled: bool) {
    if throttled {
        std::thread::sleep(Duration::from_secs(1));
    } else if let Backoff::Fixed(d) = backoff {
        std::thread::sleep(*d);
    }

    match backoff {
        Backoff::None => {}
        Backoff::Fixed(d) => std::thread::sleep(*d),
        Backoff::Exponential { base, attempt } => {
            std::thread::sleep(*base * 2u32.pow(*attempt))
        }
    }
}
