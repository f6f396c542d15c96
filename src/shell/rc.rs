//! The line that loads venvsh in each shell, and the file it goes in: one table that
//! `venvsh --help`, `venvsh hook --help`, `activate`'s advice, install.sh (through
//! `venvsh hook --rc-line SHELL`) and the README (a test compares) all draw from.

/// (shell, the line, where it goes). `venvsh` in the line is the program's name; install.sh
/// puts the installed binary's path there.
pub const LINES: &[(&str, &str, &str)] = &[
    ("bash", "eval \"$(venvsh hook bash)\"", "~/.bashrc"),
    ("zsh", "eval \"$(venvsh hook zsh)\"", "~/.zshrc"),
    (
        "fish",
        "venvsh hook fish | source",
        "~/.config/fish/config.fish",
    ),
    ("tcsh", "eval \"`venvsh hook tcsh`\"", "~/.tcshrc"),
    (
        "pwsh",
        "Invoke-Expression (& venvsh hook pwsh | Out-String)",
        "$PROFILE",
    ),
];

/// The line for `shell` (`csh` is tcsh's, `powershell` pwsh's).
pub fn line(shell: &str) -> Option<&'static str> {
    let shell = match shell {
        "csh" => "tcsh",
        "powershell" => "pwsh",
        s => s,
    };
    LINES
        .iter()
        .find(|(s, _, _)| *s == shell)
        .map(|(_, l, _)| *l)
}

/// The table as help text: `  bash   eval "$(venvsh hook bash)"   in ~/.bashrc`, and
/// cmd's and Clink's way, which is not one line.
pub fn help() -> String {
    let width = LINES.iter().map(|(_, l, _)| l.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (shell, line, file) in LINES {
        out.push_str(&format!("  {shell:<6} {line:<width$}   in {file}"));
        if *shell == "tcsh" {
            out.push_str(" (csh: `hook csh`)");
        }
        out.push('\n');
    }
    out.push_str(
        "  cmd    venvsh hook cmd > \"%LOCALAPPDATA%\\venvsh\\venvsh.cmd\"   as AutoRun (README)\n  \
         clink  venvsh hook clink > \"%LOCALAPPDATA%\\clink\\venvsh.lua\"\n",
    );
    out
}

/// The table as shell commands that add each line: `echo '…' >> FILE`.
pub fn advice() -> String {
    LINES
        .iter()
        .map(|(shell, line, file)| {
            if *shell == "pwsh" {
                format!("  PowerShell: add  {line}  to {file}\n")
            } else {
                format!("  {:<5} echo '{line}' >> {file}\n", format!("{shell}:"))
            }
        })
        .collect()
}
