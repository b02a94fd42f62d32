async fn render(index: usize, task: String) -> String {
    tokio::task::yield_now().await;
    format!("{index}:{task}")
}

async fn log_line(line: String) {
    tokio::task::yield_now().await;
    drop(line);
}

/// The user's own `index`, `task` and `finished` must not be captured by the fix's names.
pub async fn render_all(tasks: Vec<String>) -> (Vec<String>, usize) {
    let finished = tasks.len();
    let mut handles = Vec::new();
    for (index, task) in tasks.into_iter().enumerate() {
        handles.push(tokio::spawn(render(index, task)));
    }
    let mut pages = Vec::new();
    for handle in handles {
        pages.push(handle.await.unwrap());
    }
    (pages, finished)
}

/// Two loops in one fn: each gets its own cap constant.
pub async fn two_phases(first: Vec<String>, second: Vec<String>) {
    for line in first {
        tokio::spawn(log_line(line));
    }
    let permit = "not a semaphore permit";
    for line in second {
        tokio::spawn(log_line(format!("{permit} {line}")));
    }
}

/// Two spawns in one loop share one semaphore.
pub async fn mirrored(lines: Vec<String>) {
    for line in lines {
        tokio::spawn(log_line(line.clone()));
        tokio::spawn(log_line(line));
    }
}
