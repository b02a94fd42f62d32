use fs_err::{self, read};
use fs_err::{metadata, remove_file};
use fs_err::write as put;
use std::io;
use std::path::Path;

pub async fn bytes(path: &Path) -> io::Result<Vec<u8>> {
    read(path)
}

pub async fn size(path: &Path) -> io::Result<u64> {
    Ok(metadata(path)?.len())
}

pub async fn store(path: &Path, body: &[u8]) -> io::Result<()> {
    put(path, body)
}

pub async fn discard(path: &Path) -> io::Result<()> {
    if fs_err::metadata(path).is_ok() {
        remove_file(path)?;
    }
    Ok(())
}
