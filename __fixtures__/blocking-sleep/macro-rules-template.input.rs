//! The body of a `macro_rules!` is a template, not code: it is never
//! analyzed, nor are the invocations written inside it. What it expands to
//! depends on where it is used, which the template cannot say.
use std::time::Duration;

/// Not a finding: a template; `$pause` is whatever the caller passes.
macro_rules! with_pause {
    ($pause:expr, $body:block) => {{
        std::thread::sleep($pause);
        $body
    }};
}

/// Not a finding: invocations inside a template (`println!`, `select!`) are tokens too.
macro_rules! race_or_nap {
    ($fut:expr, $nap:expr) => {
        tokio::select! {
            v = $fut => Some(v),
            _ = async {} => {
                println!("{:?}", std::thread::sleep($nap));
                None
            }
        }
    };
}

/// Not a finding: a `macro_rules!` inside an async fn is a template as well.
/// Its expansions sleep, but what they expand to is the template's text,
/// which is never analyzed; the invocations' own arguments have no sleep.
pub async fn poll_status(pause: Duration) -> Option<u8> {
    macro_rules! nap {
        () => {
            std::thread::sleep(pause)
        };
    }
    nap!();
    let _ = with_pause!(pause, { 1 });
    race_or_nap!(async { 7u8 }, pause)
}

/// Not a finding: the templates used from a sync fn, where sleeping is fine.
pub fn status_sync(pause: Duration) -> u8 {
    with_pause!(pause, { 2 })
}
