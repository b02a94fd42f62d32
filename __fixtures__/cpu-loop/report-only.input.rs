use std::sync::Mutex;

fn compress_chunk(chunk: &[u8]) -> Vec<u8> {
    chunk.iter().rev().copied().collect()
}

pub async fn pairs(points: &[(i64, i64)]) -> i64 {
    let mut best = i64::MAX;
    for a in points {
        for b in points {
            best = best.min((a.0 - b.0).abs() + (a.1 - b.1).abs());
        }
    }
    best
}

pub async fn spin() -> u64 {
    let mut acc = 0u64;
    for i in 0..10_000_000u64 {
        acc = acc.wrapping_mul(31).wrapping_add(i);
    }
    acc
}

pub async fn under_lock(store: &Mutex<Vec<Vec<u8>>>) -> usize {
    let chunks = store.lock().unwrap().clone();
    let mut total = 0;
    for (i, chunk) in chunks.iter().enumerate() {
        total += compress_chunk(chunk).len() + i;
    }
    total
}
