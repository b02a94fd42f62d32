use std::fs;

/// Reads the service config from disk: blocks, through a private helper.
pub fn load_config() -> String {
    read_file("service.toml")
}

fn read_file(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// Pure: counting lines is no I/O.
pub fn parse(text: &str) -> usize {
    text.lines().count()
}
