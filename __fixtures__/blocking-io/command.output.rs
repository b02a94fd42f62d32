use std::process::Output;

/// A builder chain run with `.output()`, its error propagated with `?`.
pub async fn git_version() -> std::io::Result<String> {
    let out: Output = tokio::process::Command::new("git").arg("--version").output().await?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Built in a `let`, configured, then run with `.status()`.
pub async fn sync_disks(dir: &str) -> bool {
    let mut cmd = tokio::process::Command::new("sync");
    cmd.arg("-f").current_dir(dir);
    cmd.status().await.map(|s| s.success()).unwrap_or(false)
}

/// Fully qualified, as a match scrutinee.
pub async fn uptime() -> Option<Vec<u8>> {
    match tokio::process::Command::new("uptime").output().await {
        Ok(out) if out.status.success() => Some(out.stdout),
        _ => None,
    }
}
