use anyhow::Context;
use std::path::Path;

/// Rotates the log: the old text goes to `.1`, a fresh file starts with `header`.
pub async fn rotate_log(dir: &Path, header: &str) -> anyhow::Result<()> {
    let dir = dir.to_owned();
    let header = header.to_owned();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let dir = &*dir;
        let header = &*header;
        let current = dir.join("app.log");
        let old = std::fs::read_to_string(&current).context("reading the log")?;
        std::fs::write(dir.join("app.log.1"), old).context("keeping the old log")?;
        std::fs::write(&current, header)?;
        std::fs::write(dir.join("rotations"), format!("{}\n", current.display()))?;
        Ok(())
    })
    .await
    .expect("blocking task panicked")?;
    tracing::info!("log rotated");
    Ok(())
}
