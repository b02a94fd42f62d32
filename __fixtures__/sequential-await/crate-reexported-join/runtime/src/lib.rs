//! The workspace's one door to the runtime.
pub use tokio;
