use std::path::Path;
use tokio::process::Command;

pub async fn add_all(dir: &Path) -> std::io::Result<()> {
    Command::new("git").args(["add", "--all"]).current_dir(dir).status().await?;
    Ok(())
}

pub async fn commit(dir: &Path) -> std::io::Result<()> {
    Command::new("git").args(["commit", "-m", "update"]).current_dir(dir).status().await?;
    Ok(())
}
