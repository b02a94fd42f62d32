//! tokio is not a dependency of this crate; `runtime` re-exports it.
mod files;
mod sizes;
