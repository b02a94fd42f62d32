/// Named like the runtime, but this crate's own module: not tokio.
pub mod tokio {
    pub fn yield_hint() {}
}
