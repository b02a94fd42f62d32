//! Reported without a fix.
use fs_err::PathExt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `PathExt` has no async form.
pub async fn is_big(path: &Path) -> io::Result<bool> {
    Ok(path.fs_err_metadata()?.len() > 1 << 20)
}

/// An fs-err `File` written across an await: no `spawn_blocking` can take the sequence.
pub async fn append(path: PathBuf, line: String) -> io::Result<()> {
    let mut file = fs_err::File::create(&path)?;
    tokio::task::yield_now().await;
    writeln!(file, "{line}")?;
    Ok(())
}

/// Passed as a value: there is no call to await here.
pub async fn read_all(paths: Vec<PathBuf>) -> io::Result<Vec<String>> {
    paths.into_iter().map(fs_err::read_to_string).collect()
}
