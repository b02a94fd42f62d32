//! Startup of a service that warms its caches concurrently: the futures
//! given to `tokio::join!`, `tokio::try_join!` and `futures::join!` are
//! parsed as code, and an async block among them is async context.
use std::time::Duration;

async fn load_users() -> Vec<String> {
    tokio::task::yield_now().await;
    vec!["root".to_string()]
}

async fn load_routes() -> anyhow::Result<usize> {
    tokio::task::yield_now().await;
    Ok(3)
}

pub async fn warm_up(settle: Duration) -> anyhow::Result<usize> {
    // Finding: the sleep is in an async block joined with another future.
    let (users, _) = tokio::join!(load_users(), async {
        std::thread::sleep(settle);
    });
    // Finding: in a `try_join!` future, with the block's value after it.
    let (routes, probes) = tokio::try_join!(load_routes(), async {
        std::thread::sleep(settle);
        Ok::<_, anyhow::Error>(2)
    })?;
    // Finding: `futures::join!` takes the same futures.
    let (a, b) = futures::join!(load_routes(), async { std::thread::sleep(settle); 1 });
    // Not a finding: a closure given to spawn_blocking runs on the blocking pool.
    let (slow, _) = tokio::join!(tokio::task::spawn_blocking(move || { std::thread::sleep(settle); 4 }), load_users());
    Ok(users.len() + routes + probes + a? + b + slow?)
}

pub async fn retry_until_ready(settle: Duration) -> usize {
    // `tokio::pin!` takes idents and `let` statements; a `let` is parsed as a block.
    let first = load_users();
    tokio::pin!(first);
    tokio::pin! {
        // Finding: the async block assigned in `pin!` is async context.
        let second = async {
            std::thread::sleep(settle);
            load_users().await
        };
    }
    (&mut first).await.len() + second.await.len()
}
