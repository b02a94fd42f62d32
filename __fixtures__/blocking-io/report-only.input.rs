use std::io::{BufRead, Read};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::sync::mpsc;
use std::time::Duration;

/// Blocking calls with no drop-in async twin: reported with what to use instead.
pub async fn blocking_calls(addr: &str) -> std::io::Result<usize> {
    let mut stream = TcpStream::connect(addr)?;
    let mut buf = [0u8; 16];
    let mut total = stream.read(&mut buf)?;
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    total += socket.local_addr()?.port() as usize;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let (_conn, _peer) = listener.accept()?;
    Ok(total + line.len())
}

pub async fn waits_on_threads() -> u32 {
    let (tx, rx) = mpsc::channel::<u32>();
    let worker = std::thread::spawn(move || tx.send(7).unwrap());
    let got = rx.recv().unwrap_or(0);
    worker.join().expect("worker panicked");
    let doubled = futures::executor::block_on(async { got * 2 });
    let handle = tokio::runtime::Handle::current();
    doubled + handle.block_on(async { 1 })
}

/// Reading with a timeout still blocks the thread for up to the timeout.
pub async fn poll_once(rx: &mpsc::Receiver<u8>) -> Option<u8> {
    rx.recv_timeout(Duration::from_millis(5)).ok()
}
