pub async fn fetch_user(id: u64) -> u64 {
    tokio::task::yield_now().await;
    id * 10
}

pub async fn fetch_quota(id: u64) -> u64 {
    tokio::task::yield_now().await;
    id + 100
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In tests the order of awaits is often what is asserted; they are left as written.
    #[tokio::test]
    async fn user_then_quota() {
        let user = fetch_user(1).await;
        let quota = fetch_quota(1).await;
        assert_eq!(user + quota, 111);
    }
}
