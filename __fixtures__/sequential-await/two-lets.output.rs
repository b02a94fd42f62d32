use std::time::Duration;

#[derive(Debug)]
pub struct Job {
    pub id: u64,
}

async fn fetch_user(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    id * 10
}

async fn fetch_quota(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(2)).await;
    id + 100
}

pub async fn handle(job: Job) -> u64 {
    // Who is asking, and how much they may use.
    let (user, quota) = tokio::join!(fetch_user(job.id), fetch_quota(job.id));
    user + quota
}
