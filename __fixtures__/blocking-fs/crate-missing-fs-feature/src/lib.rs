use std::fs;

/// Loads the settings file on every request.
pub async fn settings(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_default()
}
