//! Whether two awaits may run together depends on what the awaited fns do,
//! and those are in other files.
use std::path::Path;

mod cache;
mod git;
mod jobs;
mod store;

pub use store::DbConn;

/// Both only read: joinable.
pub async fn page(id: u64) -> (String, u64) {
    let name = store::user_name(id).await;
    let score = store::score(id).await;
    (name, score)
}

/// `refresh` bumps the static `cache::HITS` that `hits` reads: the order is the point.
pub async fn refresh_then_read(id: u64) -> u64 {
    cache::refresh(id).await;
    let n = cache::hits().await;
    n
}

/// The check must pass before the job is queued: joined, a refused job would be queued anyway.
pub async fn gate_then_write(id: u64) -> Result<(), String> {
    store::check_allowed(id).await?;
    jobs::enqueue(id).await;
    Ok(())
}

/// The check guards a read only: running the read anyway changes nothing, so the pair is joinable.
pub async fn gate_then_read(id: u64) -> Result<u64, String> {
    store::check_allowed(id).await?;
    let score = store::score(id).await;
    Ok(score)
}

/// `cached` awaits nothing: its future is ready at once, so there is no latency to overlap.
pub async fn nothing_to_overlap(id: u64) -> u64 {
    let a = cache::cached(id).await;
    let b = store::score(id).await;
    a + b
}

/// One connection runs one query at a time: the two lookups cannot overlap.
pub async fn one_connection(conn: &DbConn, id: u64) -> (String, String) {
    let a = store::find(conn, id).await;
    let b = store::find(conn, id + 1).await;
    (a, b)
}

/// Both run git in the same directory: `commit` must see what `add_all` staged.
pub async fn add_then_commit(dir: &Path) -> std::io::Result<()> {
    git::add_all(dir).await?;
    git::commit(dir).await?;
    Ok(())
}

/// What `store::run_in_tx` does happens inside a macro: it cannot be told, so it is not joined with a write.
pub async fn opaque_then_write(id: u64) -> u64 {
    let n = store::run_in_tx(id).await;
    jobs::enqueue(id).await;
    n
}
