use anyhow::Context;
use std::path::Path;

/// Rotates the log: the old text goes to `.1`, a fresh file starts with `header`.
pub async fn rotate_log(dir: &Path, header: &str) -> anyhow::Result<()> {
    let current = dir.join("app.log");
    let old = tokio::fs::read_to_string(&current).await.context("reading the log")?;
    tokio::fs::write(dir.join("app.log.1"), old).await.context("keeping the old log")?;
    tokio::fs::write(&current, header).await?;
    tokio::fs::write(dir.join("rotations"), format!("{}\n", current.display())).await?;
    tracing::info!("log rotated");
    Ok(())
}
