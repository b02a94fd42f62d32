// Never call std::thread::sleep(d) in async code.

use std::time::Duration;

/// Prefer `tokio::time::sleep(d).await` over `std::thread::sleep(d)`.
pub async fn explain(delay: Duration) -> String {
    // std::thread::sleep(delay);
    /* std::thread::sleep(delay); */
    let hint = "std::thread::sleep(delay)";
    let raw = r#"thread::sleep(Duration::from_millis(1))"#;
    tokio::time::sleep(delay).await;
    format!("{hint} {raw} std::thread::sleep")
}
