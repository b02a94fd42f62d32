use tokio::runtime::Handle;

async fn refresh(key: u64) {
    tokio::task::yield_now().await;
    let _ = key;
}

/// Spawning through the current runtime's handle is the same unbounded fan-out.
pub async fn refresh_all(keys: Vec<u64>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for key in keys {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = refresh(key);
        Handle::current().spawn(async move {
            let _permit = permit;
            task.await
        });
    }
}

/// A handle passed in (another runtime's, perhaps) spawns the same way.
pub async fn refresh_on(runtime: &Handle, keys: Vec<u64>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for key in keys {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = refresh(key);
        runtime.spawn(async move {
            let _permit = permit;
            task.await
        });
    }
}

/// A handle taken once and kept in a variable.
pub async fn refresh_later(keys: Vec<u64>) {
    let handle = Handle::current();
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for key in keys {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        handle.spawn(async move { let _permit = permit; refresh(key).await });
    }
}
