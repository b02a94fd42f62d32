//! Loading a service's two config files at once with `tokio::try_join!` and
//! `tokio::join!`: each future is parsed as code, and an async block among
//! them is async context. Once every `fs::` call is fixed, the `use std::fs`
//! they needed goes too: `tokio::fs::..` written inside a macro is a path
//! whose tail is `fs`, not a use of the import.
use std::fs;
use std::path::Path;

async fn fetch_remote(name: &str) -> std::io::Result<String> {
    tokio::task::yield_now().await;
    Ok(name.to_string())
}

pub async fn load(dir: &Path) -> std::io::Result<(String, String, usize)> {
    // Finding: the tail of an async block given to `try_join!`.
    let (local, remote) = tokio::try_join!(async { fs::read_to_string(dir.join("local.toml")) }, fetch_remote("remote.toml"))?;
    // Finding: a statement in an async block given to `join!`.
    let (size, _) = tokio::join!(
        async {
            let meta = fs::metadata(dir.join("secrets.toml"))?;
            Ok::<_, std::io::Error>(meta.len() as usize)
        },
        fetch_remote("ping"),
    );
    // Not a finding: the read is inside `spawn_blocking`, on the blocking pool.
    let owned = dir.join("big.toml");
    let (big, _) = tokio::join!(tokio::task::spawn_blocking(move || std::fs::read(owned)), fetch_remote("pong"));
    let _ = big;
    Ok((local, remote, size?))
}
