use std::cell::{Cell, RefCell};
use std::rc::Rc;

async fn lookup(id: u32) -> u32 {
    tokio::task::yield_now().await;
    id * 2
}

pub struct Stats {
    pub hits: Cell<u32>,
}

/// Shared mutable state: an `Arc` of a `RefCell` is not `Send` either.
pub fn collect(ids: Vec<u32>) -> tokio::task::JoinHandle<Vec<u32>> {
    tokio::spawn(async move {
        let seen = Rc::new(RefCell::new(Vec::new()));
        for id in ids {
            let v = lookup(id).await;
            seen.borrow_mut().push(v);
        }
        let out = seen.borrow().clone();
        out
    })
}

/// A `Cell` inside a struct of this file.
pub fn hits(id: u32) -> tokio::task::JoinHandle<u32> {
    tokio::spawn(async move {
        let stats = Rc::new(Stats { hits: Cell::new(0) });
        let v = lookup(id).await;
        stats.hits.set(stats.hits.get() + 1);
        v + stats.hits.get()
    })
}
