//! A metrics pump driven by `futures::select!` (and `select_biased!`): the
//! arms are `pattern = future => handler`, plus the macro's own `complete =>`
//! and `default =>` arms, whose handlers are code of this async fn too.
use std::time::Duration;

use futures::channel::mpsc;
use futures::{FutureExt, StreamExt};

pub async fn pump(mut samples: mpsc::Receiver<u64>, period: Duration) -> u64 {
    let mut total = 0;
    let mut flush = Box::pin(tokio::time::sleep(period).fuse());
    loop {
        futures::select! {
            // Finding: a sleep in a match that is the handler.
            sample = samples.next() => match sample {
                Some(n) if n > 1000 => tokio::time::sleep(Duration::from_millis(n / 1000)).await,
                Some(n) => total += n,
                None => break,
            },
            // Finding: a handler that is one expression.
            () = flush => tokio::time::sleep(period).await,
            // Not a finding: `complete` is the macro's keyword, its handler has no sleep.
            complete => break,
            // Finding: `default` runs when nothing is ready, in this fn.
            default => tokio::time::sleep(Duration::from_millis(1)).await,
        }
    }
    total
}

pub async fn first_of(mut a: mpsc::Receiver<u64>, mut b: mpsc::Receiver<u64>) -> Option<u64> {
    futures::select_biased! {
        // Finding: the handler block of a biased select.
        x = a.next() => {
            tokio::time::sleep(Duration::from_millis(2)).await;
            x
        }
        // Not a finding: the sleep is in a thread of its own.
        y = b.next() => {
            std::thread::spawn(|| std::thread::sleep(Duration::from_millis(2)));
            y
        }
    }
}
