use std::rc::Rc;

use crate::state::Session;

async fn reload() {
    tokio::task::yield_now().await;
}

/// A `RefCell` field declared in another file, borrowed across the await.
pub async fn refresh(session: Rc<Session>) {
    let mut entries = session.entries.borrow_mut();
    entries.clear();
    reload().await;
    entries.push(1);
}

/// A method returning `&RefCell` declared in another file.
pub async fn rename(session: &Session, name: String) {
    let mut names = session.names().borrow_mut();
    reload().await;
    names.push(name);
}

/// Borrowed and released before the await. Not a finding.
pub async fn summary(session: &Session) -> usize {
    let n = session.entries.borrow().len();
    reload().await;
    n + session.hits.get() as usize
}

/// `borrow_mut` of a crate type that is no `RefCell`. Not a finding.
pub async fn tally(session: &mut Session) -> usize {
    let ledger = session.ledger.borrow_mut();
    ledger.push(1);
    reload().await;
    ledger.len()
}
