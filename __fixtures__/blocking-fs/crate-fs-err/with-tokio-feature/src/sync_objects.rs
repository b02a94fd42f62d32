use std::io::{self, Read};
use std::path::PathBuf;

/// An fs-err `File` read through `Read`: the sequence moves into `spawn_blocking`.
pub async fn magic(path: PathBuf) -> io::Result<[u8; 4]> {
    let mut file = fs_err::File::open(path)?;
    let mut magic = [0u8; 4];
    file.read_exact(&mut magic)?;
    Ok(magic)
}
