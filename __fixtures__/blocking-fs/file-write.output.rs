use std::fs::File;
use std::io::Write;

/// A `File` written through `std::io::Write`, errors turned into panics.
pub async fn dump(path: &str, lines: Vec<String>) {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let path = &*path;
        let mut out = File::create(path).expect("create dump");
        for line in &lines {
            writeln!(out, "{}", line).expect("write dump");
        }
        out.flush().expect("flush dump");
    })
    .await
    .expect("blocking task panicked");
    tokio::task::yield_now().await;
}
