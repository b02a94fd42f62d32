//! Fire and forget from loops that can be left early: a JoinSet would be
//! dropped there, aborting its tasks, so only the Semaphore form is offered.
use std::io;

async fn notify(user: u64) {
    tokio::task::yield_now().await;
    log::debug!("notified {user}");
}

fn parse(line: &str) -> io::Result<u64> {
    line.trim().parse().map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// `?` leaves the loop (and the fn) on the first bad line.
pub async fn notify_lines(lines: Vec<String>) -> io::Result<()> {
    for line in lines {
        let user = parse(&line)?;
        tokio::spawn(notify(user));
    }
    Ok(())
}

/// `return` leaves in the middle.
pub async fn notify_until_zero(users: Vec<u64>) {
    for user in users {
        if user == 0 {
            return;
        }
        tokio::spawn(notify(user));
    }
}

/// A labelled `break` leaves both loops.
pub async fn notify_groups(groups: Vec<Vec<u64>>) {
    'groups: for group in groups {
        for user in group {
            if user == 0 {
                break 'groups;
            }
            tokio::spawn(notify(user));
        }
    }
}

/// `loop` ends only by a `break`, whose value a JoinSet drained after it would have to keep.
pub async fn notify_queue(mut queue: Vec<u64>) {
    loop {
        let Some(user) = queue.pop() else { break };
        tokio::spawn(notify(user));
    }
}
