use std::io;
use std::path::Path;
use std::time::Duration;

/// Every `std::fs` free fn with a `tokio::fs` twin, in the positions a swap must get right.
pub async fn maintain(root: &Path) -> io::Result<u64> {
    let bytes = tokio::fs::read(root.join("blob")).await?;
    let text = tokio::fs::read_to_string(root.join("config.toml")).await.unwrap_or_default();
    tokio::fs::write(root.join("copy"), &bytes).await?;
    tokio::fs::create_dir(root.join("new")).await.ok();
    tokio::fs::create_dir_all(root.join("cache/a/b")).await.expect("cache dir");
    tokio::fs::remove_file(root.join("stale")).await.map(|_| ()).unwrap_or(());
    tokio::fs::remove_dir(root.join("new")).await?;
    tokio::fs::remove_dir_all(root.join("cache")).await?;
    tokio::fs::rename(root.join("copy"), root.join("moved")).await?;
    let copied = tokio::fs::copy(root.join("moved"), root.join("again")).await?;
    let len = match tokio::fs::metadata(root.join("again")).await {
        Ok(meta) => meta.len(),
        Err(_) => 0,
    };
    let link = tokio::fs::symlink_metadata(root.join("again")).await?.file_type().is_symlink();
    let canonical = tokio::fs::canonicalize(root).await?;
    let linked = Result::is_ok(&tokio::fs::read_link(root.join("link")).await);
    log::debug!("{}", describe(linked, &canonical));
    tokio::fs::hard_link(root.join("again"), root.join("hard")).await?;
    let perms = tokio::fs::metadata(root.join("hard")).await?.permissions();
    tokio::fs::set_permissions(root.join("hard"), perms).await?;
    Ok(copied + len + text.len() as u64 + u64::from(link))
}

fn describe(linked: bool, path: &Path) -> String {
    format!("{} {}", linked, path.display())
}

/// Inside async blocks handed to `tokio::spawn` and `timeout`.
pub async fn background(path: std::path::PathBuf) -> io::Result<()> {
    let writer = tokio::spawn(async move { tokio::fs::write(&path, b"ok").await });
    writer.await.expect("writer panicked")?;
    let read = tokio::time::timeout(Duration::from_secs(1), async { tokio::fs::read_to_string("motd").await }).await;
    if let Ok(text) = read {
        log::info!("{}", text?);
    }
    Ok(())
}
