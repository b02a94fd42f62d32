//! State shared by the workspace's services.
pub mod state;

pub use state::{Shared, STATE};
