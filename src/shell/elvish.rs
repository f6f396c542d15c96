//! elvish: the hook (shell/venvsh.elv) starts venvsh and applies what it prints, a JSON
//! list of operations. Values are data all the way (elvish's `from-json`, `set-env`),
//! never parsed as code. JSON carries text only: a value that is not UTF-8 cannot go.

use super::parts::{json_ops, with_exe};
use super::{Dialect, Setup};
use crate::plan::Op;
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
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(SCRIPT, exe, quote)
    }
    /// Standalone output needs nothing more: the hook's `venvsh` function applies it.
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        json_ops(ops, "elvish")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Seen;
    use serde_json::{Value, json};

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
