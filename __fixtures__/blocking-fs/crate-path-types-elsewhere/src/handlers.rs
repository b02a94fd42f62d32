use crate::config::Config;

/// Path queries on a field and a method result whose types are declared in another file.
pub async fn check(cfg: &Config) -> bool {
    cfg.root.exists() || cfg.cache_dir().is_dir()
}

/// `exists` of a type that is no path: not a finding.
pub async fn registered(cfg: &Config, name: &str) -> bool {
    cfg.names.exists(name)
}
