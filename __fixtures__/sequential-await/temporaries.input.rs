async fn fetch(path: &str) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    path.len()
}

async fn fetch_owned(path: String) -> usize {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    path.len()
}

pub async fn pages(id: u32) -> usize {
    // Each path is a temporary String borrowed by the future.
    let profile = fetch(&format!("/users/{id}")).await;
    let avatar = fetch(&format!("/users/{id}/avatar")).await;
    let home = fetch_owned(format!("/home/{id}")).await;
    profile + avatar + home
}
