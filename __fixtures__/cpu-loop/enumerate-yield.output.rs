use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn hash_block(data: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    for _ in 0..1_000 {
        data.hash(&mut h);
    }
    h.finish()
}

pub async fn digest_all(blocks: &[Vec<u8>]) -> Vec<u64> {
    let mut out = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        if i % 64 == 63 {
            tokio::task::yield_now().await;
        }
        out.push(hash_block(block) ^ i as u64);
    }
    out
}
