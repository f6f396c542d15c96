//! fish: lists instead of colon strings, `set -gx`, and a wrapped `fish_prompt`.

use super::parts::{preamble, test_still, ui_value, watch_tests, with_exe};
use super::startup::{Ask, Startup};
use super::{Dialect, EVAL_MARK, Setup};
use crate::paths::os_bytes;
use crate::plan::Op;
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.fish");

pub struct Fish;

impl Dialect for Fish {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("{cmd} --shell fish | source"))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_bin",
            "__venvsh_define_deactivate",
            "__venvsh_eval",
            "__venvsh_export",
            "__venvsh_fix_stock_prompt",
            "__venvsh_gone",
            "__venvsh_hook",
            "__venvsh_on_cd",
            "__venvsh_op",
            "__venvsh_orig_fish_prompt",
            "__venvsh_out",
            "__venvsh_prompt_file",
            "__venvsh_prompt_name",
            "__venvsh_prompt_off",
            "__venvsh_prompt_on",
            "__venvsh_pwd",
            "__venvsh_rc",
            "__venvsh_record",
            "__venvsh_s",
            "__venvsh_same",
            "__venvsh_st",
            "__venvsh_status",
            "__venvsh_ui",
            "__venvsh_ve",
            "__venvsh_wrapped",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "fish_function_path",
            "fish_complete_path",
            "fish_user_paths",
            "PWD",
            "HOME",
            "status",
            "pipestatus",
            "fish_pid",
            "fish_prompt",
            "SHLVL",
            "umask",
            "history",
            "version",
        ]
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("fish")
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "venvsh hook fish | source",
            file: "~/.config/fish/config.fish",
        }
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
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        Some(Startup::one(at.config().join("fish/config.fish"), line))
    }
    fn completions(&self, mut clap: Vec<u8>) -> Vec<u8> {
        clap.extend_from_slice(COMPLETE_NAMES.as_bytes());
        clap
    }
}

const COMPLETE_NAMES: &str = r#"
# venvsh: venv names from the venv home where a venv is asked for.
complete -c venvsh -n "__fish_venvsh_using_subcommand activate; or __fish_venvsh_using_subcommand remove" -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
complete -c venvsh -n "__fish_venvsh_using_subcommand run" -l venv -r -a "(venvsh list --names 2>/dev/null)" -d 'venv in the venv home'
"#;

/// Quotes any bytes (NUL aside) for fish: inside `'…'` only `\` and `'` are special,
/// written `\\` and `\'`. Bytes that are not UTF-8 pass through fish unchanged.
pub fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(b'\'');
    for &c in b {
        if c == b'\\' || c == b'\'' {
            out.push(b'\\');
        }
        out.push(c);
    }
    out.push(b'\'');
    out
}

/// A `:`-separated PATH as fish list words: ` 'a' 'b'`, nothing for an empty PATH.
fn path_words(path: &std::ffi::OsStr) -> Vec<u8> {
    let mut out = Vec::new();
    let b = os_bytes(path);
    if !b.is_empty() {
        for entry in b.split(|c| *c == b':') {
            out.push(b' ');
            out.extend_from_slice(&quote(entry));
        }
    }
    out
}

fn render(ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = preamble(EVAL_MARK, SCRIPT, exe, quote, standalone);
    for op in ops {
        match op {
            // fish keeps PATH as a list: one quoted word per entry.
            Op::Set(n, v) if n == "PATH" => {
                out.extend_from_slice(b"set -gx PATH");
                out.extend_from_slice(&path_words(v));
            }
            Op::Set(name, v) => {
                out.extend_from_slice(b"set -gx ");
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                out.extend_from_slice(&quote(os_bytes(v)));
            }
            Op::Unset(name) => {
                out.extend_from_slice(b"set -e ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::PromptOn(name) => {
                out.extend_from_slice(b"__venvsh_prompt_on ");
                out.extend_from_slice(&quote(name));
            }
            Op::PromptOff => out.extend_from_slice(b"__venvsh_prompt_off"),
            Op::DefineDeactivate => out.extend_from_slice(b"__venvsh_define_deactivate"),
            Op::RemoveDeactivate => out.extend_from_slice(b"functions -e deactivate"),
            // fish looks commands up afresh every time: nothing to rehash.
            Op::Rehash => continue,
            Op::SetUpHere(v) => {
                out.extend_from_slice(b"set -g __venvsh_ui ");
                out.extend_from_slice(&quote(ui_value(v).as_bytes()));
            }
            Op::FixStockSaved { path, pythonhome } => {
                if path.is_some() || pythonhome.is_some() {
                    out.extend_from_slice(b"if set -q _OLD_VIRTUAL_PATH");
                    if let Some(p) = path {
                        out.extend_from_slice(b"; set -gx _OLD_VIRTUAL_PATH");
                        out.extend_from_slice(&path_words(p));
                    }
                    if let Some(h) = pythonhome {
                        out.extend_from_slice(b"; set -gx _OLD_VIRTUAL_PYTHONHOME ");
                        out.extend_from_slice(&quote(os_bytes(h)));
                    }
                    out.extend_from_slice(b"; end\n");
                }
                out.extend_from_slice(b"__venvsh_fix_stock_prompt");
            }
            Op::Watch(paths) if paths.is_empty() => {
                out.extend_from_slice(b"function __venvsh_same; true; end")
            }
            Op::Watch(paths) => {
                out.extend_from_slice(b"function __venvsh_same; test ");
                out.extend_from_slice(&watch_tests(paths, b" -a ", quote, test_still));
                out.extend_from_slice(b"; end");
            }
            Op::Source(p) => {
                let p = quote(crate::paths::path_bytes(p));
                out.extend_from_slice(b"test -f ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b"; and source ");
                out.extend_from_slice(&p);
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
    fn quotes_backslash_and_quote_only() {
        assert_eq!(quote(b"it's a\\b $x"), b"'it\\'s a\\\\b $x'");
        assert_eq!(quote(b""), b"''");
    }
}
