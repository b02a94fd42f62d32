use std::time::Duration;

pub async fn handle_request(body: &str) -> usize {
    // Simulate a slow backend when debugging timeouts.
    #[cfg(debug_assertions)]
    std::thread::sleep(/* injected latency */ Duration::from_millis(300)); // keep in sync with the docs
    /* the real work */
    body.len()
}
