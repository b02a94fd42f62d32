use std::net::SocketAddr;

pub struct Config {
    pub listeners: Vec<SocketAddr>,
}

async fn server_loop(addr: SocketAddr) {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    loop {
        let (_socket, _) = listener.accept().await.unwrap();
    }
}

pub struct Server {
    addr: SocketAddr,
}

impl Server {
    pub async fn run(self) {
        server_loop(self.addr).await;
    }
}

async fn fetch(url: String) -> usize {
    tokio::task::yield_now().await;
    url.len()
}

/// One long-lived listener per configured address: sized by the configuration, and each task lives as long as the process. Not a finding.
pub async fn start(config: &Config) {
    for addr in &config.listeners {
        tokio::spawn(server_loop(*addr));
    }
}

/// `svr.run()` starts a long-lived server: one per configured server by design. Not a finding.
pub async fn start_all(servers: Vec<Server>) {
    for svr in servers {
        tokio::spawn(svr.run());
    }
}

/// A worker pool sized by the CPU count. Not a finding.
pub async fn workers() {
    for _ in 0..std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) {
        tokio::spawn(fetch(String::new()));
    }
}

/// One short task per URL the caller passes: unbounded. A finding.
pub async fn crawl(urls: Vec<String>) {
    for url in urls {
        tokio::spawn(fetch(url));
    }
}
