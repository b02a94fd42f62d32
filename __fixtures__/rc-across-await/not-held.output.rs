use std::rc::Rc;
use std::sync::Arc;

async fn fetch_body(id: u64) -> String {
    tokio::task::yield_now().await;
    format!("body {id}")
}

pub async fn dropped(id: u64) -> String {
    let layout = Rc::new(String::from("h"));
    let header = layout.to_string();
    drop(layout);
    fetch_body(id).await + &header
}

pub async fn scoped(id: u64) -> String {
    let header = {
        let layout = Rc::new(String::from("h"));
        layout.to_string()
    };
    fetch_body(id).await + &header
}

pub async fn atomic(id: u64) -> String {
    let layout = Arc::new(String::from("h"));
    fetch_body(id).await + &layout
}

pub fn sync_code() -> usize {
    let layout = Rc::new(String::from("h"));
    layout.len()
}
