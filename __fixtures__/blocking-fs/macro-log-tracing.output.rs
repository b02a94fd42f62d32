//! Config reloads logged with `log` and `tracing`: the arguments are parsed
//! as expressions, but not the macros' own syntax: the format string, log's
//! and tracing's `target:`, tracing's field names (`name =`, `a.b =`) and
//! its `%x` / `?x` sigils stay as written.
use std::fs;
use std::path::Path;

pub async fn reload(path: &Path, generation: u64) -> std::io::Result<()> {
    // Finding: a `log` argument after the format string.
    log::info!("reloading {} ({} bytes)", path.display(), tokio::fs::metadata(path).await?.len());
    // Finding: after log's `target:`.
    log::warn!(target: "config", "previous config: {}", tokio::fs::read_to_string(path).await?);
    // Finding: a tracing field value after `name =`; the bare field `generation` and `target:` stay.
    tracing::info!(target: "config", generation, size = tokio::fs::metadata(path).await?.len(), "reloaded");
    // Finding: after `?` (Debug) and a `%` (Display) field beside it.
    tracing::debug!(path = %path.display(), body = ?tokio::fs::read(path).await?, "read back");
    // Finding: a dotted field name.
    tracing::warn!(config.len = tokio::fs::read(path).await?.len(), "checked");
    // Finding: a span's field.
    let span = tracing::info_span!("reload", path = %path.display(), bytes = tokio::fs::read(path).await?.len());
    drop(span);
    // Finding: `event!` with a level first.
    tracing::event!(tracing::Level::INFO, exists = tokio::fs::metadata(path).await.is_ok());
    // Not a finding: `fs::read(path)` in the message is text, and `%generation`/`?path` read no file.
    tracing::error!(%generation, ?path, "fs::read(path) failed before");
    Ok(())
}

/// Not a finding: logging from a sync fn.
pub fn reload_sync(path: &Path) -> std::io::Result<()> {
    log::info!("size {}", fs::metadata(path)?.len());
    tracing::info!(size = fs::metadata(path)?.len(), "sync reload");
    Ok(())
}
