use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub struct Config {
    pub root: PathBuf,
    cache: PathBuf,
    pub names: Registry,
}

/// Not a path: `exists` looks a name up in memory.
pub struct Registry {
    names: HashSet<String>,
}

impl Registry {
    pub fn exists(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

impl Config {
    pub fn cache_dir(&self) -> &Path {
        &self.cache
    }
}
