/// Loads the settings file on every request.
pub async fn settings(path: &str) -> String {
    tokio::fs::read_to_string(path).await.unwrap_or_default()
}
