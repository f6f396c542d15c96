//! Shells: each turns `Op`s into its own syntax with its own quoting, and has a hook
//! script (under `shell/`, pulled in at build time). Nothing here decides anything.

mod cmd;
mod csh;
mod fish;
mod posix;
mod pwsh;
pub mod rc;

use crate::plan::Op;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    /// tcsh, and csh (on most systems a tcsh)
    #[value(alias = "csh")]
    Tcsh,
    /// PowerShell: pwsh 7, and Windows PowerShell 5.1
    #[value(alias = "powershell")]
    Pwsh,
    /// cmd.exe: a batch file for AutoRun, with doskey macros
    Cmd,
    /// Clink (cmd.exe with Clink): a Lua script that switches at every prompt
    Clink,
}

/// First line of code meant for `eval`: the shell functions eval output only when it
/// starts with this, so `--help` or an error text is never run as code.
pub const EVAL_MARK: &str = "# venvsh eval";

impl Shell {
    pub fn parse(s: &str) -> Option<Shell> {
        match s {
            "bash" => Some(Shell::Bash),
            "zsh" => Some(Shell::Zsh),
            "fish" => Some(Shell::Fish),
            "tcsh" | "csh" => Some(Shell::Tcsh),
            "pwsh" | "powershell" => Some(Shell::Pwsh),
            "cmd" => Some(Shell::Cmd),
            "clink" => Some(Shell::Clink),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Tcsh => "tcsh",
            Shell::Pwsh => "pwsh",
            Shell::Cmd => "cmd",
            Shell::Clink => "clink",
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

    /// Whether this shell can hold these bytes in a variable (behaviour.md §11); a venv whose
    /// path or name it cannot is refused.
    pub fn carries(self, b: &[u8]) -> bool {
        match self {
            Shell::Tcsh => csh::carries(b),
            Shell::Pwsh => pwsh::carries(b),
            Shell::Cmd => cmd::carries(b),
            Shell::Clink => cmd::carries_clink(b),
            _ => true,
        }
    }

    /// What `carries` refuses, for the refusal message.
    pub fn cannot_hold(self) -> &'static str {
        match self {
            Shell::Tcsh => "a newline (or a carriage return)",
            Shell::Pwsh => "bytes that are not UTF-8",
            Shell::Cmd => {
                "one of % ! ^ \" (or a newline, or a character cmd's code page does not have)"
            }
            Shell::Clink => "one of % ! ^ \" (or a newline, or bytes that are not UTF-8)",
            Shell::Bash | Shell::Zsh | Shell::Fish => "a NUL",
        }
    }

    fn drops_watch(self, op: &Op) -> bool {
        matches!(op, Op::Watch(paths) if !paths.iter().all(|(p, _)| self.carries(crate::util::path_bytes(p))))
    }

    /// The code `venvsh hook SHELL` prints. `exe` is this binary's absolute path: the
    /// hook calls it by path so a venv's `bin` on PATH can never stand in for it.
    pub fn hook(self, exe: &Path) -> Vec<u8> {
        match self {
            Shell::Bash | Shell::Zsh => posix::hook(self, exe),
            Shell::Fish => fish::hook(exe),
            Shell::Tcsh => csh::hook(exe),
            Shell::Pwsh => pwsh::hook(exe),
            Shell::Cmd => cmd::hook_cmd(exe),
            Shell::Clink => cmd::hook_clink(exe),
        }
    }

    /// `ops` as code for `eval`. `standalone` adds the helper functions the ops call, for
    /// output that may be eval'd in a shell without the hook.
    pub fn render(self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        // A watched path this shell cannot hold is not watched at all (behaviour.md §11): the
        // hook then just looks again on the next cd, instead of a shell choking on it.
        let held: Vec<Op>;
        let ops = if ops.iter().any(|op| self.drops_watch(op)) {
            held = ops
                .iter()
                .map(|op| {
                    if self.drops_watch(op) {
                        Op::Watch(Vec::new())
                    } else {
                        op.clone()
                    }
                })
                .collect();
            &held[..]
        } else {
            ops
        };
        // Each shell's renderer is a function of its own (#[inline(never)]): a cd runs
        // one of them, and the hot-code list keeps them apart instead of all six inlined
        // here, one over the other's pages.
        match self {
            Shell::Bash | Shell::Zsh => posix::render(self, ops, exe, standalone),
            Shell::Fish => fish::render(ops, exe, standalone),
            Shell::Tcsh => csh::render(ops, exe, standalone),
            Shell::Pwsh => pwsh::render(ops, exe, standalone),
            // The AutoRun helper and the Clink script bring everything the output uses.
            Shell::Cmd => cmd::render_cmd(ops),
            Shell::Clink => cmd::render_clink(ops),
        }
    }
}

/// What a shell keeps (unexported) to say which venv it has set up the prompt and
/// `deactivate` for: a hash of the venv's path, so the value is plain hex that needs no
/// quoting anywhere it is passed back (tcsh expands variables inside a backquoted
/// command before parsing it).
pub fn ui_token(venv: &Path) -> String {
    format!(
        "{:016x}",
        crate::util::fnv1a64(crate::util::path_bytes(venv))
    )
}

/// The assignments that fix what a stock activate script saved (Op::FixStockSaved):
/// `NAME<quoted value>` for those known, joined by `; ` between `open` and `close`;
/// nothing when none is known.
fn stock_sets(
    vars: [(&str, &Option<std::ffi::OsString>); 2],
    quote: fn(&[u8]) -> Vec<u8>,
    open: &[u8],
    close: &[u8],
) -> Vec<u8> {
    let sets: Vec<Vec<u8>> = vars
        .into_iter()
        .filter_map(|(name, v)| {
            v.as_ref()
                .map(|v| [name.as_bytes(), &quote(crate::util::os_bytes(v))].concat())
        })
        .collect();
    if sets.is_empty() {
        return Vec::new();
    }
    [open, &sets.join(&b"; "[..]), close].concat()
}

/// The value an `Op::Ui` gives the shell's marker: the token, or empty for none.
fn ui_value(v: &Option<std::path::PathBuf>) -> String {
    v.as_deref().map(ui_token).unwrap_or_default()
}

/// The line in each hook script that separates the helper library (also sent with
/// standalone `activate` output) from the part that installs the prompt hook.
const HOOK_MARK: &str = "# ---- hook ----\n";

fn library(script: &str) -> &str {
    &script[..script
        .find(HOOK_MARK)
        .expect("hook scripts hold the hook mark")]
}

/// The start of every `eval`-able output: its mark line, then (for output that may run
/// where no hook is loaded) the script's helper library.
fn preamble(
    mark: &str,
    script: &str,
    exe: &Path,
    quote: fn(&[u8]) -> Vec<u8>,
    standalone: bool,
) -> Vec<u8> {
    let mut out = mark.as_bytes().to_vec();
    out.push(b'\n');
    if standalone {
        out.extend_from_slice(&with_exe(library(script), exe, quote));
    }
    out
}

/// The watched paths as one condition: each path's test (written by `test` from how it
/// looked and its quoted form), joined by `sep`.
fn watch_tests(
    paths: &[(std::path::PathBuf, crate::plan::Seen)],
    sep: &[u8],
    quote: fn(&[u8]) -> Vec<u8>,
    test: impl Fn(crate::plan::Seen, &[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (p, seen)) in paths.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(&test(*seen, &quote(crate::util::path_bytes(p))));
    }
    out
}

/// `test`/`[[ ]]` flags for "still looks as it did" (bash, zsh and fish spell them alike).
fn test_still(seen: crate::plan::Seen, quoted: &[u8]) -> Vec<u8> {
    let flag: &[u8] = match seen {
        crate::plan::Seen::File => b"-f ",
        crate::plan::Seen::NotFile => b"! -f ",
        crate::plan::Seen::Absent => b"! -e ",
    };
    [flag, quoted].concat()
}

/// The script with `@VENVSH@` replaced by the binary's path, quoted for the shell.
fn with_exe(text: &str, exe: &Path, quote: fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let q = quote(crate::util::path_bytes(exe));
    let mut out = Vec::with_capacity(text.len() + q.len());
    let mut parts = text.split("@VENVSH@");
    if let Some(first) = parts.next() {
        out.extend_from_slice(first.as_bytes());
    }
    for p in parts {
        out.extend_from_slice(&q);
        out.extend_from_slice(p.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hook_scripts_have_one_mark_and_the_exe() {
        for sh in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Tcsh,
            Shell::Pwsh,
        ] {
            let h = String::from_utf8(sh.hook(Path::new("/x y/venvsh"))).unwrap();
            if sh != Shell::Tcsh {
                assert_eq!(h.matches(HOOK_MARK).count(), 1, "{}", sh.name());
            }
            assert!(
                h.contains("'/x y/venvsh'") && !h.contains("@VENVSH@"),
                "{}",
                sh.name()
            );
        }
    }
}
