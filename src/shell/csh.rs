//! tcsh and csh. No functions, so the pieces are aliases; `eval "`venvsh …`"` runs the
//! output as one line, so commands are joined with `;`; and tcsh expands `!` even inside
//! single quotes, and reads `\` there differently under `backslash_quote`. So every value
//! is written as single-quoted runs with `!`, `\` and `'` escaped outside the quotes,
//! which reads the same under every option.

use super::parts::{library, ui_value, watch_tests, with_exe};
use super::startup::{Ask, Startup, read_first};
use super::{Dialect, Setup};
use crate::paths::os_bytes;
use crate::plan::{Op, Seen};
use std::path::Path;

const SCRIPT: &str = include_str!("../../shell/venvsh.tcsh");

pub struct Tcsh;

impl Dialect for Tcsh {
    fn eval_line(&self, cmd: &str) -> Option<String> {
        Some(format!("eval \"`{cmd} --shell tcsh`\""))
    }
    fn own_names(&self) -> &'static [&'static str] {
        &[
            "__venvsh_a",
            "__venvsh_bin",
            "__venvsh_bsd",
            "__venvsh_call",
            "__venvsh_chg",
            "__venvsh_eval",
            "__venvsh_export",
            "__venvsh_gone",
            "__venvsh_hook",
            "__venvsh_o",
            "__venvsh_old",
            "__venvsh_op",
            "__venvsh_pp",
            "__venvsh_prompt_mark",
            "__venvsh_prompt_off",
            "__venvsh_prompt_on",
            "__venvsh_prompt_unmark",
            "__venvsh_pwd",
            "__venvsh_record",
            "__venvsh_rest",
            "__venvsh_rs",
            "__venvsh_run_export",
            "__venvsh_s",
            "__venvsh_same",
            "__venvsh_st",
            "__venvsh_ui",
            "__venvsh_user_precmd",
            "__venvsh_ve",
            "__venvsh_x",
        ]
    }
    fn specials(&self) -> &'static [&'static str] {
        &[
            "prompt", "precmd", "cwdcmd", "path", "home", "cwd", "shell", "status", "user", "uid",
            "gid",
        ]
    }
    fn script_ext(&self) -> Option<&'static str> {
        Some("csh")
    }
    fn setup(&self) -> Setup {
        Setup::Line {
            line: "eval \"`venvsh hook tcsh`\"",
            file: "~/.tcshrc",
        }
    }
    fn can_hold(&self, b: &[u8]) -> bool {
        can_hold(b)
    }
    fn cannot_hold(&self) -> &'static str {
        "a newline (or a carriage return)"
    }
    /// The script's lines, comments dropped, joined with `;` into the one line `eval`
    /// will run; `alias NAME BODY` lines get BODY quoted.
    fn quote(&self, b: &[u8]) -> Vec<u8> {
        quote(b)
    }
    fn hook(&self, exe: &Path) -> Vec<u8> {
        one_line(SCRIPT, exe)
    }
    fn render(&self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        render(ops, exe, standalone)
    }
    /// tcsh reads ~/.tcshrc, and ~/.cshrc only when there is none (FreeBSD's default
    /// account has only ~/.cshrc).
    fn startup(&self, at: &dyn Ask, line: &str, _exe: &Path) -> Option<Startup> {
        let (tcshrc, cshrc) = (at.home().join(".tcshrc"), at.home().join(".cshrc"));
        let mut st = Startup::one(read_first(at, tcshrc.clone(), cshrc.clone()), line);
        st.others = vec![tcshrc, cshrc];
        Some(st)
    }
    /// The line is ``eval "`…`"``: inside those double quotes tcsh expands `$`, and a `"`
    /// or a backquote would end them.
    fn cannot_load(&self, exe: &[u8]) -> Option<String> {
        exe.iter().any(|b| matches!(b, b'"' | b'\n' | b'$' | b'`')).then(|| {
            format!(
                "cannot set up tcsh: venvsh's path {} holds a '$', '\"', '`' or a newline, which tcsh's line cannot quote; move venvsh",
                crate::show::show_bytes(exe)
            )
        })
    }
}

/// First words of code meant for `eval`: a no-op builtin, since a `#` would comment out
/// the rest of the one line tcsh makes of it.
pub const EVAL_MARK: &str = ": venvsh eval ;";

/// Whether tcsh can hold these bytes in a variable: not a newline (behaviour.md §11).
fn can_hold(b: &[u8]) -> bool {
    !b.contains(&b'\n') && !b.contains(&b'\r')
}

pub fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 2);
    let mut open = false;
    for &c in b {
        if matches!(c, b'\'' | b'\\' | b'!') {
            if open {
                out.push(b'\'');
                open = false;
            }
            out.push(b'\\');
            out.push(c);
        } else {
            if !open {
                out.push(b'\'');
                open = true;
            }
            out.push(c);
        }
    }
    if open {
        out.push(b'\'');
    } else if out.is_empty() {
        out.extend_from_slice(b"''");
    }
    out
}

fn one_line(script: &str, exe: &Path) -> Vec<u8> {
    let text = with_exe(script, exe, quote);
    let mut out = Vec::with_capacity(text.len() * 2);
    for line in text.split(|c| *c == b'\n') {
        let line = line.trim_ascii();
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        if !out.is_empty() {
            out.extend_from_slice(b" ;\n");
        }
        match line.strip_prefix(b"alias ") {
            Some(rest) => {
                let name_end = rest.iter().position(|c| *c == b' ').unwrap_or(rest.len());
                out.extend_from_slice(b"alias ");
                out.extend_from_slice(&rest[..name_end]);
                if name_end < rest.len() {
                    out.push(b' ');
                    out.extend_from_slice(&quote(&rest[name_end + 1..]));
                }
            }
            None => out.extend_from_slice(line),
        }
    }
    out.push(b'\n');
    out
}

fn watch_body(paths: &[(std::path::PathBuf, Seen)]) -> Vec<u8> {
    // The test is for a change: what was a file is no longer one, and so on.
    let tests = watch_tests(paths, b" || ", quote, |seen, p| {
        let test: &[u8] = match seen {
            Seen::File => b"! -f ",
            Seen::NotFile => b"-f ",
            Seen::Absent => b"-e ",
        };
        [test, p].concat()
    });
    [b"if ( ".as_slice(), &tests, b" ) set __venvsh_chg = 1"].concat()
}

fn render(ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(EVAL_MARK.as_bytes());
    out.push(b'\n');
    if standalone {
        out.extend_from_slice(&hook_library(exe));
    }
    for op in ops {
        match op {
            Op::Set(name, v) => {
                out.extend_from_slice(b"setenv ");
                out.extend_from_slice(name.as_bytes());
                out.push(b' ');
                out.extend_from_slice(&quote(os_bytes(v)));
            }
            Op::Unset(name) => {
                out.extend_from_slice(b"unsetenv ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::PromptOn(name) => {
                let mut shown = b"(".to_vec();
                shown.extend_from_slice(name);
                shown.extend_from_slice(b") ");
                out.extend_from_slice(b"set __venvsh_pp = ");
                out.extend_from_slice(&quote(&shown));
                out.extend_from_slice(b" ;\neval __venvsh_prompt_on");
            }
            Op::PromptOff => out.extend_from_slice(b"eval __venvsh_prompt_off"),
            Op::DefineDeactivate => {
                out.extend_from_slice(b"alias deactivate ");
                out.extend_from_slice(&quote(b"__venvsh_eval deactivate !*"));
            }
            Op::RemoveDeactivate => out.extend_from_slice(b"unalias deactivate"),
            // tcsh rehashes by itself when PATH changes; a second `rehash` would scan
            // every PATH folder again (most of what stock activate.csh costs).
            Op::Rehash => continue,
            Op::SetUpHere(v) => {
                out.extend_from_slice(b"set __venvsh_ui = ");
                out.extend_from_slice(&quote(ui_value(v).as_bytes()));
            }
            // activate.csh leaves PYTHONHOME alone, so only its saved PATH needs
            // fixing; venvsh's prompt shows nothing once it is off, inside the stock
            // prompt or not.
            Op::FixStockSaved { path: None, .. } => out.push(b':'),
            Op::FixStockSaved {
                path: Some(path), ..
            } => {
                out.extend_from_slice(b"if ( $?_OLD_VIRTUAL_PATH ) set _OLD_VIRTUAL_PATH = ");
                out.extend_from_slice(&quote(os_bytes(path)));
            }
            Op::Watch(paths) if paths.is_empty() => out.extend_from_slice(b"alias __venvsh_same :"),
            Op::Watch(paths) => {
                out.extend_from_slice(b"alias __venvsh_same ");
                out.extend_from_slice(&quote(&watch_body(paths)));
            }
            Op::Source(p) => {
                let p = quote(crate::paths::path_bytes(p));
                out.extend_from_slice(b"if ( -f ");
                out.extend_from_slice(&p);
                out.extend_from_slice(b" ) source ");
                out.extend_from_slice(&p);
            }
        }
        out.extend_from_slice(b" ;\n");
    }
    out.extend_from_slice(b":\n");
    out
}

/// The helper aliases alone, for output eval'd where no hook is loaded.
fn hook_library(exe: &Path) -> Vec<u8> {
    let mut lib = one_line(library(SCRIPT), exe);
    lib.pop();
    lib.extend_from_slice(b" ;\n");
    lib
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_history_and_backslash_outside_single_quotes() {
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"a b"), b"'a b'");
        assert_eq!(quote(b"a!b"), b"'a'\\!'b'");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
        assert_eq!(quote(b"\\"), b"\\\\");
        assert_eq!(quote(b"$HOME`x`"), b"'$HOME`x`'");
    }

    #[test]
    fn hook_is_one_line_of_commands() {
        let h = Tcsh.hook(Path::new("/x/venvsh"));
        let s = String::from_utf8(h).unwrap();
        assert!(!s.contains("\n#") && !s.starts_with('#'));
        assert!(
            s.lines()
                .all(|l| l.ends_with(" ;") || l == s.lines().last().unwrap())
        );
    }
}
