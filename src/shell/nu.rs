//! nushell: the hook (shell/venvsh.nu) is saved as a file and sourced from config.nu,
//! since nushell cannot run text as code. It starts venvsh and applies what it prints, the
//! same JSON list of operations elvish and xonsh get (`parts::json_ops`): values are data
//! (`from json`, `load-env`), never parsed as code. nushell's strings are UTF-8 (it stops
//! at start on an environment that is not), so a value that is not UTF-8 cannot go.

use super::parts::{json_ops, with_exe};
use super::startup::{Ask, Block, Startup};
use super::{Dialect, Setup};
use crate::plan::Op;
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.nu");

pub struct Nu;

impl Dialect for Nu {
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__VENVSH",
            "__venvsh_apply",
            "__venvsh_bin",
            "__venvsh_export",
            "__venvsh_hook",
            "__venvsh_prompt",
            "__venvsh_prompt_sync",
            "__venvsh_record",
            "__venvsh_run",
            "__venvsh_same",
            "__venvsh_wrapped",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "config",
            "NU_LIB_DIRS",
            "NU_PLUGIN_DIRS",
            "PROMPT_COMMAND",
            "PROMPT_COMMAND_RIGHT",
            "PROMPT_INDICATOR",
            "ENV_CONVERSIONS",
        ]
    }
    fn setup(&self) -> Setup {
        Setup::Saved {
            command: "venvsh hook nu | save -f ($nu.default-config-dir | path join venvsh.nu)",
            then: "and add  source venvsh.nu  to config.nu",
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
    /// Standalone output needs nothing more: the hook's `venvsh` command applies it.
    fn render(&self, ops: &[Op], _exe: &Path, _standalone: bool) -> Vec<u8> {
        json_ops(ops, "nu")
    }
    /// config.nu, which sources the hook saved beside it as venvsh.nu.
    fn startup(&self, at: &dyn Ask, _line: &str, exe: &Path) -> Option<Startup> {
        let file = at.app_config("nushell")?.join("config.nu");
        let hook = file.with_file_name("venvsh.nu");
        let source = quote(crate::paths::path_bytes(&hook));
        let mut block = Block::new(
            file,
            vec![format!("source {}", String::from_utf8_lossy(&source))],
        );
        block.saved_hook = Some((hook, self.hook(exe)));
        Some(Startup {
            blocks: vec![block],
            others: Vec::new(),
        })
    }
}

/// A nushell raw string, `r#'…'#`, with one `#` more than the longest run of them after
/// a `'` in the text, so nothing in it can end it. Not UTF-8: said by `can_hold` first.
fn quote(b: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(b);
    let mut hashes = 1;
    for (i, _) in text.match_indices('\'') {
        let run = text[i + 1..].bytes().take_while(|c| *c == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let h = "#".repeat(hashes);
    format!("r{h}'{text}'{h}").into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_strings_hold_any_text() {
        assert_eq!(super::quote(b"/a b/x"), b"r#'/a b/x'#");
        assert_eq!(super::quote(b"/it'#s"), b"r##'/it'#s'##");
        assert_eq!(super::quote(b"/'##'#"), b"r###'/'##'#'###");
    }
}
