mod state;
mod tasks;

pub use state::Session;
pub use tasks::{refresh, rename, summary, tally};
