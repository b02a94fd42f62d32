use std::cell::RefCell;

#[allow(clippy::await_holding_refcell_ref)]
pub async fn deliberate(cell: &RefCell<u64>) {
    let mut v = cell.borrow_mut();
    *v += 1;
    tokio::task::yield_now().await;
}
