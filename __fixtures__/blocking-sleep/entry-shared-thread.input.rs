// On a current-thread runtime main's future and every task it spawns take
// turns on one thread. Before the first spawn or `.await` there is nothing
// to stall (a preview kind, not reported by default); after it, a sleep
// stalls the spawned task. An async block of main runs wherever it is
// polled, and the futures of a `join!` in main take turns with each other,
// so a sleep in either is reported.
use std::time::Duration;

async fn work() -> u32 {
    7
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    std::thread::sleep(Duration::from_millis(500));
    let handle = tokio::spawn(work());
    std::thread::sleep(Duration::from_millis(20));
    let n = handle.await.unwrap();
    println!("{n}");
}

#[tokio::main]
pub async fn joined() {
    let (a, b) = tokio::join!(work(), async {
        std::thread::sleep(Duration::from_millis(5));
        1
    });
    let later = async {
        std::thread::sleep(Duration::from_millis(5));
    };
    later.await;
    println!("{a} {b}");
}
