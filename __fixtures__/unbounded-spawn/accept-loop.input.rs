use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

async fn serve(mut stream: TcpStream) -> std::io::Result<()> {
    stream.write_all(b"hello\n").await
}

/// One task per connection is the design of an accept loop.
pub async fn run(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, peer) = listener.accept().await?;
        tokio::spawn(async move {
            if let Err(e) = serve(stream).await {
                log::warn!("{peer}: {e}");
            }
        });
    }
}
