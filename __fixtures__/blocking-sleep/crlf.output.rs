use std::time::Duration;

/// Written on Windows: every line ends in CRLF.
pub async fn poll_device(retries: u32) -> u32 {
    let mut tries = 0;
    while tries < retries {
        tries += 1;
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    tries
}
