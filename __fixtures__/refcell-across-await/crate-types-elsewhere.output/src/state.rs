use std::cell::{Cell, RefCell};

/// Single-threaded session state, shared by `Rc` among local tasks.
pub struct Session {
    pub entries: RefCell<Vec<u64>>,
    pub hits: Cell<u32>,
    names: RefCell<Vec<String>>,
    /// Not a `RefCell`: a crate type with its own `borrow_mut`.
    pub ledger: Ledger,
}

pub struct Ledger(pub Vec<u64>);

impl Ledger {
    pub fn borrow_mut(&mut self) -> &mut Vec<u64> {
        &mut self.0
    }
}

impl Session {
    pub fn names(&self) -> &RefCell<Vec<String>> {
        &self.names
    }
}
