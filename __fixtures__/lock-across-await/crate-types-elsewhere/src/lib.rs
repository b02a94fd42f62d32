mod config;
mod handlers;
mod state;

pub use handlers::{bump, bump_queue, reload, rename, ticket, total};
pub use state::Shared;
