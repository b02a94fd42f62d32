// `shims::tokio` is that crate's own module: a fix must not write `tokio_fs::join!`.
use shims::tokio as tokio_fs;

pub async fn total() -> usize {
    let a = tokio_fs::read_len("a.txt").await;
    let b = tokio_fs::read_len("b.txt").await;
    a + b
}
