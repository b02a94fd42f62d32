use std::time::Duration;

pub trait Probe {
    async fn check(&self) -> bool;
}

pub struct SlowProbe {
    pub delay: Duration,
}

impl Probe for SlowProbe {
    async fn check(&self) -> bool {
        tokio::time::sleep(self.delay).await;
        true
    }
}
