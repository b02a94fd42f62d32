use std::borrow::Borrow;
use std::cell::RefCell;

async fn reload() {
    tokio::task::yield_now().await;
}

pub async fn short_borrows(cache: &RefCell<Vec<u64>>) {
    cache.borrow_mut().clear();
    reload().await;
    cache.borrow_mut().push(1);
}

pub async fn scoped(cache: &RefCell<Vec<u64>>) -> usize {
    let n = {
        let entries = cache.borrow();
        entries.len()
    };
    reload().await;
    n
}

pub async fn trait_borrow(name: String) -> usize {
    let s: &str = name.borrow();
    let n = s.len();
    reload().await;
    n
}
