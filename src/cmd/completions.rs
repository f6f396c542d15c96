//! `venvsh completions SHELL`: generated from the clap definitions (the copies in
//! `completions/` are checked against this by a test).

use crate::cli::Cli;
use crate::shell::Shell;
use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> i32 {
    // clap_complete offers hidden subcommands too; `export` is the hook's, not a user's.
    let full = Cli::command();
    let mut cmd = clap::Command::new("venvsh")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "venvsh", &mut out);
    super::write_stdout(&match our_shell(shell) {
        Some(sh) => sh.completions(out),
        None => out,
    })
}

/// clap_complete's shell as venvsh's, whose module adds venv names (`Dialect::completions`).
fn our_shell(shell: clap_complete::Shell) -> Option<Shell> {
    use clap_complete::Shell::*;
    Some(match shell {
        Bash => Shell::Bash,
        Zsh => Shell::Zsh,
        Fish => Shell::Fish,
        PowerShell => Shell::Pwsh,
        Elvish => Shell::Elvish,
        _ => return None,
    })
}
