use std::rc::Rc;

pub struct Layout {
    pub header: String,
}

async fn fetch_body(id: u64) -> String {
    tokio::task::yield_now().await;
    format!("body {id}")
}

pub async fn render(id: u64) -> String {
    let layout = Rc::new(Layout { header: "h".into() });
    let body = fetch_body(id).await;
    format!("{}{}", layout.header, body)
}

pub async fn shared(layout: Rc<Layout>, id: u64) -> usize {
    let mine: Rc<Layout> = Rc::clone(&layout);
    let copy = mine.clone();
    fetch_body(id).await.len() + copy.header.len()
}
