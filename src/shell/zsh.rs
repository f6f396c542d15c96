//! zsh: bash's quoting and code (bash.rs), with its own hook script, `unfunction`,
//! `rehash`, and a watch that redefines the hook function itself.

use super::bash::{Spelling, quote, render};
use super::parts::{test_still, watch_tests, with_exe};
use super::startup::{Ask, Block, Startup};
use super::{Dialect, Setup};
use crate::plan::Op;
use std::path::{Path, PathBuf};

pub struct Zsh;

impl Dialect for Zsh {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("eval \"$({cmd} --shell zsh)\""))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_bin",
            "__venvsh_chpwd",
            "__venvsh_cmd",
            "__venvsh_define_deactivate",
            "__venvsh_define_hook",
            "__venvsh_eval",
            "__venvsh_export",
            "__venvsh_fix_stock_prompt",
            "__venvsh_gone",
            "__venvsh_hook",
            "__venvsh_names",
            "__venvsh_op",
            "__venvsh_out",
            "__venvsh_pct",
            "__venvsh_prompt_name",
            "__venvsh_prompt_off",
            "__venvsh_prompt_on",
            "__venvsh_ps1_prefix",
            "__venvsh_pwd",
            "__venvsh_rc",
            "__venvsh_record",
            "__venvsh_s",
            "__venvsh_st",
            "__venvsh_subst",
            "__venvsh_ui",
            "__venvsh_ve",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "PROMPT",
            "RPROMPT",
            "PS1",
            "PS2",
            "PS3",
            "PS4",
            "IFS",
            "PPID",
            "UID",
            "EUID",
            "GID",
            "EGID",
            "USERNAME",
            "FPATH",
            "CDPATH",
            "MANPATH",
            "MODULE_PATH",
            "MAILPATH",
            "STATUS",
            "PIPESTATUS",
            "PSVAR",
            "FIGNORE",
            "HOME",
            "PWD",
            "OLDPWD",
            "ARGC",
            "LINENO",
            "HISTCMD",
            "TTYIDLE",
            "ERRNO",
            "ZDOTDIR",
            "RANDOM",
            "SECONDS",
        ]
    }
    /// Its specials in any case, its special parameters as written (`zshparam(1)`, the
    /// zsh/parameter module: an `export` cannot change them, and trying stops the rest of
    /// its code), its own `ZSH_` names, and its arrays tied to variables (`path`, …).
    fn keeps(&self, name: &str) -> bool {
        // As written: zsh's special parameters (zshparam(1), the zsh/parameter module), which
        // an `export` cannot change and which stop the rest of its code.
        const ZSH: &[&str] = &[
            "argv",
            "options",
            "parameters",
            "commands",
            "functions",
            "dis_functions",
            "builtins",
            "dis_builtins",
            "aliases",
            "dis_aliases",
            "galiases",
            "dis_galiases",
            "saliases",
            "dis_saliases",
            "modules",
            "dirstack",
            "history",
            "historywords",
            "jobdirs",
            "jobstates",
            "jobtexts",
            "nameddirs",
            "userdirs",
            "usergroups",
            "reswords",
            "dis_reswords",
            "patchars",
            "dis_patchars",
            "funcstack",
            "functrace",
            "funcfiletrace",
            "funcsourcetrace",
            "widgets",
            "keymaps",
            "terminfo",
            "termcap",
            "errnos",
            "sysparams",
            "signals",
            "match",
            "mbegin",
            "mend",
        ];
        ZSH.contains(&name)
            || name.to_ascii_uppercase().starts_with("ZSH_")
            || self
                .own_names()
                .iter()
                .chain(self.specials())
                .chain(&["PATH"])
                .any(|n| n.eq_ignore_ascii_case(name))
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("sh")
    }
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
    /// $ZDOTDIR/.zshrc (~/.zshrc before: `--undo` looks there too). Where install.sh put
    /// the completion function in a folder zsh does not know, the block adds it.
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        let functions = at.data().join("zsh/site-functions");
        let mut lines = vec![line.to_string()];
        if at.exists(&functions.join("_venvsh")) {
            let dir =
                String::from_utf8_lossy(&quote(crate::paths::path_bytes(&functions))).into_owned();
            lines.insert(0, format!("fpath=({dir} $fpath)"));
            // compinit may have run already (oh-my-zsh, prezto): register it then.
            lines.push("if (( $+functions[compdef] )); then autoload -Uz _venvsh && compdef _venvsh venvsh; fi".into());
        }
        Some(Startup {
            blocks: vec![Block::new(zdotdir(at).join(".zshrc"), lines)],
            others: vec![at.home().join(".zshrc")],
        })
    }
    fn completions(&self, clap: Vec<u8>) -> Vec<u8> {
        let text = String::from_utf8(clap).expect("clap writes UTF-8");
        text.replace(
            "a venv name in the venv home:_default'",
            "a venv name in the venv home:_venvsh_targets'",
        )
        .replace(
            "a venv name in the venv home]:PATH|NAME:_default'",
            "a venv name in the venv home]:PATH|NAME:_venvsh_targets'",
        )
        .replacen("\n\n", &format!("\n\n{COMPLETE_NAMES}\n"), 1)
        .into_bytes()
    }
}

const COMPLETE_NAMES: &str = r#"# venvsh: venv names from the venv home where a venv is asked for, and files.
_venvsh_targets() {
    local -a __venvsh_names
    __venvsh_names=(${(f)"$(venvsh list --names 2>/dev/null)"})
    _alternative 'venvs:venv in the venv home:compadd -a __venvsh_names' 'files:file:_files'
}
"#;

/// zsh's ZDOTDIR: this process's, else the one ~/.zshenv sets (a zsh started from
/// another shell reads it first, then $ZDOTDIR/.zshrc), asked of zsh itself (only when
/// ~/.zshenv mentions it); else HOME.
fn zdotdir(at: &dyn Ask) -> PathBuf {
    const MARK: &str = "<venvsh-zdotdir>";
    let absolute = |p: PathBuf| Some(p).filter(|p| p.is_absolute());
    if let Some(d) = at.var("ZDOTDIR").map(PathBuf::from).and_then(absolute) {
        return d;
    }
    let sets_it = at
        .read(&at.home().join(".zshenv"))
        .is_some_and(|t| t.windows(7).any(|w| w == b"ZDOTDIR"));
    if sets_it
        && let Some(out) = at.output("zsh", &["-c", &format!("print -rn -- \"{MARK}${{ZDOTDIR-}}\"")])
        // What ~/.zshenv itself prints comes before the marker.
        && let Some(end) = out.windows(MARK.len()).rposition(|w| w == MARK.as_bytes())
        && let Some(d) = absolute(PathBuf::from(crate::paths::os_from_bytes(
            &out[end + MARK.len()..],
        )))
    {
        return d;
    }
    at.home().to_path_buf()
}

const ZSH: Spelling = Spelling {
    script: include_str!("../../shell/venvsh.zsh"),
    remove_deactivate:
        b"if (( ${+functions[deactivate]} )); then \\builtin unfunction deactivate; fi",
    rehash: b"\\builtin rehash",
    watch: |paths| {
        [
            &b"__venvsh_define_hook "[..],
            &quote(&watch_tests(paths, b" && ", quote, test_still)),
        ]
        .concat()
    },
};
