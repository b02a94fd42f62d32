use std::fs;
use std::io;
use std::path::Path;

/// `read_dir` iterated with `for`: `tokio::fs::read_dir` is not an iterator, so the loop moves.
pub async fn list_names(dir: &Path) -> io::Result<Vec<String>> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || -> io::Result<Vec<String>> {
        let dir = &*dir;
        let mut names = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    })
    .await
    .expect("blocking task panicked")
}
