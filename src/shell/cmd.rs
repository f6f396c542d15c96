//! cmd.exe, through doskey macros and an AutoRun batch file (Clink, cmd with a Lua
//! script run before every prompt, is clink.rs). cmd has no quoting that holds every value: `set "NAME=value"`
//! keeps `&`, `|`, `<`, `>`, `(` and `)` literal, but `%` and `!` still expand and `"`
//! ends the quotes, so a venv whose values hold `%`, `!`, `^`, `"`, a newline or bytes
//! that are not UTF-8 is refused (behaviour.md §11).

use super::parts::{ui_value, with_exe};
use super::{Dialect, Setup};
use crate::paths::os_bytes;
use crate::plan::Op;
use std::path::Path;

const BATCH: &str = include_str!("../../shell/venvsh.cmd");

/// The first line of batch code meant to be run.
pub const EVAL_MARK: &str = "@rem venvsh eval";

pub struct Cmd;

impl Dialect for Cmd {
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__VENVSH_FIRST",
            "__VENVSH_OLD_PROMPT",
            "__VENVSH_TMP",
            "__VENVSH_UI",
            "__venvsh_eval",
            "__venvsh_install",
            "__venvsh_run",
            "__venvsh_switch",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "PROMPT",
            "CD",
            "ERRORLEVEL",
            "CMDCMDLINE",
            "PATHEXT",
            "COMSPEC",
        ]
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("bat")
    }
    fn setup(&self) -> Setup {
        Setup::Saved {
            command: "venvsh hook cmd > \"%LOCALAPPDATA%\\venvsh\\venvsh.cmd\"",
            then: "as AutoRun (README)",
        }
    }
    fn can_hold(&self, b: &[u8]) -> bool {
        can_hold(b)
    }
    fn cannot_hold(&self) -> &'static str {
        "one of % ! ^ \" (or a newline, or a character cmd's code page does not have)"
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote_batch(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        // Only the exe's own path can miss the code page here: it stays as it is.
        let text = crlf(&with_exe(BATCH, exe, quote_batch));
        in_code_page(&text).unwrap_or(text)
    }
    /// Batch code, run by the AutoRun helper with `call` (it brings all the output uses).
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        render(ops)
    }
}

/// What cmd leaves alone in `set "NAME=value"`, also where Clink's script sets it.
pub(super) fn unexpanded(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok() && !b.iter().any(|c| b"%!^\"\r\n".contains(c))
}

fn can_hold(b: &[u8]) -> bool {
    unexpanded(b) && in_code_page(b).is_some()
}

/// Batch text in the code page cmd reads it in: the console's (`chcp`), else, with no
/// console, the OEM one (a console's default). None when a character has no place in it.
#[cfg(windows)]
pub fn encode(text: &str) -> Option<Vec<u8>> {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleOutputCP() -> u32;
        fn GetOEMCP() -> u32;
        fn WideCharToMultiByte(
            cp: u32,
            flags: u32,
            wide: *const u16,
            wide_len: i32,
            out: *mut u8,
            out_len: i32,
            default: *const u8,
            used_default: *mut i32,
        ) -> i32;
    }
    const CP_UTF8: u32 = 65001;
    const WC_NO_BEST_FIT_CHARS: u32 = 0x400;
    if text.is_ascii() {
        return Some(text.as_bytes().to_vec());
    }
    // SAFETY: plain calls; the buffers are sized by the first call and live across both.
    unsafe {
        let cp = match GetConsoleOutputCP() {
            0 => GetOEMCP(),
            cp => cp,
        };
        if cp == CP_UTF8 {
            return Some(text.as_bytes().to_vec());
        }
        let wide: Vec<u16> = text.encode_utf16().collect();
        let len = i32::try_from(wide.len()).ok()?;
        let mut used = 0i32;
        let need = WideCharToMultiByte(
            cp,
            WC_NO_BEST_FIT_CHARS,
            wide.as_ptr(),
            len,
            std::ptr::null_mut(),
            0,
            std::ptr::null(),
            &mut used,
        );
        if need <= 0 || used != 0 {
            return None;
        }
        let mut out = vec![0u8; usize::try_from(need).ok()?];
        let n = WideCharToMultiByte(
            cp,
            WC_NO_BEST_FIT_CHARS,
            wide.as_ptr(),
            len,
            out.as_mut_ptr(),
            need,
            std::ptr::null(),
            &mut used,
        );
        (n == need && used == 0).then_some(out)
    }
}

/// Elsewhere (the batch code is only read by tests there): UTF-8 as it is.
#[cfg(not(windows))]
pub fn encode(text: &str) -> Option<Vec<u8>> {
    Some(text.as_bytes().to_vec())
}

/// A path for a batch file: in double quotes (it holds no `"`, see `can_hold`).
fn quote_batch(b: &[u8]) -> Vec<u8> {
    let mut out = b"\"".to_vec();
    out.extend_from_slice(b);
    out.push(b'"');
    out
}

fn crlf(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 16);
    for &c in text {
        if c == b'\n' {
            out.push(b'\r');
        }
        out.push(c);
    }
    out
}

/// Batch bytes (UTF-8) in cmd's code page, or None where a character has no place there.
fn in_code_page(utf8: &[u8]) -> Option<Vec<u8>> {
    std::str::from_utf8(utf8).ok().and_then(encode)
}

/// `(NAME) ` for cmd's PROMPT, where `$` starts a code: `$$` is a dollar.
pub(super) fn prompt_prefix(name: &[u8]) -> Vec<u8> {
    let mut p = b"(".to_vec();
    for &c in name {
        if c == b'$' {
            p.push(b'$');
        }
        p.push(c);
    }
    p.extend_from_slice(b") ");
    p
}

fn render(ops: &[Op]) -> Vec<u8> {
    let mut out = String::from(EVAL_MARK);
    out.push('\n');
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    for op in ops {
        match op {
            // `%%` is a `%` in a batch file: VENVSH_STATE's escapes hold `%` (a user's
            // value never does, see `can_hold`).
            Op::Set(name, v) => out.push_str(&format!(
                "set \"{name}={}\"\n",
                lossy(os_bytes(v)).replace('%', "%%")
            )),
            Op::Unset(name) => out.push_str(&format!("set \"{name}=\"\n")),
            Op::PromptOn(name) => {
                out.push_str("if not defined __VENVSH_OLD_PROMPT if defined PROMPT (set \"__VENVSH_OLD_PROMPT=%PROMPT%\") else (set \"__VENVSH_OLD_PROMPT=$P$G\")\n");
                out.push_str(&format!(
                    "if not defined VIRTUAL_ENV_DISABLE_PROMPT set \"PROMPT={}%__VENVSH_OLD_PROMPT%\"\n",
                    lossy(&prompt_prefix(name))
                ));
            }
            Op::PromptOff => {
                out.push_str(
                    "if defined __VENVSH_OLD_PROMPT set \"PROMPT=%__VENVSH_OLD_PROMPT%\"\n",
                );
                out.push_str("set \"__VENVSH_OLD_PROMPT=\"\n");
            }
            Op::SetUpHere(v) => out.push_str(&format!("set \"__VENVSH_UI={}\"\n", ui_value(v))),
            // `deactivate` is a doskey macro of the hook's; cmd has no command cache and
            // no prompt hook to watch with (Clink's script looks at every prompt).
            Op::DefineDeactivate
            | Op::RemoveDeactivate
            | Op::Rehash
            | Op::Watch(_)
            | Op::FixStockSaved { .. } => {}
            // `call`, as conda's cmd.exe activator runs them; `%` doubled as in `set`.
            Op::Source(p) => {
                let p = lossy(crate::paths::path_bytes(p)).replace('%', "%%");
                out.push_str(&format!("if exist \"{p}\" call \"{p}\"\n"));
            }
        }
    }
    // A value the checks before could not see (an entry of the user's own PATH, say)
    // that has no place in cmd's code page: written any other way, cmd would read every
    // such byte wrongly and PATH would be damaged. Nothing changes; the line says why.
    in_code_page(&crlf(out.as_bytes())).unwrap_or_else(|| {
        crlf(
            format!(
                "{EVAL_MARK}\n>&2 echo venvsh: not changing this cmd session: a value (PATH, perhaps) holds a character its code page lacks; 'chcp 65001' gives cmd one that has it\n"
            )
            .as_bytes(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cmd_would_expand() {
        for bad in [&b"100%"[..], b"a!b", b"^", b"\"", b"a\nb", b"\xff"] {
            assert!(!can_hold(bad), "{bad:?}");
        }
        assert!(can_hold(b"with space & (paren) <x>|y"));
        assert_eq!(prompt_prefix(b"a$b"), b"(a$$b) ");
    }
}
