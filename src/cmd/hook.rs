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

/// `venvsh hook --rc-line SHELL`: the line that loads venvsh, for install.sh. cmd and
/// Clink have no such line (README).
pub fn rc_line(shell: Shell) -> i32 {
    match crate::shell::rc::line(shell) {
        Some(line) => super::write_stdout(format!("{line}\n").as_bytes()),
        None => super::fail(&format!(
            "{} has no rc line; see the README for its set-up",
            shell.name()
        )),
    }
}
