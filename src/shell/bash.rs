//! bash, whose quoting and code zsh shares (zsh.rs says where zsh differs).

use super::parts::{preamble, stock_sets, test_still, ui_value, watch_tests, with_exe};
use super::startup::{Ask, Block, Startup, read_first};
use super::{Dialect, EVAL_MARK, Setup};
use crate::paths::os_bytes;
use crate::plan::{Op, Seen};
use std::path::{Path, PathBuf};

pub struct Bash;

impl Dialect for Bash {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("eval \"$({cmd} --shell bash)\""))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_bin",
            "__venvsh_cmd",
            "__venvsh_define_deactivate",
            "__venvsh_eval",
            "__venvsh_export",
            "__venvsh_fix_stock_prompt",
            "__venvsh_gone",
            "__venvsh_hook",
            "__venvsh_n",
            "__venvsh_op",
            "__venvsh_out",
            "__venvsh_prompt_name",
            "__venvsh_prompt_off",
            "__venvsh_prompt_on",
            "__venvsh_ps1_prefix",
            "__venvsh_pwd",
            "__venvsh_rc",
            "__venvsh_record",
            "__venvsh_s",
            "__venvsh_same",
            "__venvsh_st",
            "__venvsh_ui",
            "__venvsh_ve",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "PROMPT_COMMAND",
            "PS0",
            "PS1",
            "PS2",
            "PS3",
            "PS4",
            "IFS",
            "PPID",
            "UID",
            "EUID",
            "SHELLOPTS",
            "BASHOPTS",
            "CDPATH",
            "MAILPATH",
            "PIPESTATUS",
            "HOME",
            "PWD",
            "OLDPWD",
            "LINENO",
            "HISTCMD",
            "BASH_ENV",
            "ENV",
            "GLOBIGNORE",
            "FUNCNAME",
            "GROUPS",
            "RANDOM",
            "SECONDS",
        ]
    }
    /// Its specials and its own `BASH_` names, in any case.
    fn keeps(&self, name: &str) -> bool {
        name.to_ascii_uppercase().starts_with("BASH_")
            || self
                .own_names()
                .iter()
                .chain(self.specials())
                .any(|n| n.eq_ignore_ascii_case(name))
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("sh")
    }
    /// pixi's activation scripts for bash may be `.bash` too (pixi's docs).
    fn runs_ext(&self, ext: &str) -> bool {
        matches!(ext, "sh" | "bash")
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "eval \"$(venvsh hook bash)\"",
            file: "~/.bashrc",
        }
    }
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        with_exe(BASH.script, exe, quote)
    }
    fn render(&self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        render(&BASH, ops, exe, standalone)
    }
    /// ~/.bashrc; and a login bash (macOS's Terminal starts login shells) reads a file of
    /// its own instead: ~/.bash_profile, else ~/.bash_login when only that one exists.
    /// That one gets the block too when it is there, or when bash is the login shell and
    /// there is none (not even a ~/.profile, which sh reads too and Debian's sources
    /// ~/.bashrc from: left alone).
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        let home = at.home();
        let mut st = Startup::one(home.join(".bashrc"), line);
        let login = read_first(at, home.join(".bash_profile"), home.join(".bash_login"));
        if at.exists(&login)
            || (at.login() == Some(super::Shell::Bash) && !at.exists(&home.join(".profile")))
        {
            // A login bash need not be interactive (`bash -lc`, an IDE's probe).
            let line = format!("case $- in *i*) {line} ;; esac");
            st.blocks.push(Block::new(login, vec![line]));
        }
        st.others = vec![home.join(".bash_profile"), home.join(".bash_login")];
        Some(st)
    }
    fn completions(&self, mut clap: Vec<u8>) -> Vec<u8> {
        clap.extend_from_slice(COMPLETE_NAMES.as_bytes());
        clap
    }
}

const COMPLETE_NAMES: &str = r#"
# venvsh: venv names from the venv home where a venv is asked for.
_venvsh_names() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} name
    _venvsh "$@"
    case "${COMP_WORDS[1]-}" in
        activate | remove) [[ $cur != -* && $prev != --shell && $COMP_CWORD -ge 2 ]] || return 0 ;;
        run) [[ $prev == --venv ]] || return 0 ;;
        *) return 0 ;;
    esac
    COMPREPLY=()
    while IFS= read -r name; do
        [[ $name == "$cur"* ]] && COMPREPLY+=("$name")
    done < <(venvsh list --names 2>/dev/null; compgen -d -- "$cur")
    return 0
}
complete -F _venvsh_names -o bashdefault -o default venvsh
"#;

/// How bash spells what zsh spells otherwise.
pub(super) struct Spelling {
    pub script: &'static str,
    pub remove_deactivate: &'static [u8],
    pub rehash: &'static [u8],
    /// Writes `Op::Watch`.
    pub watch: fn(&[(PathBuf, Seen)]) -> Vec<u8>,
}

const BASH: Spelling = Spelling {
    script: include_str!("../../shell/venvsh.bash"),
    remove_deactivate: b"\\builtin unset -f deactivate",
    rehash: b"\\builtin hash -r",
    // One `[[ ]]` with the paths as literals: cheaper at an idle prompt than a loop
    // over an array.
    watch: |paths| {
        if paths.is_empty() {
            return b"__venvsh_same() { :; }".to_vec();
        }
        [
            &b"__venvsh_same() { [[ "[..],
            &watch_tests(paths, b" && ", quote, test_still),
            b" ]]; }",
        ]
        .concat()
    },
};

/// Single-quotes any bytes (NUL aside) for bash and zsh: inside `'…'` nothing is special
/// but `'` itself, written as `'\''`.
pub fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(b'\'');
    for &c in b {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

pub(super) fn render(sp: &Spelling, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = preamble(EVAL_MARK, sp.script, exe, quote, standalone);
    for op in ops {
        match op {
            // A plain `export` (shellcheck reads `builtin export` as no export) and `.`
            // (`builtin .` here made bash 5.2 say "pop_var_context: head of
            // shell_variables not a function context" and exit, in conda::strict);
            // `\builtin` for the rest: a function of the user's named `unset` or `hash`
            // never stands in (issue 34 §6).
            Op::Set(name, v) => {
                out.extend_from_slice(b"export ");
                out.extend_from_slice(name.as_bytes());
                out.push(b'=');
                out.extend_from_slice(&quote(os_bytes(v)));
            }
            // `-v`: never a function of that name, when the variable is gone already.
            Op::Unset(name) => {
                out.extend_from_slice(b"\\builtin unset -v ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::PromptOn(name) => {
                out.extend_from_slice(b"__venvsh_prompt_on ");
                out.extend_from_slice(&quote(name));
            }
            Op::PromptOff => out.extend_from_slice(b"__venvsh_prompt_off"),
            Op::DefineDeactivate => out.extend_from_slice(b"__venvsh_define_deactivate"),
            Op::RemoveDeactivate => out.extend_from_slice(sp.remove_deactivate),
            Op::Rehash => out.extend_from_slice(sp.rehash),
            Op::SetUpHere(v) => {
                out.extend_from_slice(b"__venvsh_ui=");
                out.extend_from_slice(ui_value(v).as_bytes());
            }
            Op::FixStockSaved { path, pythonhome } => {
                out.extend_from_slice(&stock_sets(
                    [
                        ("_OLD_VIRTUAL_PATH=", path),
                        ("_OLD_VIRTUAL_PYTHONHOME=", pythonhome),
                    ],
                    quote,
                    b"if [[ -n ${_OLD_VIRTUAL_PATH+x} ]]; then ",
                    b"; fi\n",
                ));
                out.extend_from_slice(b"__venvsh_fix_stock_prompt");
            }
            Op::Watch(paths) => out.extend_from_slice(&(sp.watch)(paths)),
            // Only while it is still a file (a prefix may lose a package meanwhile), and
            // never stopping the rest: `||` keeps `set -e` from ending the shell there.
            Op::Source(p) => {
                let p = quote(crate::paths::path_bytes(p));
                out.extend_from_slice(b"if [[ -f ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b" ]]; then . ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b" || :; fi");
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
    fn quotes_every_byte() {
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
        assert_eq!(quote(b"$(x)\n`y`"), b"'$(x)\n`y`'");
    }
}
