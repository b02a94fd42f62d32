use std::error::Error;
use std::io;

use tokio::sync::mpsc;

#[derive(Debug)]
pub struct Shutdown;

pub async fn announce(tx: mpsc::Sender<&'static str>) {
    tx.send("ready").await.unwrap();
    tracker().await;
}

async fn tracker() {}

pub async fn with_anyhow(tx: mpsc::Sender<u32>, v: u32) -> anyhow::Result<u32> {
    tx.send(v).await.unwrap();
    Ok(v * 2)
}

pub async fn with_io(tx: mpsc::Sender<u32>, v: u32) -> io::Result<()> {
    tx.send(v).await.expect("receiver alive");
    Ok(())
}

pub async fn with_io_error(tx: mpsc::Sender<u32>, v: u32) -> Result<usize, std::io::Error> {
    tx.send(v).await.unwrap();
    Ok(1)
}

pub async fn with_boxed(tx: mpsc::Sender<u32>, v: u32) -> Result<(), Box<dyn Error + Send + Sync>> {
    tx.send(v).await.unwrap();
    Ok(())
}

pub async fn with_own_error(tx: mpsc::Sender<u32>, v: u32) -> Result<(), Shutdown> {
    tx.send(v).await.unwrap();
    if v == 0 {
        return Err(Shutdown);
    }
    Ok(())
}

pub async fn with_own_error_value(tx: mpsc::Sender<u32>, v: u32) -> Result<u32, Shutdown> {
    tx.send(v).await.unwrap();
    Ok(v)
}

pub fn spawn_once(tx: mpsc::Sender<u32>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tx.send(1).await.unwrap();
    })
}

pub fn spawn_fallible(tx: mpsc::Sender<u32>) -> tokio::task::JoinHandle<Result<(), std::num::ParseIntError>> {
    tokio::spawn(async move {
        let v: u32 = "7".parse()?;
        tx.send(v).await.unwrap();
        Ok(())
    })
}
