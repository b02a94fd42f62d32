use std::fs;
use std::io;
use std::path::Path;

/// Two calls in a row: write the new config, then move it over the old one.
pub async fn replace_config(dir: &Path, body: String) -> io::Result<()> {
    fs::write(dir.join("config.toml.new"), &body)?;
    fs::rename(dir.join("config.toml.new"), dir.join("config.toml"))?;
    log::info!("config replaced");
    Ok(())
}

/// Three calls whose value the fn returns: the tail moves with them.
pub async fn take_inbox(dir: &Path) -> io::Result<String> {
    let text = fs::read_to_string(dir.join("inbox.txt"))?;
    fs::create_dir_all(dir.join("archive"))?;
    fs::rename(dir.join("inbox.txt"), dir.join("archive").join("inbox.txt"))?;
    Ok(text)
}
