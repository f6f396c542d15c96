//! zsh: bash's quoting and code (bash.rs), with its own hook script, `unfunction`,
//! `rehash`, and a watch that redefines the hook function itself.

use super::bash::{Spelling, quote, render};
use super::parts::{test_still, watch_tests, with_exe};
use super::{Dialect, Setup};
use crate::plan::Op;
use std::path::Path;

pub struct Zsh;

impl Dialect for Zsh {
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "eval \"$(venvsh hook zsh)\"",
            file: "~/.zshrc",
        }
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(ZSH.script, exe, quote)
    }
    fn render(&self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        render(&ZSH, ops, exe, standalone)
    }
}

const ZSH: Spelling = Spelling {
    script: include_str!("../../shell/venvsh.zsh"),
    remove_deactivate: b"if (( ${+functions[deactivate]} )); then unfunction deactivate; fi",
    rehash: b"rehash",
    watch: |paths| {
        [
            &b"__venvsh_define_hook "[..],
            &quote(&watch_tests(paths, b" && ", quote, test_still)),
        ]
        .concat()
    },
};
