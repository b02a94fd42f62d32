use std::fs::{File, OpenOptions};
use std::io::{Read, Write};

/// The file is still open across an await: the sequence cannot move to another thread.
pub async fn append(path: &str, tx: tokio::sync::mpsc::Sender<String>) -> std::io::Result<()> {
    let mut file = OpenOptions::new().append(true).open(path)?;
    tx.send(String::from("opened")).await.ok();
    file.write_all(b"entry\n")?;
    Ok(())
}

/// `path` is used again after the sequence, so the closure cannot take it.
pub async fn touch(path: &String) -> std::io::Result<usize> {
    File::create(path)?.write_all(b"")?;
    Ok(path.len())
}

/// `std::io::copy` between two std files, with an await in the middle.
pub async fn mirror(from: &str, to: &str) -> std::io::Result<u64> {
    let mut src = File::open(from)?;
    tokio::task::yield_now().await;
    let mut dst = File::create(to)?;
    let mut probe = [0u8; 1];
    let _ = src.read(&mut probe)?;
    std::io::copy(&mut src, &mut dst)
}
