//! Text for the user: paths and errors on one line.

use crate::paths::{home_dir, path_bytes};
use std::path::Path;

/// `std::io::Error` without the "(os error 2)" tail users do not need.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `~/x` for paths under the home folder, for short messages.
pub fn tilde(p: &Path) -> String {
    if let Some(home) = home_dir()
        && let Ok(rest) = p.strip_prefix(&home)
        && !home.as_os_str().is_empty()
        && home != Path::new("/")
    {
        return format!("~/{}", show(rest));
    }
    show(p)
}

/// A path for a message: lossy, on one line.
pub fn show(p: &Path) -> String {
    show_bytes(path_bytes(p))
}

pub fn show_bytes(b: &[u8]) -> String {
    String::from_utf8_lossy(b)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
