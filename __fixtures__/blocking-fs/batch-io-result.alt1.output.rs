use std::io;
use std::path::Path;

/// Two calls in a row: write the new config, then move it over the old one.
pub async fn replace_config(dir: &Path, body: String) -> io::Result<()> {
    tokio::fs::write(dir.join("config.toml.new"), &body).await?;
    tokio::fs::rename(dir.join("config.toml.new"), dir.join("config.toml")).await?;
    log::info!("config replaced");
    Ok(())
}

/// Three calls whose value the fn returns: the tail moves with them.
pub async fn take_inbox(dir: &Path) -> io::Result<String> {
    let text = tokio::fs::read_to_string(dir.join("inbox.txt")).await?;
    tokio::fs::create_dir_all(dir.join("archive")).await?;
    tokio::fs::rename(dir.join("inbox.txt"), dir.join("archive").join("inbox.txt")).await?;
    Ok(text)
}
