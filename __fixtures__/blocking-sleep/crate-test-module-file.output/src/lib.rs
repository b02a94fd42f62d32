pub mod worker;

#[cfg(test)]
mod tests;

/// tokio is only a dev-dependency: this async fn is not test code, so it gets no fix.
pub async fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(1));
}
