//! Shared runtime plumbing: re-exports the runtime so services agree on its version.
pub use tokio;
