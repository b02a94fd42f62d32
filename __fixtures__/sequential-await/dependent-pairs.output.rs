pub struct User {
    pub id: u64,
    pub team: u64,
}

async fn find_user(name: &str) -> User {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    User { id: name.len() as u64, team: 7 }
}

async fn find_team(team: u64) -> String {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    format!("team-{team}")
}

async fn find_orders(user: &User) -> Vec<u64> {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    vec![user.id]
}

async fn next_page(cursor: u64) -> (u64, Vec<u64>) {
    tokio::time::sleep(std::time::Duration::from_millis(1)).await; // stands in for a round trip
    (cursor + 1, vec![cursor])
}

pub async fn profile(name: &str) -> (String, usize) {
    // The team lookup needs the user: these must stay in order.
    let user = find_user(name).await;
    let team = find_team(user.team).await;
    let orders = find_orders(&user).await;
    (team, orders.len())
}

pub async fn pages(start: u64) -> usize {
    // Destructured, then shadowed: each call needs the previous cursor.
    let (cursor, first) = next_page(start).await;
    let (cursor, second) = next_page(cursor).await;
    let (_, third) = next_page(cursor).await;
    first.len() + second.len() + third.len()
}
