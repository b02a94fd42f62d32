use fs_err;
use std::io;
use std::path::Path;

pub async fn bytes(path: &Path) -> io::Result<Vec<u8>> {
    fs_err::tokio::read(path).await
}

pub async fn size(path: &Path) -> io::Result<u64> {
    Ok(fs_err::tokio::metadata(path).await?.len())
}

pub async fn store(path: &Path, body: &[u8]) -> io::Result<()> {
    fs_err::tokio::write(path, body).await
}

pub async fn discard(path: &Path) -> io::Result<()> {
    if fs_err::tokio::metadata(path).await.is_ok() {
        fs_err::tokio::remove_file(path).await?;
    }
    Ok(())
}
