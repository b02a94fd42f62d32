use std::fs as disk;
use std::fs::read_to_string as slurp;

pub async fn load_banner(path: &str) -> String {
    slurp(path).unwrap_or_else(|_| String::from("welcome"))
}

/// The module renamed: `disk::write` is `std::fs::write`.
pub async fn save_banner(path: &str, banner: &str) -> std::io::Result<()> {
    disk::write(path, banner)
}
