//! elvish: the hook (shell/venvsh.elv) starts venvsh and applies what it prints, a JSON
//! list of operations. Values are data all the way (elvish's `from-json`, `set-env`),
//! never parsed as code. JSON carries text only: a value that is not UTF-8 cannot go.

use super::parts::{json_ops, with_exe};
use super::startup::{Ask, Startup};
use super::{Dialect, Setup};
use crate::plan::Op;
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.elv");

pub struct Elvish;

impl Dialect for Elvish {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("eval ({cmd} --shell elvish | slurp)"))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &["__venvsh_hook", "__venvsh_prompt"]
    }
    fn specials(&self) -> &'static [&'static str] {
        &["paths", "pwd"]
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "eval (venvsh hook elvish | slurp)",
            file: "~/.config/elvish/rc.elv",
        }
    }
    fn can_hold(&self, b: &[u8]) -> bool {
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
    /// elvish up to 0.19 reads ~/.elvish/rc.elv when it is there, and then not its new
    /// place; 0.20 and later only the new place.
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        let legacy = at.home().join(".elvish/rc.elv");
        let new = at.app_config("elvish").map(|d| d.join("rc.elv"));
        let file = if at.exists(&legacy) && reads_legacy(at) {
            legacy.clone()
        } else {
            new.clone()?
        };
        let mut st = Startup::one(file, line);
        st.others = std::iter::once(legacy).chain(new).collect();
        Some(st)
    }
    fn completions(&self, clap: Vec<u8>) -> Vec<u8> {
        super::parts::names_in_arms(
            clap,
            |sub| format!("        &'venvsh;{sub}'= {{\n"),
            "            try { venvsh list --names 2>/dev/null | from-lines | each {|n| cand $n 'venv in the venv home' } } catch { }\n",
            "(and (> (count $words) 2) (eq $words[-2] --venv))",
            "return",
        )
    }
}

/// Whether the elvish on PATH reads ~/.elvish/rc.elv (0.19 and before), or no elvish is
/// there to ask (then the file the user has is the one in use).
fn reads_legacy(at: &dyn Ask) -> bool {
    let Some(out) = at.output("elvish", &["-version"]) else {
        return true;
    };
    let v = String::from_utf8_lossy(&out);
    let mut parts = v
        .trim()
        .split(['.', '+', '-'])
        .map(|p| p.parse::<u32>().ok());
    matches!((parts.next(), parts.next()), (Some(Some(0)), Some(Some(minor))) if minor < 20)
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
            Op::Set("VIRTUAL_ENV".into(), "/p/it's $(x)".into()),
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
