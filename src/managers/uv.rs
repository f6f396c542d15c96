//! uv: `UV_PROJECT_ENVIRONMENT`, when set, is the project's environment, an absolute
//! path or one relative to the workspace root, with no `~` (uv-workspace's
//! `environment_selection`). In a workspace member the relative path names nothing, so
//! the walk goes on up to the root, where it does.

use super::{Ctx, Project, venv_at};
use std::path::{Path, PathBuf};

/// Whether uv, in the project at `root`, would use another environment than `venv`: the
/// project is uv's (a `uv.lock`, or `[tool.uv]` in its pyproject.toml) and its
/// environment for uv (`UV_PROJECT_ENVIRONMENT`, else `.venv`) is not `venv`. Then
/// activating `venv` points uv at it, or `uv sync` and `uv run` would warn that they
/// ignore it and make a second one (uv PR #6864).
pub fn uv_would_miss(root: &Path, venv: &Path) -> bool {
    let pyproject = root.join("pyproject.toml");
    let uv = root.join("uv.lock").is_file()
        || std::fs::read(&pyproject)
            .is_ok_and(|t| t.windows(9).any(|w| w == b"[tool.uv]" || w == b"[tool.uv."));
    if !uv {
        return false;
    }
    let own = match Ctx::here().var("UV_PROJECT_ENVIRONMENT") {
        Some(v) => crate::util::join_clean(root, Path::new(&v)),
        None => root.join(".venv"),
    };
    own != venv
}

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pyproject() {
        return None;
    }
    let value = PathBuf::from(ctx.var("UV_PROJECT_ENVIRONMENT")?);
    venv_at(if value.is_absolute() {
        value
    } else {
        crate::util::join_clean(p.root, &value)
    })
}
