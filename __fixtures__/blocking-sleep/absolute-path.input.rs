pub async fn pause_between_batches(batches: &[Vec<u8>]) -> usize {
    let mut sent = 0;
    for batch in batches {
        sent += batch.len();
        ::std::thread::sleep(::std::time::Duration::from_millis(10));
    }
    sent
}
