// `#[tokio::main]` (the multi-thread runtime) polls main's own future with
// `block_on` on the thread that started the runtime, and runs spawned tasks
// on its worker threads: blocking in main's own body stalls no other task.
// That kind is in the preview tier, so the default run reports none of these.
use std::time::Duration;

async fn work() -> u32 {
    7
}

#[tokio::main]
pub async fn main() {
    // A startup countdown before anything runs.
    std::thread::sleep(Duration::from_millis(500));
    let handle = tokio::spawn(work());
    // After the spawn too: the task runs on a worker, not on this thread.
    std::thread::sleep(Duration::from_millis(20));
    let n = handle.await.unwrap();
    println!("{n}");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
pub async fn serve() {
    std::thread::sleep(Duration::from_millis(5));
}
