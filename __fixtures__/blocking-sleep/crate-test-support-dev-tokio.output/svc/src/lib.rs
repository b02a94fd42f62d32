/// Test-support code: test code, but `checker`'s tests build it with `test-utils` and without
/// this package's dev-dependencies, so the dev-dependency tokio is no fix for it.
#[cfg(any(test, feature = "test-utils"))]
pub mod testing;

#[cfg(test)]
mod tests {
    // `cfg(test)` alone: the dev-dependency tokio is there, so the sleep gets its fix.
    async fn wait_a_bit() {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }

    #[tokio::test]
    async fn waits() {
        wait_a_bit().await;
        crate::testing::settle().await;
    }
}
