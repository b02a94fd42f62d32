use std::io;
use std::path::PathBuf;

/// Two fs-err calls in a row: one trip to the blocking pool, fs-err's errors kept.
pub async fn rotate(dir: PathBuf) -> io::Result<()> {
    tokio::task::spawn_blocking(move || -> io::Result<()> {
        fs_err::create_dir_all(&dir)?;
        fs_err::rename(dir.join("current.log"), dir.join("previous.log"))?;
        Ok(())
    })
    .await
    .expect("blocking task panicked")?;
    Ok(())
}
