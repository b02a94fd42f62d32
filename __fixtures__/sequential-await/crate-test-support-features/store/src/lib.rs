async fn one() -> u32 {
    tokio::task::yield_now().await; // stands in for a round trip
    1
}

async fn two() -> u32 {
    tokio::task::yield_now().await; // stands in for a round trip
    2
}

/// Plain code: joined.
pub async fn sum() -> u32 {
    let a = one().await;
    let b = two().await;
    a + b
}

/// Test-support code (`test-utils` is test-only): left alone, like `#[cfg(test)]` code.
#[cfg(any(test, feature = "test-utils"))]
pub mod fixtures {
    pub async fn seed() -> u32 {
        let a = super::one().await;
        let b = super::two().await;
        a + b
    }
}

/// The same, in a file of its own.
#[cfg(any(test, feature = "test-utils"))]
pub mod harness;

/// `integration` is turned on only by a dev-dependency: a test-only fn.
#[cfg(feature = "integration")]
pub async fn warm() -> u32 {
    let a = one().await;
    let b = two().await;
    a + b
}

pub struct Store;

/// A test-only impl.
#[cfg(any(test, feature = "test-utils"))]
impl Store {
    pub async fn reset(&self) -> u32 {
        let a = one().await;
        let b = two().await;
        a + b
    }
}

/// `unix` is no test: joined.
#[cfg(any(test, unix))]
pub async fn on_unix() -> u32 {
    let a = one().await;
    let b = two().await;
    a + b
}

/// `fake` is named like test support, but `cli` turns it on in a normal build: joined.
#[cfg(feature = "fake")]
pub async fn faked() -> u32 {
    let a = one().await;
    let b = two().await;
    a + b
}

/// `metrics` is a default feature: joined.
#[cfg(feature = "metrics")]
pub async fn metered() -> u32 {
    let a = one().await;
    let b = two().await;
    a + b
}
