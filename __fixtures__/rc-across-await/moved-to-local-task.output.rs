use std::rc::Rc;

async fn tick() {
    tokio::task::yield_now().await;
}

/// The `Rc` is moved into the local task: the spawning future does not hold it at the await. Not a finding.
pub async fn hand_to_local_task(local: &tokio::task::LocalSet) {
    let data = Rc::new(5);
    local.spawn_local(async move {
        println!("{}", data);
    });
    tick().await;
}

/// Dropped before the await. Not a finding.
pub async fn dropped_first() {
    let data = Rc::new(5);
    println!("{}", data);
    drop(data);
    tick().await;
}

/// A clone goes to the task; the original is still alive at the await. A finding.
pub async fn clone_to_local_task(local: &tokio::task::LocalSet) {
    let data = Rc::new(5);
    let copy = Rc::clone(&data);
    local.spawn_local(async move {
        println!("{}", copy);
    });
    tick().await;
    println!("{}", data);
}

/// Moved into a future that is itself awaited later: the future, and the `Rc` in it, are alive at the await. A finding.
pub async fn moved_into_pending_future() {
    let data = Rc::new(5);
    let later = async move { *data + 1 };
    tick().await;
    println!("{}", later.await);
}
