use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// A `BufReader` over a std `File`, `?` on its errors, then more async work.
pub async fn count_lines(path: &Path, notify: tokio::sync::mpsc::Sender<usize>) -> std::io::Result<()> {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        let path = &*path;
        let file = File::open(path)?;
        let mut count = 0;
        for line in BufReader::new(file).lines() {
            if !line?.trim().is_empty() {
                count += 1;
            }
        }
        log::info!("{} non-empty lines", count);
        Ok(())
    })
    .await
    .expect("blocking task panicked")?;
    notify.send(3).await.ok();
    Ok(())
}
