//! uv: `UV_PROJECT_ENVIRONMENT`, when set, is the project's environment, an absolute
//! path or one relative to the workspace root, with no `~` (uv-workspace's
//! `environment_selection`). In a workspace member the relative path names nothing, so
//! the walk goes on up to the root, where it does.

use super::{Ctx, Project};
use std::path::{Path, PathBuf};

/// Whether uv, in the folder `cwd` of the project whose venv `venv` was found at `root`
/// (`cwd` or above; a `cwd` outside it counts as `root`), would use another environment than `venv`. uv's project is the
/// nearest folder from `cwd` up to `root` with a `pyproject.toml` or a `uv.lock`, and it
/// is uv's when it has a `uv.lock` or `[tool.uv]`; its environment for uv is
/// `UV_PROJECT_ENVIRONMENT` (the user's), else its `.venv`. Then activating `venv`
/// points uv at it, or `uv sync` and `uv run` would warn that they ignore it and make a
/// second one (uv PR #6864).
pub fn uv_would_miss(cwd: &Path, root: &Path, venv: &Path) -> bool {
    // `venvsh activate DIR` from elsewhere: from the project root.
    let from = if cwd.starts_with(root) { cwd } else { root };
    let Some(project) = from
        .ancestors()
        .take_while(|d| d.starts_with(root))
        .find(|d| d.join("pyproject.toml").is_file() || d.join("uv.lock").is_file())
    else {
        return false;
    };
    let uv = project.join("uv.lock").is_file()
        || std::fs::read(project.join("pyproject.toml"))
            .is_ok_and(|t| t.windows(9).any(|w| w == b"[tool.uv]" || w == b"[tool.uv."));
    if !uv {
        return false;
    }
    let own = match Ctx::here().var("UV_PROJECT_ENVIRONMENT") {
        Some(v) => crate::util::join_clean(project, Path::new(&v)),
        None => project.join(".venv"),
    };
    own != venv
}

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pyproject() {
        return None;
    }
    let value = PathBuf::from(ctx.var("UV_PROJECT_ENVIRONMENT")?);
    Some(Ok(if value.is_absolute() {
        value
    } else {
        crate::util::join_clean(p.root, &value)
    }))
}
