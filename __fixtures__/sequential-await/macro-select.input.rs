//! A profile endpoint served from a `tokio::select!` loop: the handler
//! block is code of this async fn, so two independent awaits in a row there
//! take the sum of their latencies like anywhere else.
use tokio::sync::{mpsc, oneshot};

async fn user_name(id: u64) -> String {
    tokio::task::yield_now().await;
    format!("user-{id}")
}

async fn order_count(id: u64) -> usize {
    tokio::task::yield_now().await;
    id as usize % 7
}

async fn avatar_for(name: &str) -> Vec<u8> {
    tokio::task::yield_now().await;
    name.as_bytes().to_vec()
}

pub async fn serve(mut requests: mpsc::Receiver<(u64, oneshot::Sender<String>)>, mut shutdown: oneshot::Receiver<()>) {
    let mut refresh = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        tokio::select! {
            // Finding, fixed (unsafe): the two lookups are independent, joined in the handler.
            Some((id, reply)) = requests.recv() => {
                let name = user_name(id).await;
                let orders = order_count(id).await;
                let _ = reply.send(format!("{name}: {orders} orders"));
            }
            // Not a finding: the second await needs the first one's result.
            _ = refresh.tick() => {
                let name = user_name(0).await;
                let avatar = avatar_for(&name).await;
                log::debug!("{} bytes", avatar.len());
            }
            _ = &mut shutdown => break,
        }
    }
}

pub async fn summary(id: u64) -> String {
    // Not a finding: already joined.
    let (name, orders) = tokio::join!(user_name(id), order_count(id));
    format!("{name}: {orders}")
}
