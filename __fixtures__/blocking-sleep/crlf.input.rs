use std::time::Duration;

/// Written on Windows: every line ends in CRLF.
pub async fn poll_device(retries: u32) -> u32 {
    let mut tries = 0;
    while tries < retries {
        tries += 1;
        std::thread::sleep(Duration::from_millis(15));
    }
    tries
}
