use std::process::{Command, Output};

/// A builder chain run with `.output()`, its error propagated with `?`.
pub async fn git_version() -> std::io::Result<String> {
    let out: Output = Command::new("git").arg("--version").output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Built in a `let`, configured, then run with `.status()`.
pub async fn sync_disks(dir: &str) -> bool {
    let mut cmd = Command::new("sync");
    cmd.arg("-f").current_dir(dir);
    cmd.status().map(|s| s.success()).unwrap_or(false)
}

/// Fully qualified, as a match scrutinee.
pub async fn uptime() -> Option<Vec<u8>> {
    match std::process::Command::new("uptime").output() {
        Ok(out) if out.status.success() => Some(out.stdout),
        _ => None,
    }
}
