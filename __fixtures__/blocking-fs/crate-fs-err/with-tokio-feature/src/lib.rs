//! fs-err with its `tokio` feature: each blocking fs-err call becomes its
//! `fs_err::tokio` twin, so the errors still name the path.
use fs_err as fs;
use std::io;
use std::path::Path;

pub mod batch;
pub mod imports;
pub mod negatives;
pub mod report;
pub mod sync_objects;

pub async fn load_config(path: &Path) -> io::Result<String> {
    let text = fs::read_to_string(path)?;
    Ok(text.trim().to_owned())
}
