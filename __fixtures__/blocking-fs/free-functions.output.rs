use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

/// Every `std::fs` free fn with a `tokio::fs` twin, in the positions a swap must get right.
pub async fn maintain(root: &Path) -> io::Result<u64> {
    let root = root.to_owned();
    tokio::task::spawn_blocking(move || -> io::Result<u64> {
        let root = &*root;
        let bytes = fs::read(root.join("blob"))?;
        let text = fs::read_to_string(root.join("config.toml")).unwrap_or_default();
        fs::write(root.join("copy"), &bytes)?;
        fs::create_dir(root.join("new")).ok();
        fs::create_dir_all(root.join("cache/a/b")).expect("cache dir");
        fs::remove_file(root.join("stale")).map(|_| ()).unwrap_or(());
        fs::remove_dir(root.join("new"))?;
        fs::remove_dir_all(root.join("cache"))?;
        fs::rename(root.join("copy"), root.join("moved"))?;
        let copied = fs::copy(root.join("moved"), root.join("again"))?;
        let len = match fs::metadata(root.join("again")) {
            Ok(meta) => meta.len(),
            Err(_) => 0,
        };
        let link = fs::symlink_metadata(root.join("again"))?.file_type().is_symlink();
        let canonical = fs::canonicalize(root)?;
        let linked = Result::is_ok(&fs::read_link(root.join("link")));
        log::debug!("{}", describe(linked, &canonical));
        fs::hard_link(root.join("again"), root.join("hard"))?;
        let perms = fs::metadata(root.join("hard"))?.permissions();
        fs::set_permissions(root.join("hard"), perms)?;
        Ok(copied + len + text.len() as u64 + u64::from(link))
    })
    .await
    .expect("blocking task panicked")
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
