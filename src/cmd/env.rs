//! `venvsh env [DIR] [--format sh|fish|json|dotenv|github] [--trust]`: what entering DIR would
//! set, without a hook (CI, Docker, scripts, prompt tools). The same decision the hook
//! makes (`plan::export`), from this process's environment as it would be without
//! venvsh's own venv (pinned, deactivated, the same one or another); written as variables
//! in the format asked for.

use super::{cwd, fail, say};
use crate::judge::{self, Disk, Request};
use crate::plan::Op;
use crate::shell::Shell;
use crate::state::VAR;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `export NAME='value'` and `unset NAME` lines, for `eval` in any POSIX shell
    Sh,
    /// `set -gx NAME 'value'` and `set -e NAME` lines, for fish's `source`
    Fish,
    /// One JSON object: each variable's new value, null for one to unset
    Json,
    /// `NAME=value` lines, for `docker run --env-file` and dotenv readers (without
    /// conda's and pixi's prompt strings)
    Dotenv,
    /// Appends to the files $GITHUB_ENV and $GITHUB_PATH name, for the next steps of a
    /// GitHub Actions job
    Github,
}

pub fn run(dir: Option<PathBuf>, format: Format, trust: bool) -> i32 {
    let here = cwd();
    let dir = match dir {
        Some(d) if d.is_absolute() => d,
        Some(d) => crate::paths::join_clean(&here.path, &d),
        None => here.path.clone(),
    };
    if !dir.is_dir() {
        return fail(&format!("env: {} is not a folder", crate::show::show(&dir)));
    }
    let cfg = super::config();
    let holds = Holds(format);
    let at = crate::cwd::Cwd {
        path: dir.clone(),
        physical: false,
    };
    let decided = super::with_now(&dir, &cfg, None, |now, ctx, _| {
        let mut disk = Disk::new(&at, &cfg, ctx, &holds);
        disk.trust_given = trust;
        judge::decide(Request::Env, now, &mut disk).map(|plan| (plan, disk.denied.take()))
    });
    let (plan, denied) = match decided {
        Ok(x) => x,
        Err(msg) => return fail(&format!("env: {msg}")),
    };
    for line in &plan.say {
        say(line);
    }
    if let Some(dir) = plan.scripts.first().and_then(|s| s.parent()) {
        say(&format!(
            "{} holds scripts for a shell to run on activation; venvsh env does not run them",
            crate::show::tilde(dir)
        ));
    }
    let Some(active) = &plan.state.active else {
        if let Some(root) = &denied {
            say(&format!(
                "{} is denied (venvsh deny): 'venvsh allow' there lets it be used again",
                crate::show::tilde(root)
            ));
        } else if plan.say.is_empty() {
            say(&format!("no venv in {} or above", crate::show::tilde(&dir)));
        }
        return 1;
    };
    let vars: Vec<(&str, Option<&OsStr>)> = plan
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Set(name, v) if name != VAR => Some((&**name, Some(v.as_os_str()))),
            Op::Unset(name) if name != VAR => Some((&**name, None)),
            _ => None,
        })
        .collect();
    // The venv's path and name were checked with the decision; PATH's other entries too.
    use crate::judge::target::Holds as _;
    if let Some((name, _)) = vars
        .iter()
        .find(|(_, v)| v.is_some_and(|v| !holds.can_hold(crate::paths::os_bytes(v))))
    {
        return fail(&format!(
            "env: {name} holds {}, which {} cannot write; use another --format",
            holds.cannot_hold(),
            holds.name()
        ));
    }
    match format {
        Format::Sh => super::write_stdout(&sh(&vars)),
        Format::Fish => {
            let ops: Vec<Op> = plan
                .ops
                .iter()
                .filter(|op| matches!(op, Op::Set(n, _) | Op::Unset(n) if n != VAR))
                .cloned()
                .collect();
            super::write_stdout(&Shell::Fish.render(&ops, Path::new(""), false))
        }
        Format::Json => super::write_stdout(json(&vars).as_bytes()),
        Format::Dotenv => super::write_stdout(&dotenv(&vars)),
        Format::Github => github(&vars, &active.bin),
    }
}

/// What each format can carry in a value (`target::Holds`): a venv whose path or name
/// it cannot is refused with the reason, as a shell refuses it.
struct Holds(Format);

impl crate::judge::target::Holds for Holds {
    fn can_hold(&self, b: &[u8]) -> bool {
        match self.0 {
            Format::Sh => !b.contains(&0),
            Format::Fish => Shell::Fish.can_hold(b),
            Format::Json => std::str::from_utf8(b).is_ok(),
            Format::Dotenv => dotenv_plain(b),
            Format::Github => {
                std::str::from_utf8(b).is_ok() && !b.contains(&b'\n') && !b.contains(&b'\r')
            }
        }
    }
    fn cannot_hold(&self) -> &'static str {
        match self.0 {
            Format::Sh | Format::Fish => "a NUL",
            Format::Json => "bytes that are not UTF-8",
            Format::Dotenv => {
                "what a dotenv file cannot hold as it is (a control character, a quote or a blank at its start, a blank at its end, ' #' or '${')"
            }
            Format::Github => "a newline or bytes that are not UTF-8",
        }
    }
    fn name(&self) -> &'static str {
        match self.0 {
            Format::Sh => "--format sh",
            Format::Fish => "--format fish",
            Format::Json => "--format json",
            Format::Dotenv => "--format dotenv",
            Format::Github => "--format github",
        }
    }
    fn instead(&self) -> &'static str {
        "use another --format"
    }
    /// `venvsh env` runs no activation script: what would run code is refused too.
    fn keeps(&self, name: &str) -> bool {
        crate::shell::kept_by_any(name) || crate::shell::runs_code(name)
    }
    /// conda's and pixi's prompt strings end in a blank, which a dotenv file cannot hold
    /// as it is; they are for a prompt, not for the programs such a file feeds.
    fn leaves_out(&self, name: &str) -> bool {
        self.0 == Format::Dotenv && ["CONDA_PROMPT_MODIFIER", "PIXI_PROMPT"].contains(&name)
    }
}

fn sh(vars: &[(&str, Option<&OsStr>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, v) in vars {
        match v {
            Some(v) => {
                out.extend_from_slice(format!("export {name}=").as_bytes());
                // bash's quoting is POSIX sh's: single quotes, each `'` written `'\''`.
                out.extend_from_slice(&Shell::Bash.quote_word(crate::paths::os_bytes(v)));
            }
            None => out.extend_from_slice(format!("unset {name}").as_bytes()),
        }
        out.push(b'\n');
    }
    out
}

fn json(vars: &[(&str, Option<&OsStr>)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = vars
        .iter()
        .map(|(name, v)| {
            let v = match v {
                Some(v) => serde_json::Value::String(v.to_string_lossy().into_owned()),
                None => serde_json::Value::Null,
            };
            (name.to_string(), v)
        })
        .collect();
    super::json(&map)
}

/// A value a dotenv line can hold as it is, read the same by Docker's `--env-file`
/// (everything after the first `=`, untouched: docker/cli pkg/kvfile) and by python-dotenv
/// (src/dotenv/parser.py: a leading quote opens a quoted value, ` #` starts a comment,
/// blanks at either end go, and `${…}` is expanded in every quote style). Spaces inside,
/// a `$` without a brace and backslashes pass both untouched.
fn dotenv_plain(b: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(b) else {
        return false;
    };
    let blank = |c: char| c.is_whitespace() || c.is_control();
    !s.chars().any(|c| c.is_control())
        && !s.starts_with(['\'', '"'])
        && !s.starts_with(blank)
        && !s.ends_with(blank)
        && !s.contains("${")
        && !s
            .char_indices()
            .any(|(i, c)| c == '#' && s[..i].ends_with(char::is_whitespace))
}

/// `NAME=value` lines; a variable to unset is set empty (a dotenv file cannot unset),
/// which Python takes as unset for `PYTHONHOME`.
fn dotenv(vars: &[(&str, Option<&OsStr>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, v) in vars {
        out.extend_from_slice(format!("{name}=").as_bytes());
        if let Some(v) = v {
            out.extend_from_slice(crate::paths::os_bytes(v));
        }
        out.push(b'\n');
    }
    out
}

/// GitHub Actions: each variable as a `NAME=value` line in $GITHUB_ENV (the runner sets
/// it for the steps after this one; one to unset is set empty), PATH not among them: the
/// venv's bin goes in $GITHUB_PATH, which the runner puts in front of PATH.
fn github(vars: &[(&str, Option<&OsStr>)], bin: &OsStr) -> i32 {
    let (Some(env_file), Some(path_file)) = (
        std::env::var_os("GITHUB_ENV").filter(|v| !v.is_empty()),
        std::env::var_os("GITHUB_PATH").filter(|v| !v.is_empty()),
    ) else {
        return fail(
            "env: GITHUB_ENV and GITHUB_PATH are not set: --format github runs in a GitHub Actions step",
        );
    };
    let mut env_lines = Vec::new();
    for (name, v) in vars.iter().filter(|(name, _)| *name != "PATH") {
        env_lines.extend_from_slice(format!("{name}=").as_bytes());
        if let Some(v) = v {
            env_lines.extend_from_slice(crate::paths::os_bytes(v));
        }
        env_lines.push(b'\n');
    }
    let path_line = [crate::paths::os_bytes(bin), b"\n"].concat();
    for (file, text) in [(env_file, env_lines), (path_file, path_line)] {
        let file = PathBuf::from(file);
        if let Err(e) = append(&file, &text) {
            return fail(&format!(
                "env: cannot append to {}: {}",
                crate::show::show(&file),
                crate::show::io_reason(&e)
            ));
        }
    }
    say(&format!(
        "the next steps get {} on PATH",
        crate::show::show(Path::new(bin))
    ));
    0
}

/// Appends, as the runner's other steps do to these files.
fn append(file: &Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)?;
    f.write_all(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_values_that_both_readers_take_as_they_are() {
        for ok in [
            "/p/with space/x",
            "/p/a#c",
            "/p/$HOME/x",
            "C:\\srv\\x",
            "a\"b'c",
            "/usr/bin:/bin",
        ] {
            assert!(dotenv_plain(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "'quoted'",
            "\"quoted\"",
            " lead",
            "trail ",
            "trail\u{a0}",
            "a #comment",
            "a\t#comment",
            "${HOME}/x",
            "new\nline",
            "cr\r",
        ] {
            assert!(!dotenv_plain(bad.as_bytes()), "{bad:?}");
        }
        assert!(!dotenv_plain(b"not-utf8-\xff"));
    }
}
