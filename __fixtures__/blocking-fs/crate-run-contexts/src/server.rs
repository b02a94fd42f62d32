use tokio::net::{TcpListener, TcpStream};

pub async fn serve() -> std::io::Result<()> {
    // Startup, before any connection task exists.
    let root = std::fs::canonicalize(".")?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    loop {
        let (socket, _) = listener.accept().await?;
        let dir = root.clone();
        tokio::spawn(async move {
            let _ = handle(socket, dir).await;
        });
        // After a spawn: on this current-thread runtime the task waits for it.
        let _ = std::fs::metadata(&root)?;
    }
}

/// One task per connection: a blocking read here stalls the other connections.
async fn handle(_socket: TcpStream, root: std::path::PathBuf) -> std::io::Result<()> {
    let page = std::fs::read(root.join("index.html"))?;
    println!("{} bytes", page.len());
    Ok(())
}
