use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

/// Lists the spool directory: `read_dir` iterated on the executor thread.
pub async fn spooled_jobs(dir: &Path) -> io::Result<Vec<String>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

/// Records the deployed revision next to the cache.
pub async fn stamp_revision(dir: &Path) -> io::Result<()> {
    let out = Command::new("git").args(["rev-parse", "--short", "HEAD"]).output()?;
    write_cache(dir, &String::from_utf8_lossy(&out.stdout))
}

fn write_cache(dir: &Path, body: &str) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(dir.join("revision"), body)
}
