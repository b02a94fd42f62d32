//! A lock that one fn holds while it reads a file makes every other taker of
//! that lock wait for the read: taking it in async code blocks as the read does.
mod config;

pub use config::reload;

/// `config::current()` takes `CONFIG`, which `reload` holds across `std::fs::read_to_string`. A finding.
pub async fn handler() -> usize {
    let cfg = config::current();
    tokio::task::yield_now().await;
    cfg.len()
}

/// `config::version()` takes `VERSION`, which nobody holds across a blocking call. Not a finding.
pub async fn version() -> u32 {
    let v = config::version();
    tokio::task::yield_now().await;
    v
}
