// The glob brings the crate root's `mod fs_err`: `fs_err::` here is that module, not a crate.
use super::*;

pub async fn show(path: &Path) -> io::Result<String> {
    fs_err::read_to_string(path)
}
