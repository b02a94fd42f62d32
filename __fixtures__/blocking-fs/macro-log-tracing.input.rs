//! Config reloads logged with `log` and `tracing`: the arguments are parsed
//! as expressions, but not the macros' own syntax: the format string, log's
//! and tracing's `target:`, tracing's field names (`name =`, `a.b =`) and
//! its `%x` / `?x` sigils stay as written.
use std::fs;
use std::path::Path;

pub async fn reload(path: &Path, generation: u64) -> std::io::Result<()> {
    // Finding: a `log` argument after the format string.
    log::info!("reloading {} ({} bytes)", path.display(), fs::metadata(path)?.len());
    // Finding: after log's `target:`.
    log::warn!(target: "config", "previous config: {}", fs::read_to_string(path)?);
    // Finding: a tracing field value after `name =`; the bare field `generation` and `target:` stay.
    tracing::info!(target: "config", generation, size = fs::metadata(path)?.len(), "reloaded");
    // Finding: after `?` (Debug) and a `%` (Display) field beside it.
    tracing::debug!(path = %path.display(), body = ?fs::read(path)?, "read back");
    // Finding: a dotted field name.
    tracing::warn!(config.len = fs::read(path)?.len(), "checked");
    // Finding: a span's field.
    let span = tracing::info_span!("reload", path = %path.display(), bytes = fs::read(path)?.len());
    drop(span);
    // Finding: `event!` with a level first.
    tracing::event!(tracing::Level::INFO, exists = fs::metadata(path).is_ok());
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
