//! `venvsh hook SHELL`: the init code for an rc file.

use crate::shell::Shell;
use std::path::PathBuf;

/// This binary's absolute path, for the hook to call it by (never through PATH, where a
/// venv's `bin` sits first).
pub fn exe_path() -> PathBuf {
    std::env::current_exe().unwrap_or_else(|_| PathBuf::from("venvsh"))
}

pub fn run(shell: Shell) -> i32 {
    super::write_stdout(&shell.hook(&exe_path()))
}
