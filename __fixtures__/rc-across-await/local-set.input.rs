use std::rc::Rc;
use tokio::task::LocalSet;

async fn render(page: &str) -> usize {
    tokio::task::yield_now().await;
    page.len()
}

/// Single-threaded on purpose: the cache is shared with `Rc` inside a LocalSet.
pub async fn render_all(pages: Vec<String>) -> usize {
    let local = LocalSet::new();
    local
        .run_until(async move {
            let shared = Rc::new(pages);
            let mut total = 0;
            for page in shared.iter() {
                total += render(page).await;
            }
            let handle = tokio::task::spawn_local(async move {
                let counter = Rc::new(1usize);
                tokio::task::yield_now().await;
                *counter
            });
            total + handle.await.unwrap_or(0)
        })
        .await
}
