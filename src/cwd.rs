//! The current folder as the user reached it.

use crate::files::same_file;
use std::path::{Path, PathBuf};

/// The current folder as the user reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cwd {
    /// `PWD` when it names the current folder (keeps the user's symlinks, behaviour.md §4),
    /// else the physical current folder.
    pub path: PathBuf,
    /// No symlink on the way to it: it and its ancestors are their own real paths.
    pub physical: bool,
}

pub fn logical_cwd() -> std::io::Result<Cwd> {
    let physical = std::env::current_dir();
    if let Some(pwd) = std::env::var_os("PWD") {
        let pwd = PathBuf::from(pwd);
        if physical.as_ref().is_ok_and(|p| *p == pwd) {
            return Ok(Cwd {
                path: pwd,
                physical: true,
            });
        }
        if pwd.is_absolute() && same_file(&pwd, Path::new(".")) {
            return Ok(Cwd {
                path: pwd,
                physical: false,
            });
        }
    }
    physical.map(|path| Cwd {
        path,
        physical: true,
    })
}
