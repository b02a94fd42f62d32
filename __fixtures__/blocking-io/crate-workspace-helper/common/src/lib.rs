//! Shared helpers of the workspace: sync code, fine to call from sync code.
pub mod fs;
pub mod store;

pub use store::Store;
