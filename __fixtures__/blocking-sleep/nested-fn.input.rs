use std::time::Duration;

pub async fn supervise(workers: usize) -> usize {
    fn stagger(index: usize) {
        std::thread::sleep(Duration::from_millis(index as u64 * 10));
    }

    let handles: Vec<_> = (0..workers)
        .map(|i| {
            std::thread::spawn(move || {
                stagger(i);
                i
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
}
