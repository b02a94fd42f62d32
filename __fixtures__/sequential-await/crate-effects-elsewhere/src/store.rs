use std::time::Duration;

pub struct DbConn {
    pub url: String,
}

macro_rules! in_transaction {
    ($body:expr) => {{
        tokio::time::sleep(Duration::from_millis(1)).await;
        $body
    }};
}

pub async fn user_name(id: u64) -> String {
    tokio::time::sleep(Duration::from_millis(2)).await; // a round trip
    format!("user{id}")
}

pub async fn score(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(3)).await; // a round trip
    id % 100
}

pub async fn check_allowed(id: u64) -> Result<(), String> {
    tokio::time::sleep(Duration::from_millis(1)).await;
    if id == 0 { Err("no such user".to_string()) } else { Ok(()) }
}

pub async fn find(conn: &DbConn, id: u64) -> String {
    tokio::time::sleep(Duration::from_millis(1)).await;
    format!("{}/{id}", conn.url)
}

pub async fn run_in_tx(id: u64) -> u64 {
    in_transaction!(id + 1)
}
