//! Clink: cmd.exe with a Lua script that looks at every prompt. The venvsh binary gives
//! it a Lua list of the ops (values as Lua strings, which hold any bytes), and the script
//! applies them; cmd still expands what it sets, so it refuses what cmd.rs refuses.

use super::cmd::{prompt_prefix, unexpanded};
use super::parts::{ui_value, with_exe};
use super::{Dialect, Setup};
use crate::paths::os_bytes;
use crate::plan::Op;
use std::path::Path;

const LUA: &str = include_str!("../../shell/venvsh.lua");

pub struct Clink;

impl Dialect for Clink {
    fn own_names(&self) -> &'static [&'static str] {
        &["__VENVSH_OLD_PROMPT"]
    }
    fn specials(&self) -> &'static [&'static str] {
        &["PROMPT", "CLINK_PROFILE"]
    }
    fn setup(&self) -> Setup {
        Setup::Saved {
            command: "venvsh hook clink > \"%LOCALAPPDATA%\\clink\\venvsh.lua\"",
            then: "",
        }
    }
    fn can_hold(&self, b: &[u8]) -> bool {
        unexpanded(b)
    }
    fn cannot_hold(&self) -> &'static str {
        "one of % ! ^ \" (or a newline, or bytes that are not UTF-8)"
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote_lua(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(LUA, exe, quote_lua)
    }
    /// The script brings everything the output uses.
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        render(ops)
    }
}

/// A Lua string literal: any bytes, escaped.
fn quote_lua(b: &[u8]) -> Vec<u8> {
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

/// A Lua chunk returning the ops as a list, for the Clink script to apply.
fn render(ops: &[Op]) -> Vec<u8> {
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
            Op::SetUpHere(v) => {
                let t = ui_value(v);
                item(&[b"ui", t.as_bytes()])
            }
            Op::DefineDeactivate
            | Op::RemoveDeactivate
            | Op::Rehash
            | Op::Watch(_)
            | Op::FixStockSaved { .. }
            | Op::Source(_) => {}
        }
    }
    out.extend_from_slice(b"}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lua_strings_hold_any_bytes() {
        assert_eq!(quote_lua(b"a\"b\\\n\xff"), b"\"a\\\"b\\\\\\010\\255\"");
    }
}
