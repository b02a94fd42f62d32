//! A cache writer using the project's error helpers, defined here as such
//! helpers usually are: the invocations' bodies are comma-separated
//! expressions, parsed as code, so a blocking call in them is fixed inside
//! the macro, which keeps its own shape (`wrap_err!(..)?` stays one).
use std::fs;
use std::path::{Path, PathBuf};

/// Adds the expression's text to an I/O error.
macro_rules! wrap_err {
    ($e:expr) => {
        $e.map_err(|err| std::io::Error::new(err.kind(), format!("{}: {}", stringify!($e), err)))
    };
}

/// Logs an error and carries on.
macro_rules! allow_err {
    ($e:expr) => {
        if let Err(err) = $e {
            log::warn!("ignored: {}", err);
        }
    };
}

/// Logs an error with a label, giving the value as an `Option`.
macro_rules! log_err {
    ($what:literal, $e:expr) => {
        match $e {
            Ok(v) => Some(v),
            Err(err) => {
                log::warn!("{}: {}", $what, err);
                None
            }
        }
    };
}

pub struct Cache {
    pub dir: PathBuf,
}

impl Cache {
    pub async fn store(&self, key: &str, b: &[u8]) -> std::io::Result<()> {
        let p = self.dir.join(key);
        // Finding: the call becomes `tokio::fs::write(&p, b).await`, still inside `wrap_err!(..)?`.
        wrap_err!(fs::write(&p, b))?;
        // Finding: in a macro whose expansion drops the error.
        allow_err!(fs::remove_file(p.with_extension("tmp")));
        // Finding: the second of two arguments; the label stays.
        let old = log_err!("read back", fs::read(&p));
        // Not a finding: already async; the body's `.await` is kept as it is.
        allow_err!(tokio::fs::create_dir_all(&self.dir).await);
        log::debug!("{} bytes before", old.map_or(0, |v| v.len()));
        Ok(())
    }
}

/// Not a finding: the helpers in a sync fn.
pub fn store_sync(p: &Path, b: &[u8]) -> std::io::Result<()> {
    wrap_err!(fs::write(p, b))?;
    allow_err!(fs::remove_file(p.with_extension("tmp")));
    Ok(())
}
