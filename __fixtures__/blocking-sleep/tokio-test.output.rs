pub async fn fetch_count() -> usize {
    3
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn count_is_stable() {
        let first = fetch_count().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(first, fetch_count().await);
    }
}
