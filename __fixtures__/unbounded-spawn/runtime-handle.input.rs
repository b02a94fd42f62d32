use tokio::runtime::Handle;

async fn refresh(key: u64) {
    tokio::task::yield_now().await;
    let _ = key;
}

/// Spawning through the current runtime's handle is the same unbounded fan-out.
pub async fn refresh_all(keys: Vec<u64>) {
    for key in keys {
        Handle::current().spawn(refresh(key));
    }
}

/// A handle passed in (another runtime's, perhaps) spawns the same way.
pub async fn refresh_on(runtime: &Handle, keys: Vec<u64>) {
    for key in keys {
        runtime.spawn(refresh(key));
    }
}

/// A handle taken once and kept in a variable.
pub async fn refresh_later(keys: Vec<u64>) {
    let handle = Handle::current();
    for key in keys {
        handle.spawn(async move { refresh(key).await });
    }
}
