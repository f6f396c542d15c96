//! Pipenv, for a project with a `Pipfile`. Its environment is `WORKON_HOME/<name>`
//! (pipenv/utils/venv_locator.py, `VenvLocator`):
//! - `WORKON_HOME`, else `%USERPROFILE%\.virtualenvs` on Windows, else
//!   `$XDG_DATA_HOME/virtualenvs` (`~/.local/share/virtualenvs`); a leading `~` expanded;
//! - name: `PIPENV_CUSTOM_VENV_NAME` when set; else the Pipfile's folder name with each of
//!   `` &$`!*@"()[]\`` and space, CR, LF, tab as `_`, cut at 42 characters, a `-`, and
//!   sha256 of the Pipfile's path (its folder's real path, as Pipenv walks up with
//!   `resolve()`, plus `/Pipfile`) in URL-safe base64, 8 characters; then, when
//!   `PIPENV_PYTHON` is set, `-` and its file name when it is a path, else its value.
//!
//! `PIPENV_VENV_IN_PROJECT` and a `.venv` file are venvsh's own in-project rules, found
//! before this. The Pipfile is read only to say when it is broken.

use super::{Ctx, Os, Project, hash8, path_text, read_toml};
use std::path::{Path, PathBuf};

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pipfile() {
        return None;
    }
    if let Err(e) = read_toml(&p.root.join("Pipfile")) {
        return Some(Err(e));
    }
    let home = match ctx.var("WORKON_HOME") {
        Some(w) => ctx.expand_user(Path::new(&ctx.expand_vars(&w.to_string_lossy()))),
        None if ctx.os == Os::Windows => ctx.home.as_ref()?.join(".virtualenvs"),
        None => ctx
            .xdg("XDG_DATA_HOME", ".local/share")?
            .join("virtualenvs"),
    };
    let name = match ctx.var("PIPENV_CUSTOM_VENV_NAME") {
        Some(n) => n.to_string_lossy().into_owned(),
        None => {
            let real = p.real()?;
            let mut name = env_name(real, &real.join("Pipfile"));
            // An absolute PIPENV_PYTHON adds its file name; another value, itself.
            if let Some(python) = ctx.var("PIPENV_PYTHON") {
                let python = PathBuf::from(python);
                let suffix = match python.file_name() {
                    Some(file) if python.is_absolute() => file.to_os_string(),
                    _ => python.into_os_string(),
                };
                name.push('-');
                name.push_str(&suffix.to_string_lossy());
            }
            name
        }
    };
    Some(Ok(home.join(name)))
}

/// `<clean folder name>-<hash of the Pipfile's path>`.
pub(super) fn env_name(folder: &Path, pipfile: &Path) -> String {
    let clean: String = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if " &$`!*@\"()[]\\\r\n\t".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(42)
        .collect();
    format!("{clean}-{}", hash8(&path_text(pipfile)))
}
