use std::time::Duration;

use tokio::sync::mpsc;

/// Forwards jobs to the worker, pausing between sends so it is not flooded.
pub async fn forward_jobs(jobs: Vec<String>, tx: mpsc::Sender<String>) -> anyhow::Result<()> {
    for job in jobs {
        tx.send(job).await?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}
