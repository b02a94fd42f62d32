use std::collections::HashMap;
use std::sync::Mutex;

async fn tick() {
    tokio::task::yield_now().await;
}

/// The guard is a temporary of the match arm: dropped when the arm ends, before the await.
pub async fn arm_then_await(m: &Mutex<HashMap<u32, u32>>, k: Option<u32>) -> u32 {
    let n = match k {
        Some(k) => m.lock().unwrap().insert(k, 1).unwrap_or(0),
        None => 0,
    } + {
        tick().await;
        0
    };
    n
}

/// Each operand of `&&` is a temporary scope of its own.
pub async fn lazy_and(m: &Mutex<HashMap<u32, u32>>) -> bool {
    m.lock().unwrap().contains_key(&1) && {
        tick().await;
        true
    }
}

/// The scrutinee's temporaries live to the end of the whole match: this guard is held across the await in an arm. A finding.
pub async fn scrutinee_guard(m: &Mutex<HashMap<u32, u32>>) {
    match m.lock().unwrap().get(&1) {
        Some(_) => tick().await,
        None => {}
    }
}

pub fn spawnable() {
    static M: std::sync::OnceLock<Mutex<HashMap<u32, u32>>> = std::sync::OnceLock::new();
    let m = M.get_or_init(|| Mutex::new(HashMap::new()));
    // Both futures are Send: they compile as tokio::spawn arguments.
    drop(tokio::spawn(arm_then_await(m, Some(1))));
    drop(tokio::spawn(lazy_and(m)));
}
