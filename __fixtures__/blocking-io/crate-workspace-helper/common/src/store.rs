pub struct Store {
    path: String,
}

impl Store {
    pub fn new(path: impl Into<String>) -> Self {
        Store { path: path.into() }
    }

    /// Blocks: reads the whole file.
    pub fn get(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap_or_default()
    }

    pub fn name(&self) -> &str {
        &self.path
    }
}
