//! PowerShell (pwsh 7 on any OS, Windows PowerShell 5.1). Values go in single-quoted
//! strings, where only quotes are special; PowerShell also takes the typographic single
//! quotes (U+2018..U+201B) as quotes, so those are doubled too.

use super::EVAL_MARK;
use crate::plan::{Op, Seen};
use crate::util::os_bytes;
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.ps1");

/// PowerShell strings are text: bytes that are not UTF-8 cannot be carried (SPEC §11).
pub fn carries(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok()
}

pub fn quote(b: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(b);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out.into_bytes()
}

pub fn hook(exe: &Path) -> Vec<u8> {
    super::with_exe(SCRIPT, exe, quote)
}

#[inline(never)]
pub fn render(ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = super::preamble(EVAL_MARK, SCRIPT, exe, quote, standalone);
    for op in ops {
        match op {
            Op::Set(name, v) => {
                out.extend_from_slice(b"$env:");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b" = ");
                out.extend_from_slice(&quote(os_bytes(v)));
            }
            Op::Unset(name) => {
                out.extend_from_slice(b"Remove-Item -LiteralPath Env:");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b" -ErrorAction SilentlyContinue");
            }
            Op::PromptOn(name) => {
                out.extend_from_slice(b"__venvsh_prompt_on ");
                out.extend_from_slice(&quote(name));
            }
            Op::PromptOff => out.extend_from_slice(b"__venvsh_prompt_off"),
            Op::DefineDeactivate => out.extend_from_slice(b"__venvsh_define_deactivate"),
            Op::RemoveDeactivate => out.extend_from_slice(
                b"Remove-Item -LiteralPath Function:deactivate -ErrorAction SilentlyContinue",
            ),
            // PowerShell looks commands up afresh: nothing to rehash.
            Op::Rehash => continue,
            Op::Ui(v) => {
                out.extend_from_slice(b"$global:__venvsh_ui = ");
                out.extend_from_slice(&quote(super::ui_value(v).as_bytes()));
            }
            // Activate.ps1 wraps venvsh's prompt function, which shows no name once
            // venvsh's venv is off.
            Op::FixStockSaved { path, pythonhome } => {
                out.extend_from_slice(&super::stock_sets(
                    [
                        ("$env:_OLD_VIRTUAL_PATH = ", path),
                        ("$env:_OLD_VIRTUAL_PYTHONHOME = ", pythonhome),
                    ],
                    quote,
                    b"if (Test-Path Env:_OLD_VIRTUAL_PATH) { ",
                    b" }",
                ));
            }
            Op::Watch(paths) if paths.is_empty() => {
                out.extend_from_slice(b"function global:__venvsh_same { $true }")
            }
            Op::Watch(paths) => {
                out.extend_from_slice(b"function global:__venvsh_same { ");
                out.extend_from_slice(&super::watch_tests(paths, b" -and ", quote, |seen, p| {
                    let (not, kind): (&[u8], &[u8]) = match seen {
                        Seen::File => (b"", b" -PathType Leaf"),
                        Seen::NotFile => (b"-not ", b" -PathType Leaf"),
                        Seen::Absent => (b"-not ", b""),
                    };
                    [not, b"(Test-Path -LiteralPath ", p, kind, b")"].concat()
                }));
                out.extend_from_slice(b" }");
            }
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_every_kind_of_single_quote() {
        assert_eq!(quote(b"it's"), b"'it''s'");
        assert_eq!(
            quote("a\u{2019}b".as_bytes()),
            "'a\u{2019}\u{2019}b'".as_bytes()
        );
        assert_eq!(quote(b"$x `y` \"z\""), b"'$x `y` \"z\"'");
        assert!(!carries(b"\xff"));
    }
}
