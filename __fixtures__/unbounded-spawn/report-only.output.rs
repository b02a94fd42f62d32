async fn touch(id: u32) -> u32 {
    tokio::task::yield_now().await;
    id
}

/// `for_each` runs a sync closure: it cannot await a permit.
pub async fn touch_each(ids: Vec<u32>) {
    ids.into_iter().for_each(|id| {
        tokio::spawn(touch(id));
    });
}

/// A typed closure parameter has no `for` pattern to become.
pub async fn touch_typed(ids: Vec<u32>) -> Vec<u32> {
    let handles: Vec<_> = ids.into_iter().map(|id: u32| tokio::spawn(touch(id))).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// The spawn is one arm of a match: a permit taken before the whole statement would be held for nothing.
pub async fn touch_some(ids: Vec<Option<u32>>) {
    for id in ids {
        let _handle = match id {
            Some(id) => Some(tokio::spawn(touch(id))),
            None => None,
        };
    }
}
