use std::thread;
use std::time::Duration;

/// The closures run on blocking-pool or dedicated threads, where sleeping is fine.
pub async fn run_jobs(delay: Duration) -> anyhow::Result<()> {
    let blocking = tokio::task::spawn_blocking(move || {
        std::thread::sleep(delay);
        42
    });
    let dedicated = thread::spawn(move || thread::sleep(delay));
    let answer = blocking.await?;
    dedicated.join().expect("sleeper panicked");
    anyhow::ensure!(answer == 42);
    Ok(())
}
