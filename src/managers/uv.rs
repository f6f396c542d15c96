//! uv: `UV_PROJECT_ENVIRONMENT`, when set, is the project's environment, an absolute
//! path or one relative to the workspace root, with no `~` (uv-workspace's
//! `environment_selection`). In a workspace member the relative path names nothing, so
//! the walk goes on up to the root, where it does.

use super::{Ctx, Project, venv_at};
use std::path::PathBuf;

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
