//! cmd.exe (through doskey macros and an AutoRun batch file) and Clink (a Lua script run
//! before every prompt). cmd has no quoting that holds every value: `set "NAME=value"`
//! keeps `&`, `|`, `<`, `>`, `(` and `)` literal, but `%` and `!` still expand and `"`
//! ends the quotes, so a venv whose values hold `%`, `!`, `^`, `"`, a newline or bytes
//! that are not UTF-8 is refused (behaviour.md §11).

use crate::plan::Op;
use crate::util::os_bytes;
use std::path::Path;

const BATCH: &str = include_str!("../../shell/venvsh.cmd");
const LUA: &str = include_str!("../../shell/venvsh.lua");

/// The first line of batch code meant to be run.
pub const EVAL_MARK: &str = "@rem venvsh eval";

/// What Clink's script can set; cmd's batch code also needs it in cmd's code page.
pub fn carries_clink(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok() && !b.iter().any(|c| b"%!^\"\r\n".contains(c))
}

pub fn carries(b: &[u8]) -> bool {
    carries_clink(b) && in_code_page(b).is_some()
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

/// A path for a batch file: in double quotes (it holds no `"`, see `carries`).
fn quote_batch(b: &[u8]) -> Vec<u8> {
    let mut out = b"\"".to_vec();
    out.extend_from_slice(b);
    out.push(b'"');
    out
}

/// A Lua string literal: any bytes, escaped.
pub fn quote_lua(b: &[u8]) -> Vec<u8> {
    let mut out = b"\"".to_vec();
    for &c in b {
        match c {
            b'"' | b'\\' => {
                out.push(b'\\');
                out.push(c);
            }
            0x20..=0x7e => out.push(c),
            _ => out.extend_from_slice(format!("\\{c:03}").as_bytes()),
        }
    }
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

pub fn hook_cmd(exe: &Path) -> Vec<u8> {
    // Only the exe's own path can miss the code page here: it stays as it is.
    let text = crlf(&super::with_exe(BATCH, exe, quote_batch));
    in_code_page(&text).unwrap_or(text)
}

/// Batch bytes (UTF-8) in cmd's code page, or None where a character has no place there.
fn in_code_page(utf8: &[u8]) -> Option<Vec<u8>> {
    std::str::from_utf8(utf8).ok().and_then(encode)
}

pub fn hook_clink(exe: &Path) -> Vec<u8> {
    super::with_exe(LUA, exe, quote_lua)
}

/// `(NAME) ` for cmd's PROMPT, where `$` starts a code: `$$` is a dollar.
fn prompt_prefix(name: &[u8]) -> Vec<u8> {
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

/// Batch code, run by the AutoRun helper with `call`.
#[inline(never)]
pub fn render_cmd(ops: &[Op]) -> Vec<u8> {
    let mut out = String::from(EVAL_MARK);
    out.push('\n');
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    for op in ops {
        match op {
            // `%%` is a `%` in a batch file: VENVSH_STATE's escapes hold `%` (a user's
            // value never does, see `carries`).
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
            Op::Ui(v) => out.push_str(&format!("set \"__VENVSH_UI={}\"\n", super::ui_value(v))),
            // `deactivate` is a doskey macro of the hook's; cmd has no command cache and
            // no prompt hook to watch with (Clink's script looks at every prompt).
            Op::DefineDeactivate
            | Op::RemoveDeactivate
            | Op::Rehash
            | Op::Watch(_)
            | Op::FixStockSaved { .. } => {}
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

/// A Lua chunk returning the ops as a list, for the Clink script to apply.
#[inline(never)]
pub fn render_clink(ops: &[Op]) -> Vec<u8> {
    let mut out = b"-- venvsh eval\nreturn {\n".to_vec();
    let mut item = |parts: &[&[u8]]| {
        out.extend_from_slice(b"  {");
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b", ");
            }
            out.extend_from_slice(&quote_lua(p));
        }
        out.extend_from_slice(b"},\n");
    };
    for op in ops {
        match op {
            Op::Set(name, v) => item(&[b"set", name.as_bytes(), os_bytes(v)]),
            Op::Unset(name) => item(&[b"unset", name.as_bytes()]),
            Op::PromptOn(name) => item(&[b"prompt_on", &prompt_prefix(name)]),
            Op::PromptOff => item(&[b"prompt_off"]),
            Op::Ui(v) => {
                let t = super::ui_value(v);
                item(&[b"ui", t.as_bytes()])
            }
            Op::DefineDeactivate
            | Op::RemoveDeactivate
            | Op::Rehash
            | Op::Watch(_)
            | Op::FixStockSaved { .. } => {}
        }
    }
    out.extend_from_slice(b"}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cmd_would_expand() {
        for bad in [&b"100%"[..], b"a!b", b"^", b"\"", b"a\nb", b"\xff"] {
            assert!(!carries(bad), "{bad:?}");
        }
        assert!(carries(b"with space & (paren) <x>|y"));
    }

    #[test]
    fn lua_strings_hold_any_bytes() {
        assert_eq!(quote_lua(b"a\"b\\\n\xff"), b"\"a\\\"b\\\\\\010\\255\"");
        assert_eq!(prompt_prefix(b"a$b"), b"(a$$b) ");
    }
}
