//! A job worker driven by `tokio::select!`: each arm's future and handler
//! are parsed as code, and a handler runs in the worker's async fn, so a
//! blocking sleep there stalls the executor thread like anywhere else in it.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

pub struct Worker {
    pub paused: Arc<AtomicBool>,
    pub backoff: Duration,
}

impl Worker {
    pub async fn run(&self, mut jobs: mpsc::Receiver<u64>, mut shutdown: oneshot::Receiver<()>) -> u64 {
        let mut done = 0;
        let mut heartbeat = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                // `biased;` is the macro's own token: the arms after it are parsed as usual.
                biased;
                // Not a finding: `break` in a handler leaves this loop, as handlers run in this fn.
                _ = &mut shutdown => break,
                // Finding: the handler block runs in this async fn.
                Some(job) = jobs.recv(), if !self.paused.load(Ordering::Relaxed) => {
                    std::thread::sleep(self.backoff);
                    done += job;
                }
                // Finding: a handler that is one expression; the fix keeps the arm's comma.
                _ = heartbeat.tick() => std::thread::sleep(Duration::from_millis(1)),
                // Finding: the arm's future is an async block, async context of its own.
                _ = async {
                    std::thread::sleep(self.backoff);
                } => {}
                // Not a finding: a closure given to spawn_blocking runs on the blocking pool.
                _ = tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(5))) => {}
                // Finding: `else` runs when every arm is disabled, in this fn too.
                else => {
                    std::thread::sleep(self.backoff);
                    break;
                }
            }
        }
        done
    }
}

/// Not a finding: a `select!` in a sync fn's `block_on` is async code only
/// inside the block; the sleep before it is in the sync fn.
pub fn drain_blocking(rt: &tokio::runtime::Runtime, mut jobs: mpsc::Receiver<u64>) -> Option<u64> {
    std::thread::sleep(Duration::from_millis(1));
    rt.block_on(async {
        tokio::select! {
            job = jobs.recv() => job,
            _ = tokio::time::sleep(Duration::from_millis(10)) => None,
        }
    })
}
