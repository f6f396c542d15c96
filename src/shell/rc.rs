//! How venvsh is loaded in each shell, drawn from each shell's `Setup`: `venvsh --help`,
//! `venvsh hook --help`, `activate`'s advice, install.sh (through `venvsh hook --rc-line
//! SHELL`) and the README (a test compares) all come from here.

use super::{Setup, Shell};

/// The shells loaded by one line in a startup file: (shell, the line, the file). `venvsh`
/// in the line is the program's name; install.sh puts the installed binary's path there.
pub fn lines() -> impl Iterator<Item = (Shell, &'static str, &'static str)> {
    Shell::ALL.into_iter().filter_map(|sh| match sh.setup() {
        Setup::Line { line, file } => Some((sh, line, file)),
        Setup::Saved { .. } => None,
    })
}

/// The line for `shell`, if it is loaded by one.
pub fn line(shell: Shell) -> Option<&'static str> {
    lines().find(|(s, _, _)| *s == shell).map(|(_, l, _)| l)
}

/// The table as help text: `  bash   eval "$(venvsh hook bash)"   in ~/.bashrc`, and
/// the shells set up by saving the hook as a file.
pub fn help() -> String {
    let width = lines().map(|(_, l, _)| l.len()).max().unwrap_or(0);
    let mut out = String::new();
    for sh in Shell::ALL {
        let name = sh.name();
        match sh.setup() {
            Setup::Line { line, file } => {
                out.push_str(&format!("  {name:<6} {line:<width$}   in {file}"));
                if sh == Shell::Tcsh {
                    out.push_str(" (csh: `hook csh`)");
                }
            }
            Setup::Saved { command, then } => {
                out.push_str(format!("  {name:<6} {command}   {then}").trim_end())
            }
        }
        out.push('\n');
    }
    out
}

/// The table as shell commands that add each line: `echo '…' >> FILE`.
pub fn advice() -> String {
    lines()
        .map(|(shell, line, file)| {
            let shell = shell.name();
            if shell == "pwsh" {
                format!("  PowerShell: add  {line}  to {file}\n")
            } else {
                format!("  {:<5} echo '{line}' >> {file}\n", format!("{shell}:"))
            }
        })
        .collect()
}
