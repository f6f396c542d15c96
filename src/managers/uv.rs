//! uv: `UV_PROJECT_ENVIRONMENT`, when set, is the project's environment, an absolute
//! path or one relative to the workspace root, with no `~` (uv-workspace's
//! `environment_selection`). In a workspace member the relative path names nothing, so
//! the walk goes on up to the root, where it does.

use super::{Ctx, Project};
use std::path::{Path, PathBuf};

/// Whether uv, in its `project` folder (the nearest with a `pyproject.toml`; see
/// `project`), would use another environment than `venv`: the project is uv's (a
/// `uv.lock`, or `[tool.uv]` in its pyproject.toml) and its environment for uv
/// (`UV_PROJECT_ENVIRONMENT`, the user's, else its `.venv`) is not `venv`. Then
/// activating `venv` points uv at it, or `uv sync` and `uv run` would warn that they
/// ignore it and make a second one (uv PR #6864). A `stat`, and a read of the
/// pyproject.toml when there is no `uv.lock`.
pub fn uv_would_miss(project: &Path, venv: &Path, ctx: &Ctx) -> bool {
    let uv = project.join("uv.lock").is_file()
        || crate::bounded::read(
            &project.join("pyproject.toml"),
            crate::bounded::cap::PROJECT_FILE,
        )
        .is_ok_and(|t| t.windows(9).any(|w| w == b"[tool.uv]" || w == b"[tool.uv."));
    if !uv {
        return false;
    }
    let own = match ctx.var("UV_PROJECT_ENVIRONMENT") {
        Some(v) => crate::paths::join_clean(project, Path::new(&v)),
        None => project.join(".venv"),
    };
    own != venv
}

/// uv's project for the folder `cwd` of the project at `root`: the nearest folder from
/// `cwd` up to `root` with a `pyproject.toml`, else `root` (also for a `cwd` outside it:
/// `venvsh activate DIR` from elsewhere).
pub fn project(cwd: &Path, root: &Path) -> PathBuf {
    let from = if cwd.starts_with(root) { cwd } else { root };
    from.ancestors()
        .take_while(|d| d.starts_with(root))
        .find(|d| d.join("pyproject.toml").is_file())
        .unwrap_or(root)
        .to_path_buf()
}

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pyproject() {
        return None;
    }
    let value = PathBuf::from(ctx.var("UV_PROJECT_ENVIRONMENT")?);
    Some(Ok(if value.is_absolute() {
        value
    } else {
        crate::paths::join_clean(p.root, &value)
    }))
}
