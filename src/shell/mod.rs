//! Shells: each turns `Op`s into its own syntax with its own quoting, and has a hook
//! script (under `shell/`, pulled in at build time). Nothing here decides anything.

mod posix;

use crate::plan::Op;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
}

/// First line of code meant for `eval`: the shell functions eval output only when it
/// starts with this, so `--help` or an error text is never run as code.
pub const EVAL_MARK: &str = "# venvsh eval";

impl Shell {
    pub fn parse(s: &str) -> Option<Shell> {
        match s {
            "bash" => Some(Shell::Bash),
            "zsh" => Some(Shell::Zsh),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
        }
    }

    /// The shell a bare `eval "$(venvsh activate)"` most likely runs in.
    pub fn from_env() -> Option<Shell> {
        if let Some(s) = std::env::var_os("VENVSH_SHELL") {
            return Shell::parse(&s.to_string_lossy());
        }
        let sh = std::env::var_os("SHELL")?;
        let name = Path::new(&sh).file_name()?.to_string_lossy().into_owned();
        Shell::parse(&name)
    }

    /// The code `venvsh hook SHELL` prints. `exe` is this binary's absolute path: the
    /// hook calls it by path so a venv's `bin` on PATH can never stand in for it.
    pub fn hook(self, exe: &Path) -> Vec<u8> {
        posix::hook(self, exe)
    }

    /// `ops` as code for `eval`. `standalone` adds the helper functions the ops call, for
    /// output that may be eval'd in a shell without the hook.
    pub fn render(self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        posix::render(self, ops, exe, standalone)
    }
}
