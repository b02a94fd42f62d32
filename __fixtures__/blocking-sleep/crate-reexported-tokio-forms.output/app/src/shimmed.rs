// `shims::tokio` is a module of the `shims` member, not the runtime: no fix may write `tokio::time::sleep` here.
use shims::tokio;

pub async fn hint() {
    tokio::yield_hint();
    std::thread::sleep(std::time::Duration::from_millis(1));
}
