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
    const MAX_IN_FLIGHT: usize = 100;
    let mut handles = tokio::task::JoinSet::new();
    let mut finished_2 = Vec::new();
    for (index, task) in tasks.into_iter().enumerate() {
        while handles.len() >= MAX_IN_FLIGHT {
            finished_2.extend(handles.join_next().await);
        }
        let index_2 = finished_2.len() + handles.len();
        let task_2 = render(index, task);
        handles.spawn(async move { (index_2, task_2.await) });
    }
    while let Some(joined) = handles.join_next().await {
        finished_2.push(joined);
    }
    // A JoinSet yields tasks as they finish: put the results back in spawn order
    // (a task that panicked lost its index: its error takes a slot no result filled).
    let mut slots: Vec<_> = (0..finished_2.len()).map(|_| None).collect();
    let mut failed = Vec::new();
    for joined in finished_2 {
        match joined {
            Ok((index, output)) => slots[index] = Some(Ok(output)),
            Err(error) => failed.push(error),
        }
    }
    let finished_2: Vec<_> = slots.into_iter().map(|slot| slot.unwrap_or_else(|| Err(failed.remove(0)))).collect();
    let mut pages = Vec::new();
    for handle in finished_2 {
        pages.push(handle.unwrap());
    }
    (pages, finished)
}

/// Two loops in one fn: each gets its own cap constant.
pub async fn two_phases(first: Vec<String>, second: Vec<String>) {
    const MAX_IN_FLIGHT: usize = 100;
    let semaphore = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    for line in first {
        let permit_2 = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task = log_line(line);
        tokio::spawn(async move {
            let _permit_2 = permit_2;
            task.await
        });
    }
    let permit = "not a semaphore permit";
    const MAX_IN_FLIGHT_2: usize = 100;
    let semaphore_2 = std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT_2));
    for line in second {
        let permit_3 = semaphore_2.clone().acquire_owned().await.expect("the semaphore is never closed");
        let task_2 = log_line(format!("{permit} {line}"));
        tokio::spawn(async move {
            let _permit_3 = permit_3;
            task_2.await
        });
    }
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
