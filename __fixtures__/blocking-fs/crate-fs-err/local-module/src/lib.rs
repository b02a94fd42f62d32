mod fs_err;
pub mod handlers;

use std::io;
use std::path::Path;

pub async fn greeting() -> io::Result<String> {
    fs_err::read_to_string(Path::new("hello.txt"))
}
