//! Project macros whose bodies are ordinary Rust: a comma-separated list of
//! expressions, or a block in braces. Each is defined here the way such
//! helpers usually are, so the fixed code compiles with them.
use std::time::Duration;

/// Logs and drops an error.
macro_rules! log_err {
    ($what:literal, $e:expr) => {
        if let Err(e) = $e {
            log::warn!("{}: {}", $what, e);
        }
    };
}

/// Runs the statements in braces, timing them.
macro_rules! timed {
    ($($body:tt)*) => {{
        let started = std::time::Instant::now();
        let out = { $($body)* };
        log::debug!("took {:?}", started.elapsed());
        out
    }};
}

/// Evaluates to the value, after a pause meant for rate limiting.
macro_rules! paced {
    ($e:expr, $pause:expr) => {{
        let v = $e;
        $pause;
        v
    }};
}

async fn push(batch: &[u64]) -> Result<(), std::io::Error> {
    tokio::task::yield_now().await;
    let _ = batch;
    Ok(())
}

pub async fn flush_loop(batches: Vec<Vec<u64>>, pause: Duration) -> usize {
    let mut sent = 0;
    for batch in &batches {
        // Not a finding: nothing here blocks; the `.await` in the body is an await point.
        log_err!("push", push(batch).await);
        // Finding: the pause is the macro's second expression.
        sent += paced!(batch.len(), std::thread::sleep(pause));
        // Finding: a body in braces is parsed as a block, with its statements.
        timed! {
            std::thread::sleep(pause);
            sent += 1;
        }
        // Finding: in parentheses, a block is one expression; parsed all the same.
        timed!({ std::thread::sleep(pause) });
    }
    sent
}

/// Not a finding: the same macros in a sync fn, whose thread may sleep.
pub fn flush_sync(batch: &[u64], pause: Duration) -> usize {
    timed! {
        std::thread::sleep(pause);
    }
    paced!(batch.len(), std::thread::sleep(pause))
}
