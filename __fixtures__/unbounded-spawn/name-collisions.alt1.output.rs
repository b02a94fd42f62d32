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
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for (index, task) in tasks.into_iter().enumerate() {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task_2 = render(index, task);
        handles.push(tokio::spawn(async move {
            let _permit = permit;
            task_2.await
        }));
    }
    let mut pages = Vec::new();
    for handle in handles {
        pages.push(handle.await.unwrap());
    }
    (pages, finished)
}

/// Two loops in one fn: each gets its own cap constant.
pub async fn two_phases(first: Vec<String>, second: Vec<String>) {
    const MAX_IN_FLIGHT: usize = 100;
    let mut tasks = tokio::task::JoinSet::new();
    for line in first {
        while tasks.len() >= MAX_IN_FLIGHT {
            tasks.join_next().await;
        }
        tasks.spawn(log_line(line));
    }
    while tasks.join_next().await.is_some() {}
    let permit = "not a semaphore permit";
    const MAX_IN_FLIGHT_2: usize = 100;
    let mut tasks_2 = tokio::task::JoinSet::new();
    for line in second {
        while tasks_2.len() >= MAX_IN_FLIGHT_2 {
            tasks_2.join_next().await;
        }
        tasks_2.spawn(log_line(format!("{permit} {line}")));
    }
    while tasks_2.join_next().await.is_some() {}
}

/// Two spawns in one loop share one semaphore.
pub async fn mirrored(lines: Vec<String>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for line in lines {
        let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = log_line(line.clone());
        tokio::spawn(async move {
            let _permit = permit;
            task.await
        });
        let permit_2 = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task_2 = log_line(line);
        tokio::spawn(async move {
            let _permit_2 = permit_2;
            task_2.await
        });
    }
}
