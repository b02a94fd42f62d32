//! After the JoinSet fix, `join_all` and `JoinHandle` are still used elsewhere: their imports stay.
use futures::future::{join_all, BoxFuture};
use tokio::task::{self, JoinHandle};

async fn double(n: u64) -> u64 {
    task::yield_now().await;
    n * 2
}

pub async fn doubled(ns: Vec<u64>) -> Vec<u64> {
    let mut handles: Vec<JoinHandle<u64>> = Vec::new();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for n in ns {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = double(n);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task.await
        }));
    }
    join_all(handles).await.into_iter().map(|r| r.expect("task panicked")).collect()
}

pub fn background(n: u64) -> JoinHandle<u64> {
    tokio::spawn(double(n))
}

pub async fn both(a: BoxFuture<'static, u64>, b: BoxFuture<'static, u64>) -> Vec<u64> {
    join_all([a, b]).await
}
