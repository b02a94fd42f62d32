//! This crate's own door to the runtime, for its other modules.
pub use common::tokio;
