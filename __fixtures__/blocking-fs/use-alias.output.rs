
pub async fn load_banner(path: &str) -> String {
    tokio::fs::read_to_string(path).await.unwrap_or_else(|_| String::from("welcome"))
}

/// The module renamed: `disk::write` is `std::fs::write`.
pub async fn save_banner(path: &str, banner: &str) -> std::io::Result<()> {
    tokio::fs::write(path, banner).await
}
