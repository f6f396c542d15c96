//! xonsh: the hook (shell/venvsh.xsh, Python run by xonsh) starts venvsh and applies what
//! it prints, the same JSON list of operations elvish gets (`parts::json_ops`): values
//! are data (`json.loads`), never parsed as code. JSON carries text: a value that is not
//! UTF-8 cannot go.

use super::parts::{json_ops, with_exe};
use super::startup::{Ask, Startup};
use super::{Dialect, Setup};
use crate::plan::Op;
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.xsh");

pub struct Xonsh;

impl Dialect for Xonsh {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("execx($({cmd} --shell xonsh))"))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_event",
            "__venvsh_h",
            "__venvsh_hook",
            "__venvsh_make",
            "__venvsh_st",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &["PROMPT", "RIGHT_PROMPT", "XONSHRC", "XONSH_CONFIG_DIR"]
    }
    /// conda's xonsh activator takes the `.sh` scripts (`.bat` on Windows), through
    /// `source-bash` (`source-cmd`).
    fn script_ext(&self) -> Option<&'static str> {
        Some(if cfg!(windows) { "bat" } else { "sh" })
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "execx($(venvsh hook xonsh))",
            file: "~/.xonshrc",
        }
    }
    /// xonsh expands `$NAME` in every PATH entry it reads back, so a venv whose path
    /// holds a `$` would land on PATH as another folder; JSON carries text only.
    fn can_hold(&self, b: &[u8]) -> bool {
        std::str::from_utf8(b).is_ok() && !b.contains(&b'$')
    }
    fn cannot_hold(&self) -> &'static str {
        "a '$' (xonsh expands $NAME in PATH) or bytes that are not UTF-8"
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    /// The rc line is in subprocess mode, where xonsh expands `$NAME` even inside quotes:
    /// the path goes in as a Python string, `@('…')`.
    fn command_word(&self, path: &[u8]) -> Vec<u8> {
        [&b"@("[..], &quote(path), b")"].concat()
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(SCRIPT, exe, quote)
    }
    /// Standalone output needs nothing more: the hook's `venvsh` alias applies it.
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        json_ops(ops, "xonsh")
    }
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        Some(Startup::one(at.home().join(".xonshrc"), line))
    }
}

/// A Python string literal of the path's bytes, ASCII only: another character as
/// `\UXXXXXXXX`, a byte that is not UTF-8 as the surrogate `\udcXX` that Python's
/// `os` functions take for that byte on Unix.
fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = String::from("'");
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\'' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                ' '..='~' => out.push(c),
                _ => out.push_str(&format!("\\U{:08x}", c as u32)),
            }
        }
        for &byte in chunk.invalid() {
            out.push_str(&format!("\\udc{byte:02x}"));
        }
    }
    out.push('\'');
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn python_literals_hold_any_path() {
        assert_eq!(
            super::quote("/a b/it's/é".as_bytes()),
            b"'/a b/it\\'s/\\U000000e9'"
        );
        assert_eq!(super::quote(b"/x\xff"), b"'/x\\udcff'");
    }
}
