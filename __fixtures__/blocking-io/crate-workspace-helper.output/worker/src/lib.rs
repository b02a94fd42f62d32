/// `common` under the name the `package =` rename gives it, and through a leading `::`.
pub async fn reload() -> usize {
    let text = shared::fs::load_config();
    let again = ::shared::fs::load_config();
    text.len() + again.len()
}

/// A local module named like a helper of `common` is this crate's own: not a finding.
mod fs {
    pub fn load_config() -> String {
        String::from("inline")
    }
}

pub async fn local() -> usize {
    fs::load_config().len()
}
