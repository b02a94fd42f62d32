//! Re-exports the runtime and friends, so every service builds against the same versions.
pub use log;
pub use serde;
pub use tokio;

/// The runtime again, under a module of its own.
pub mod rt {
    pub use tokio;
}
