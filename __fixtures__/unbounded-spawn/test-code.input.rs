use std::sync::Arc;
use tokio::sync::Semaphore;

#[cfg(test)]
mod tests {
    use super::*;

    /// A stress test: a thousand tasks contend on purpose; capping them would test less.
    #[tokio::test]
    async fn many_waiters() {
        let sem = Arc::new(Semaphore::new(5));
        let mut handles = Vec::new();
        for _ in 0..1000 {
            let sem = sem.clone();
            handles.push(tokio::spawn(async move {
                let _permit = sem.acquire().await.unwrap();
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
    }
}
