use std::rc::Rc;

async fn lookup(id: u32) -> u32 {
    tokio::task::yield_now().await;
    id * 2
}

fn remember(cache: Rc<Vec<u32>>) -> usize {
    cache.len()
}

fn count(names: &Rc<Vec<String>>) -> usize {
    names.len()
}

/// The Rc is handed to a fn that takes an `Rc`: an `Arc` would not fit there.
pub fn by_value(id: u32) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let cache = Rc::new(vec![id]);
        let doubled = lookup(id).await;
        remember(Rc::clone(&cache)) + doubled as usize
    })
}

/// `&Rc<..>` is written in the callee's signature.
pub fn by_reference(names: Vec<String>) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let names = Rc::new(names);
        let extra = lookup(1).await;
        count(&names) + extra as usize
    })
}

/// `Rc::strong_count` has no place in the rewrite.
pub fn counted(id: u32) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let cache = Rc::new(vec![id]);
        let doubled = lookup(id).await;
        Rc::strong_count(&cache) + doubled as usize
    })
}

/// Created outside the future: the capture must change too.
pub fn captured(shared: Rc<Vec<u32>>) -> tokio::task::JoinHandle<usize> {
    tokio::spawn(async move {
        let mine = Rc::clone(&shared);
        let doubled = lookup(1).await;
        mine.len() + doubled as usize
    })
}
