//! pyenv-virtualenv, for a folder whose `.python-version` names a virtualenv.
//! - pyenv reads the file's lines, the first word of each, skipping blank ones and words
//!   starting with `#` (libexec/pyenv-version-file-read); the first is the version its
//!   shims run, so only that one counts here. `system`, and a `python-` prefix, as
//!   libexec/pyenv-version-name takes them.
//! - `pyenv virtualenv 3.12.1 NAME` makes `$PYENV_ROOT/versions/3.12.1/envs/NAME` and links
//!   `versions/NAME` to it; from `system`, `versions/NAME` itself (bin/pyenv-virtualenv).
//! - `PYENV_VERSION` (`pyenv shell`) outranks the file: then the rule does not apply.
//! - `PYENV_ROOT` (an absolute path), else `~/.pyenv` (libexec/pyenv).
//!
//! A version number names a Python, not a venv: the rule does not apply there, and the
//! walk goes on.

use super::{Ctx, Project};
use std::path::PathBuf;

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    // `pyenv shell` (PYENV_VERSION) outranks every `.python-version`.
    if !p.has_python_version() || ctx.var("PYENV_VERSION").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    let file = p.root.join(".python-version");
    let text = crate::bounded::read(&file, crate::bounded::cap::LINE_FILE).ok()?;
    let name = first_version(&text)?;
    if name == "system" {
        return None;
    }
    let root = ctx
        .var("PYENV_ROOT")
        .map(PathBuf::from)
        .filter(|r| r.is_absolute())
        .or_else(|| Some(ctx.home.as_ref()?.join(".pyenv")))?;
    let versions = root.join("versions");
    // As written first; then without a `python-` prefix, as pyenv-version-name tries.
    let env = [name.as_str(), name.strip_prefix("python-").unwrap_or("")]
        .into_iter()
        .filter(|n| !n.is_empty())
        .map(|n| versions.join(n))
        .find(|v| v.exists())
        .unwrap_or_else(|| versions.join(&name));
    // An installed Python (no pyvenv.cfg) is not a venv; a name not there yet may become
    // one (`pyenv virtualenv` makes it, and the hook watches for it).
    if env.exists() && !env.join("pyvenv.cfg").exists() {
        return None;
    }
    Some(Ok(env))
}

/// The first version a `.python-version` names, as pyenv reads it: the first word of
/// each line, blank lines, `#` words, and words holding a `/` or that are `..` skipped
/// (libexec/pyenv-version-file-read; the last two since CVE-2022-35861).
fn first_version(text: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(text);
    text.lines()
        .filter_map(|l| l.split_whitespace().next())
        .find(|w| !w.starts_with('#') && !w.contains('/') && *w != "..")
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::first_version;

    #[test]
    fn the_first_word_of_the_first_line_that_has_one() {
        assert_eq!(first_version(b"myenv\n").as_deref(), Some("myenv"));
        assert_eq!(
            first_version(b"\n# a comment\n  3.12.1 extra\r\nother\n").as_deref(),
            Some("3.12.1")
        );
        assert_eq!(
            first_version(b"3.12.1/envs/api\n..\n3.11\n").as_deref(),
            Some("3.11")
        );
        assert_eq!(first_version(b"\n\n"), None);
    }
}
