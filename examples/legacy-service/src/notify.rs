//! Tells users their jobs are done.

use std::time::Duration;

async fn send(user: u64) -> bool {
    tokio::time::sleep(Duration::from_millis(1)).await;
    user % 2 == 0
}

/// One task per user, all at once, however many users there are.
pub async fn notify_users(users: Vec<u64>) -> Vec<bool> {
    let mut handles = Vec::new();
    for user in users {
        handles.push(tokio::spawn(send(user)));
    }
    let mut delivered = Vec::new();
    for handle in handles {
        delivered.push(handle.await.unwrap());
    }
    delivered
}
