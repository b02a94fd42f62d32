use std::error::Error;
use std::io;

use tokio::sync::mpsc;

#[derive(Debug)]
pub struct Shutdown;

pub async fn announce(tx: mpsc::Sender<&'static str>) {
    if tx.send("ready").await.is_err() {
        return;
    }
    tracker().await;
}

async fn tracker() {}

pub async fn with_anyhow(tx: mpsc::Sender<u32>, v: u32) -> anyhow::Result<u32> {
    if tx.send(v).await.is_err() {
        return Err(anyhow::anyhow!("channel `tx` closed: receiver dropped"));
    }
    Ok(v * 2)
}

pub async fn with_io(tx: mpsc::Sender<u32>, v: u32) -> io::Result<()> {
    if tx.send(v).await.is_err() {
        return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "channel `tx` closed: receiver dropped"));
    }
    Ok(())
}

pub async fn with_io_error(tx: mpsc::Sender<u32>, v: u32) -> Result<usize, std::io::Error> {
    if tx.send(v).await.is_err() {
        return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "channel `tx` closed: receiver dropped"));
    }
    Ok(1)
}

pub async fn with_boxed(tx: mpsc::Sender<u32>, v: u32) -> Result<(), Box<dyn Error + Send + Sync>> {
    if tx.send(v).await.is_err() {
        return Err("channel `tx` closed: receiver dropped".into());
    }
    Ok(())
}

pub async fn with_own_error(tx: mpsc::Sender<u32>, v: u32) -> Result<(), Shutdown> {
    if tx.send(v).await.is_err() {
        return Ok(());
    }
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
        if tx.send(1).await.is_err() {
            return;
        }
    })
}

pub fn spawn_fallible(tx: mpsc::Sender<u32>) -> tokio::task::JoinHandle<Result<(), std::num::ParseIntError>> {
    tokio::spawn(async move {
        let v: u32 = "7".parse()?;
        tx.send(v).await.unwrap();
        Ok(())
    })
}
