//! After the JoinSet fix, `join_all` and `JoinHandle` are still used elsewhere: their imports stay.
use futures::future::{join_all, BoxFuture};
use tokio::task::{self, JoinHandle};

async fn double(n: u64) -> u64 {
    task::yield_now().await;
    n * 2
}

pub async fn doubled(ns: Vec<u64>) -> Vec<u64> {
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished = Vec::new();
    for n in ns {
        while handles.len() >= MAX_IN_FLIGHT {
            finished.extend(handles.join_next().await);
        }
        let index = finished.len() + handles.len();
        let task = double(n);
        handles.spawn(async move { (index, task.await) });
    }
    while let Some(joined) = handles.join_next().await {
        finished.push(joined);
    }
    // A JoinSet yields tasks as they finish: put the results back in spawn order
    // (a task that panicked lost its index: its error takes a slot no result filled).
    let mut slots: Vec<_> = (0..finished.len()).map(|_| None).collect();
    let mut failed = Vec::new();
    for joined in finished {
        match joined {
            Ok((index, output)) => slots[index] = Some(Ok(output)),
            Err(error) => failed.push(error),
        }
    }
    let finished: Vec<_> = slots.into_iter().map(|slot| slot.unwrap_or_else(|| Err(failed.remove(0)))).collect();
    finished.into_iter().map(|r| r.expect("task panicked")).collect()
}

pub fn background(n: u64) -> JoinHandle<u64> {
    tokio::spawn(double(n))
}

pub async fn both(a: BoxFuture<'static, u64>, b: BoxFuture<'static, u64>) -> Vec<u64> {
    join_all([a, b]).await
}
