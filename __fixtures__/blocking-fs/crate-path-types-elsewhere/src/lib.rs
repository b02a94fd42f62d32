mod config;
mod handlers;

pub use config::Config;
pub use handlers::{check, registered};
