//! A status endpoint that formats what it reads from disk: the arguments of
//! std's formatting and assertion macros are parsed as expressions, so a
//! blocking read among them is fixed in place. The format strings and the
//! macros' own tokens stay as written.
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub async fn status_page(dir: &Path) -> anyhow::Result<String> {
    let mut page = String::new();
    // Finding: `println!` argument.
    println!("serving {}", fs::read_to_string(dir.join("name"))?.trim());
    // Finding: `format!` argument, with a format spec in the string.
    let size = format!("{:>8} bytes", fs::metadata(dir.join("data"))?.len());
    // Finding: `write!` argument; the destination and an inline `{size}` capture stay.
    write!(page, "{size} / {}", fs::read(dir.join("quota"))?.len())?;
    // Not a finding: `fs::read(..)` in a format string is text.
    writeln!(page, "see fs::read(dir) for details")?;
    // Finding: `assert!` condition, message arguments kept.
    assert!(fs::metadata(dir).is_ok(), "missing {}", dir.display());
    // Finding: `assert_eq!` left operand.
    assert_eq!(fs::read(dir.join("version"))?.len(), 2, "version file of {:?}", dir);
    // Finding: `debug_assert!` condition.
    debug_assert!(!fs::read_to_string(dir.join("name"))?.is_empty());
    // Finding: `vec![x; n]`: the element expression.
    let copies = vec![fs::read(dir.join("banner"))?; 2];
    // Finding: both elements of `vec![a, b]`.
    let parts = vec![fs::read(dir.join("head"))?, fs::read(dir.join("tail"))?];
    // Finding: the scrutinee of `matches!`; its pattern and guard are the macro's own.
    let fresh = matches!(fs::metadata(dir.join("lock")), Ok(m) if m.len() == 0);
    write!(page, "{} {} {fresh}", copies.len(), parts.len())?;
    Ok(page)
}

/// Not a finding: the same macros in a sync fn.
pub fn status_line(dir: &Path) -> std::io::Result<String> {
    assert!(fs::metadata(dir).is_ok());
    Ok(format!("{} bytes", fs::read(dir.join("data"))?.len()))
}
