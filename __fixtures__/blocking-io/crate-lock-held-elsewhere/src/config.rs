use std::sync::Mutex;

static CONFIG: Mutex<String> = Mutex::new(String::new());
static VERSION: Mutex<u32> = Mutex::new(1);

/// Re-reads the file under the lock (in a sync context: a thread of its own).
pub fn reload(path: &str) -> std::io::Result<()> {
    let mut cfg = CONFIG.lock().unwrap();
    *cfg = std::fs::read_to_string(path)?;
    Ok(())
}

pub fn current() -> String {
    CONFIG.lock().unwrap().clone()
}

pub fn version() -> u32 {
    *VERSION.lock().unwrap()
}
