use std::process::Command;

/// Already async: tokio's process, channel and network types.
pub async fn async_apis(mut rx: tokio::sync::mpsc::Receiver<u8>) -> std::io::Result<u8> {
    let out = tokio::process::Command::new("true").output().await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    drop(listener);
    let path = std::path::Path::new("a").join("b");
    log::debug!("{}", path.display());
    Ok(rx.recv().await.unwrap_or(out.stdout.len() as u8))
}

/// Blocking calls on threads made for them, and in sync code.
pub async fn offloaded() -> bool {
    let status = tokio::task::spawn_blocking(|| Command::new("true").status()).await.expect("join");
    let handle = std::thread::spawn(|| 3);
    let joined = tokio::task::spawn_blocking(move || handle.join().unwrap_or(0)).await.unwrap_or(0);
    status.map(|s| s.success()).unwrap_or(false) && joined == 3
}

pub fn sync_run() -> bool {
    Command::new("true").status().map(|s| s.success()).unwrap_or(false)
}

/// A `Command` handed out as a value: it may be spawned, so it stays std.
pub async fn prepared() -> Command {
    let mut cmd = Command::new("ls");
    cmd.arg("-l");
    cmd
}
