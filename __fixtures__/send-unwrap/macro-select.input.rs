//! A fan-out relay between channels, in `tokio::select!` and `join!`: the
//! handlers run in the relay's loop, so a failed send there can `break` out
//! of it instead of panicking. A handler that is one expression becomes a
//! block, as a match arm would, and the arm keeps its comma.
use tokio::sync::mpsc;

pub async fn relay(mut input: mpsc::Receiver<u64>, mut control: mpsc::Receiver<u64>, out: mpsc::Sender<u64>, audit: mpsc::Sender<u64>) {
    loop {
        tokio::select! {
            // Finding, fixed: a statement in a handler block.
            Some(v) = input.recv() => {
                out.send(v).await.unwrap();
            }
            // Finding, fixed: a handler that is the send itself.
            Some(cmd) = control.recv() => audit.send(cmd).await.expect("audit log closed"),
            else => break,
        }
    }
}

pub async fn mirror(v: u64, out: mpsc::Sender<u64>, audit: mpsc::Sender<u64>) {
    // Finding, fixed: a statement in an async block given to `join!`; the block returns `()`.
    let (_, sent) = tokio::join!(
        async {
            audit.send(v).await.unwrap();
        },
        out.send(v),
    );
    // Not a finding: the `Result` is handled.
    if sent.is_err() {
        log::warn!("mirror: receiver gone");
    }
}

pub async fn first_ack(mut acks: mpsc::Receiver<u64>, out: mpsc::Sender<u64>) -> Option<u64> {
    tokio::select! {
        // Reported, no fix: the tail of an async block future, whose value the select
        // hands to the handler; the rule cannot see that it is `()`.
        _ = async { out.send(0).await.unwrap() } => None,
        ack = acks.recv() => ack,
    }
}
