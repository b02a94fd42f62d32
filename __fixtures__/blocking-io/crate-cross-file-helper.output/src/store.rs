use crate::util;
use std::sync::Arc;

pub struct Index {
    path: String,
}

impl Index {
    pub fn get(&self) -> Vec<u8> {
        util::load(&self.path)
    }

    pub fn len(&self) -> usize {
        self.path.len()
    }
}

pub struct Store {
    index: Arc<Index>,
}

impl Store {
    pub fn new(path: String) -> Self {
        Store { index: Arc::new(Index { path }) }
    }

    fn fetch(index: &Index) -> Vec<u8> {
        index.get()
    }

    /// Blocks through a method of a field's type, and through an associated fn.
    pub async fn refresh(&self) -> usize {
        let direct = self.index.get().len();
        let via_self = Self::fetch(&self.index).len();
        let fresh = util::load_async(&self.index.path).await.len();
        direct + via_self + fresh + self.index.len()
    }
}
