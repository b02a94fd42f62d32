fn hash_block(data: &[u8]) -> u64 {
    data.iter().map(|&b| u64::from(b)).sum()
}

async fn store(v: u64) {
    tokio::task::yield_now().await;
    let _ = v;
}

pub async fn small(first: &[u8], second: &[u8]) -> u64 {
    let mut acc = 0;
    for block in [first, second] {
        acc += hash_block(block);
    }
    for i in 0..3 {
        acc += i;
    }
    acc
}

pub async fn awaits_each(blocks: Vec<Vec<u8>>) {
    for block in &blocks {
        store(hash_block(block)).await;
    }
}

pub async fn offloaded(blocks: Vec<Vec<u8>>) -> u64 {
    tokio::task::spawn_blocking(move || {
        let mut acc = 0;
        for block in &blocks {
            acc += hash_block(block);
        }
        acc
    })
    .await
    .unwrap_or(0)
}

pub fn sync_code(blocks: &[Vec<u8>]) -> u64 {
    let mut acc = 0;
    for block in blocks {
        acc += hash_block(block);
    }
    acc
}

pub async fn plain(items: &[u64]) -> u64 {
    let mut acc = 0;
    for item in items {
        acc += item;
    }
    acc
}

async fn ready(row: &[u64]) -> bool {
    tokio::task::yield_now().await;
    !row.is_empty()
}

pub async fn awaits_in_macro(rows: &[Vec<u64>]) -> u64 {
    let mut acc = 0;
    for row in rows {
        for v in row {
            acc += v;
        }
        assert!(ready(row).await);
    }
    acc
}
