use std::collections::HashMap;

pub struct Dashboard {
    pub user: String,
    pub orders: Vec<u32>,
    pub prefs: HashMap<String, String>,
    pub unread: usize,
}

async fn load_user(id: u32) -> String {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    format!("user-{id}")
}

async fn load_orders(id: u32) -> Vec<u32> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    vec![id, id + 1]
}

async fn load_prefs(name: &str) -> HashMap<String, String> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    let mut m = HashMap::new();
    m.insert("owner".to_string(), name.to_string());
    m
}

async fn count_unread(id: u32, limit: usize) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    (id as usize).min(limit)
}

pub async fn dashboard(id: u32, tenant: &str) -> Dashboard {
    let limit = 50;
    let (user, mut orders, prefs, unread) = tokio::join!(
        load_user(id),
        load_orders(id),
        load_prefs(tenant),
        count_unread(id, limit),
    );
    orders.sort();
    Dashboard { user, orders, prefs, unread }
}
