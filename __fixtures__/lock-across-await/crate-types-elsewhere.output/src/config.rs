use std::sync::{LazyLock, RwLock};

lazy_static::lazy_static! {
    pub static ref SETTINGS: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
}

pub static CONFIG: LazyLock<RwLock<String>> = LazyLock::new(|| RwLock::new(String::new()));
