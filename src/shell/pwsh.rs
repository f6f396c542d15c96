//! PowerShell (pwsh 7 on any OS, Windows PowerShell 5.1). Values go in single-quoted
//! strings, where only quotes are special, and every other character (the typographic
//! single quotes U+2018..U+201B among them, which PowerShell takes as quotes) as a
//! `[char]` code: the code venvsh prints is ASCII.

use super::parts::{preamble, stock_sets, ui_value, watch_tests, with_exe};
use super::startup::{Ask, Startup};
use super::{Dialect, EVAL_MARK, Setup};
use crate::paths::os_bytes;
use crate::plan::{Op, Seen};
use std::path::{Path, PathBuf};

const SCRIPT: &str = include_str!("../../shell/venvsh.ps1");

pub struct Pwsh;

impl Dialect for Pwsh {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!(
            "Invoke-Expression (& {cmd} --shell pwsh | Out-String)"
        ))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_bin",
            "__venvsh_define_deactivate",
            "__venvsh_eval",
            "__venvsh_export",
            "__venvsh_gone",
            "__venvsh_hook",
            "__venvsh_hooked",
            "__venvsh_op",
            "__venvsh_prompt_name",
            "__venvsh_prompt_off",
            "__venvsh_prompt_on",
            "__venvsh_pwd",
            "__venvsh_record",
            "__venvsh_same",
            "__venvsh_st",
            "__venvsh_ui",
            "__venvsh_user_lca",
            "__venvsh_user_prompt",
            "__venvsh_ve",
            "__venvsh_wrap_prompt",
            "__venvsh_wrapped",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &["PSModulePath"]
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("ps1")
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "Invoke-Expression (& venvsh hook pwsh | Out-String)",
            file: "$PROFILE",
        }
    }
    fn can_hold(&self, b: &[u8]) -> bool {
        can_hold(b)
    }
    fn cannot_hold(&self) -> &'static str {
        "bytes that are not UTF-8"
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(SCRIPT, exe, quote)
    }
    fn render(&self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        render(ops, exe, standalone)
    }
    /// $PROFILE (the current user's, for the console host): pwsh says where it is when
    /// it is on PATH; else where it is by default (on Windows in Documents\PowerShell,
    /// pwsh 7's; Windows PowerShell 5.1 reads Documents\WindowsPowerShell's, which
    /// `powershell` gives when pwsh is not there).
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        let asked = ["pwsh", "powershell"].into_iter().find_map(|program| {
            let args = [
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "$PROFILE.CurrentUserCurrentHost",
            ];
            let out = at.output(program, &args)?;
            let text = String::from_utf8_lossy(&out).trim().to_string();
            (!text.is_empty()).then(|| PathBuf::from(text))
        });
        let profile = match asked {
            Some(p) => p,
            None if cfg!(windows) => at
                .documents()?
                .join("PowerShell/Microsoft.PowerShell_profile.ps1"),
            None => at
                .config()
                .join("powershell/Microsoft.PowerShell_profile.ps1"),
        };
        Some(Startup::one(profile, line))
    }
    /// Not on Unix, where finding $PROFILE would start pwsh.
    fn init_unasked(&self) -> bool {
        cfg!(windows)
    }
    fn completions(&self, clap: Vec<u8>) -> Vec<u8> {
        super::parts::names_in_arms(
            clap,
            |sub| format!("        'venvsh;{sub}' {{\n"),
            "            venvsh list --names 2>$null | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, 'venv in the venv home') }\n",
            "($commandElements[-1].ToString() -eq '--venv' -or ($wordToComplete -ne '' -and $commandElements.Count -ge 3 -and $commandElements[-2].ToString() -eq '--venv'))",
            "break",
        )
    }
}

/// PowerShell strings are text: bytes that are not UTF-8 cannot be carried (behaviour.md §11).
fn can_hold(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok()
}

/// A value as PowerShell code made of ASCII only: PowerShell decodes a program's output
/// in the console's code page (Windows PowerShell 5.1 in the OEM one), so `é` in a path
/// printed as UTF-8 would arrive as something else. Plain text is one single-quoted
/// string; other characters are `[char]0xNN` joined to it: `('caf' + [char]0xE9)`.
pub fn quote(b: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(b);
    let mut out = String::with_capacity(text.len() + 2);
    let ascii = text.is_ascii();
    if !ascii {
        out.push_str("(''");
    }
    let mut open = false;
    for c in text.chars() {
        if c.is_ascii() {
            if !open {
                out.push_str(if ascii { "'" } else { " + '" });
                open = true;
            }
            if c == '\'' {
                out.push(c);
            }
            out.push(c);
        } else {
            if open {
                out.push('\'');
                open = false;
            }
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!(" + [char]0x{u:04X}"));
            }
        }
    }
    if open {
        out.push('\'');
    } else if ascii {
        out.push_str("''");
    }
    if !ascii {
        out.push(')');
    }
    out.into_bytes()
}

fn render(ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = preamble(EVAL_MARK, SCRIPT, exe, quote, standalone);
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
            Op::SetUpHere(v) => {
                out.extend_from_slice(b"$global:__venvsh_ui = ");
                out.extend_from_slice(&quote(ui_value(v).as_bytes()));
            }
            // Activate.ps1 wraps venvsh's prompt function, which shows no name once
            // venvsh's venv is off.
            Op::FixStockSaved { path, pythonhome } => {
                out.extend_from_slice(&stock_sets(
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
            Op::Source(p) => {
                let p = quote(crate::paths::path_bytes(p));
                out.extend_from_slice(b"if (Test-Path -LiteralPath ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b" -PathType Leaf) { try { . ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b" } catch { Write-Warning $_ } }");
            }
            Op::Watch(paths) => {
                out.extend_from_slice(b"function global:__venvsh_same { ");
                out.extend_from_slice(&watch_tests(paths, b" -and ", quote, |seen, p| {
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
    fn quotes_as_ascii() {
        assert_eq!(quote(b"it's"), b"'it''s'");
        assert_eq!(quote(b""), b"''");
        assert_eq!(
            quote("a\u{2019}b".as_bytes()),
            b"('' + 'a' + [char]0x2019 + 'b')"
        );
        assert_eq!(quote("\u{e9}".as_bytes()), b"('' + [char]0x00E9)");
        assert_eq!(
            quote("x\u{1F600}".as_bytes()),
            b"('' + 'x' + [char]0xD83D + [char]0xDE00)"
        );
        assert_eq!(quote(b"$x `y` \"z\""), b"'$x `y` \"z\"'");
        assert!(!can_hold(b"\xff"));
    }
}
