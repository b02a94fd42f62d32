pub struct Import;

impl Import {
    /// Runs once per process, in the future `main` gives to `block_on`:
    /// nothing else runs on the runtime, so the blocking read stalls no task.
    pub async fn run(&self, path: &str) -> std::io::Result<()> {
        let text = std::fs::read_to_string(path)?;
        println!("{} bytes", text.len());
        Ok(())
    }
}
