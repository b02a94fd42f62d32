use std::fs;

/// `fs` stays imported: the sync fn below still uses it.
pub async fn load(path: &str) -> std::io::Result<String> {
    fs::read_to_string(path)
}

pub fn load_sync(path: &str) -> std::io::Result<String> {
    fs::read_to_string(path)
}
