use std::sync::{Mutex, RwLock};

pub struct Shared {
    pub counts: Mutex<u32>,
    pub names: RwLock<Vec<String>>,
    pub queue: tokio::sync::Mutex<Vec<u8>>,
    pub gate: Gate,
}

/// Not a lock: `lock()` hands out a ticket number, no guard.
pub struct Gate {
    next: std::sync::atomic::AtomicU32,
}

impl Gate {
    pub fn lock(&self) -> Result<u32, std::convert::Infallible> {
        Ok(self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

pub static STATE: RwLock<Vec<String>> = RwLock::new(Vec::new());
