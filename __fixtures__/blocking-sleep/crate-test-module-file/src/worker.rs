/// Not test code either, though `tests.rs` sits beside it.
pub async fn backoff() {
    std::thread::sleep(std::time::Duration::from_millis(1));
}
