pub async fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(1));
}
