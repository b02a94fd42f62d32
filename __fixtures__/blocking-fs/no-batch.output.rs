use std::io;
use std::path::Path;

pub struct Release {
    pub name: String,
    pub notes: String,
}

/// One call: nothing to batch.
pub async fn read_motd(dir: &Path) -> io::Result<String> {
    let motd = tokio::fs::read_to_string(dir.join("motd")).await?;
    Ok(motd.trim().to_owned())
}

/// An await between the calls: two runs of one call each.
pub async fn save_twice(dir: &Path, body: &str) -> io::Result<()> {
    tokio::fs::write(dir.join("a"), body).await?;
    tokio::task::yield_now().await;
    tokio::fs::write(dir.join("b"), body).await?;
    Ok(())
}

/// `dir` is used after the run, so the closure cannot take it: a swap per call.
pub async fn replace_config(dir: &Path, body: String) -> io::Result<()> {
    tokio::fs::write(dir.join("config.toml.new"), &body).await?;
    tokio::fs::rename(dir.join("config.toml.new"), dir.join("config.toml")).await?;
    log::info!("config replaced in {}", dir.display());
    Ok(())
}

/// The second call writes through a borrowed local the closure cannot own: a swap per call.
pub async fn publish(dir: &Path, release: &Release) -> io::Result<()> {
    let notes = &release.notes;
    log::info!("publishing {}", release.name);
    tokio::fs::create_dir_all(dir.join(&release.name)).await?;
    tokio::fs::write(dir.join(&release.name).join("NOTES"), notes).await?;
    Ok(())
}
