use std::sync::mpsc as std_mpsc;

use tokio::net::UdpSocket;
use tokio::sync::mpsc;

pub struct Request;

impl Request {
    pub async fn send(self) -> Result<u16, ()> {
        Ok(200)
    }
}

pub async fn propagate(tx: mpsc::Sender<u32>, v: u32) -> Result<(), mpsc::error::SendError<u32>> {
    tx.send(v).await?;
    Ok(())
}

pub async fn http_like(req: Request) -> u16 {
    req.send().await.unwrap()
}

pub async fn datagram(socket: &UdpSocket, buf: &[u8]) -> usize {
    socket.send(buf).await.unwrap()
}

pub fn std_channel(tx: std_mpsc::Sender<u32>) {
    tx.send(1).unwrap();
}

pub async fn ignored(tx: mpsc::Sender<u32>) {
    let _ = tx.send(1).await;
    tx.send(2).await.ok();
}

#[cfg(test)]
mod tests {
    use tokio::sync::mpsc;

    #[tokio::test]
    async fn delivers() {
        let (tx, mut rx) = mpsc::channel(1);
        tx.send(7u32).await.unwrap();
        assert_eq!(rx.recv().await, Some(7));
    }
}
