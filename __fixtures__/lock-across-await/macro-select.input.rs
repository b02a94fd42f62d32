//! A session registry updated from a `tokio::select!` loop. A handler runs
//! in this async fn, so a guard held across an `.await` in it is held
//! across a suspension; and `select!` and `join!` themselves are await
//! points, like the `.await`s they expand to.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

#[derive(Default)]
pub struct Registry {
    pub sessions: Mutex<HashMap<u64, String>>,
    pub evicted: Mutex<Vec<u64>>,
}

async fn persist(id: u64) {
    tokio::time::sleep(Duration::from_millis(id % 3)).await;
}

pub async fn run(reg: Arc<Registry>, mut logins: mpsc::Receiver<(u64, String)>, mut logouts: mpsc::Receiver<u64>) {
    let mut sweep = tokio::time::interval(Duration::from_secs(60));
    loop {
        tokio::select! {
            // Finding, fixed: the guard is held across `persist(..).await` in the handler;
            // its uses end before the await, so it is scoped in a block there.
            Some((id, name)) = logins.recv() => {
                let mut sessions = reg.sessions.lock().unwrap();
                sessions.insert(id, name);
                persist(id).await;
            }
            // Not a finding: a temporary guard, dropped at the end of its statement.
            Some(id) = logouts.recv() => {
                reg.sessions.lock().unwrap().remove(&id);
                persist(id).await;
            }
            // Finding, fixed: the same in an arm whose future is an async block.
            _ = async {
                let mut evicted = reg.evicted.lock().unwrap();
                evicted.clear();
                tokio::task::yield_now().await;
            } => {}
            _ = sweep.tick() => {}
            else => break,
        }
    }
}

pub async fn snapshot(reg: &Registry, mut stop: mpsc::Receiver<()>) -> usize {
    // Finding, fixed: the guard is held across the `join!` after it, which awaits both futures.
    let count = reg.sessions.lock().unwrap();
    log::info!("{} sessions", count.len());
    tokio::join!(persist(1), persist(2));
    // Reported, no fix: the guard is used by the select!'s precondition, at the await itself.
    let evicted = reg.evicted.lock().unwrap();
    tokio::select! {
        _ = stop.recv(), if evicted.is_empty() => 0,
        _ = persist(3) => 1,
    }
}
