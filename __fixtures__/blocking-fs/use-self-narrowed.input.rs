use std::fs::{self, File};
use std::io::Read;

/// `fs` goes from the import; `File` stays for the sync fn.
pub async fn load(path: &str) -> std::io::Result<Vec<u8>> {
    fs::read(path)
}

pub fn load_sync(path: &str) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    File::open(path)?.read_to_end(&mut data)?;
    Ok(data)
}
