use std::time::Duration;

pub async fn retry_all(ids: Vec<u32>) -> u32 {
    let retry = async |attempt: u32| {
        std::thread::sleep(Duration::from_millis(10 * u64::from(attempt)));
        attempt
    };
    let mut last = 0;
    for id in ids {
        last = retry(id).await;
    }
    last
}

pub fn delayed(ids: Vec<u32>) -> Vec<impl std::future::Future<Output = u32>> {
    ids.into_iter()
        .map(|id| async move {
            std::thread::sleep(Duration::from_millis(5));
            id
        })
        .collect()
}
