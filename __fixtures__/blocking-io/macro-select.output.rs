//! A deploy agent: commands run from `tokio::select!` handlers, `join!`
//! futures and the arguments of log macros are in the agent's async code,
//! so `std::process::Command` there blocks the executor thread.
use std::time::Duration;

use tokio::sync::mpsc;

pub async fn agent(mut deploys: mpsc::Receiver<String>, mut logs: mpsc::Receiver<String>) -> std::io::Result<u32> {
    let mut failures = 0;
    let mut health = tokio::time::interval(Duration::from_secs(30));
    loop {
        tokio::select! {
            // Finding: `.status()` in a handler block becomes `tokio::process::Command` with `.await`.
            Some(rev) = deploys.recv() => {
                let status = tokio::process::Command::new("git").arg("checkout").arg(&rev).status().await?;
                if !status.success() {
                    failures += 1;
                }
            }
            // Finding: `.output()` in the arguments of a `log` macro inside a handler.
            _ = health.tick() => {
                log::info!("health: {}", String::from_utf8_lossy(&tokio::process::Command::new("uptime").output().await?.stdout));
                // Reported, no fix: a std connect in a `log` argument; the fix is another API (tokio::net).
                log::info!("api port open: {}", std::net::TcpStream::connect("127.0.0.1:8080").is_ok());
            }
            // Not a finding: already `tokio::process`.
            Some(line) = logs.recv() => {
                tokio::process::Command::new("logger").arg(&line).status().await?;
            }
            else => break,
        }
    }
    // Finding: a command run in an async block given to `join!`.
    let (synced, _) = tokio::join!(async { tokio::process::Command::new("sync").status().await }, tokio::task::yield_now());
    synced?;
    Ok(failures)
}
