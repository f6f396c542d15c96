//! elvish: the hook (shell/venvsh.elv) starts venvsh and applies what it prints, a JSON
//! list of operations. Values are data all the way (elvish's `from-json`, `set-env`),
//! never parsed as code. JSON carries text only: a value that is not UTF-8 cannot go.

use super::parts::with_exe;
use super::{Dialect, Setup};
use crate::plan::{Op, Seen};
use crate::util::os_bytes;
use serde_json::{Value, json};
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.elv");

pub struct Elvish;

impl Dialect for Elvish {
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "eval (venvsh hook elvish | slurp)",
            file: "~/.config/elvish/rc.elv",
        }
    }
    fn carries(&self, b: &[u8]) -> bool {
        std::str::from_utf8(b).is_ok()
    }
    fn cannot_hold(&self) -> &'static str {
        "bytes that are not UTF-8"
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(SCRIPT, exe, quote)
    }
    /// Standalone output needs nothing more: the hook's `venvsh` function applies it.
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        let mut out = serde_json::to_vec(&list(ops).unwrap_or_else(|| {
            json!([[
                "say",
                "not changing this elvish session: a value (PATH, perhaps) is not UTF-8 text, which it cannot be given as data"
            ]])
        }))
        .expect("JSON of plain data");
        out.push(b'\n');
        out
    }
}

/// An elvish string literal: single quotes, a quote doubled.
fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = b"'".to_vec();
    for &c in b {
        if c == b'\'' {
            out.push(b'\'');
        }
        out.push(c);
    }
    out.push(b'\'');
    out
}

/// The ops as JSON, or None when a value is not UTF-8.
fn list(ops: &[Op]) -> Option<Value> {
    let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let mut items = Vec::new();
    for op in ops {
        items.push(match op {
            Op::Set(name, v) => json!(["set", name, text(os_bytes(v))?]),
            Op::Unset(name) => json!(["unset", name]),
            Op::PromptOn(name) => json!(["prompt_on", String::from_utf8_lossy(name)]),
            Op::PromptOff => json!(["prompt_off"]),
            Op::DefineDeactivate => json!(["define_deactivate"]),
            Op::RemoveDeactivate => json!(["remove_deactivate"]),
            Op::Ui(v) => json!(["ui", super::parts::ui_value(v)]),
            Op::Watch(paths) => {
                let mut w = Vec::new();
                for (p, seen) in paths {
                    let kind = match seen {
                        Seen::File => "file",
                        Seen::NotFile => "notfile",
                        Seen::Absent => "absent",
                    };
                    w.push(json!([text(crate::util::path_bytes(p))?, kind]));
                }
                json!(["watch", w])
            }
            // Elvish looks commands up afresh, and Python ships no activate script for
            // it whose saved values could need fixing.
            Op::Rehash | Op::FixStockSaved { .. } => continue,
        });
    }
    Some(Value::Array(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_are_json_data() {
        let ops = [
            Op::Set("VIRTUAL_ENV", "/p/it's $(x)".into()),
            Op::PromptOn(b"a\"b".to_vec()),
            Op::Watch(vec![("/p/.venv".into(), Seen::NotFile)]),
        ];
        let out = Elvish.render(&ops, Path::new("/x"), false);
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            json!([
                ["set", "VIRTUAL_ENV", "/p/it's $(x)"],
                ["prompt_on", "a\"b"],
                ["watch", [["/p/.venv", "notfile"]]]
            ])
        );
        assert_eq!(quote(b"it's"), b"'it''s'");
    }
}
