use std::path::{Path, PathBuf};

pub struct Store {
    pub root: String,
}

/// Path queries that ask the file system: reported, no fix.
pub async fn prepare(config: &Path, store: &Store) -> bool {
    let cache = PathBuf::from("/var/cache/app").join("v1");
    if !Path::new("/etc/app.toml").exists() {
        return false;
    }
    let fresh = cache.is_dir() && config.is_file();
    // Not a path as far as the tree shows: not reported.
    let named = store.root.is_empty();
    fresh && !named
}
