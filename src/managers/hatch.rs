//! Hatch, for a project with a `[tool.hatch…]` table or a `hatch.toml`: its `default`
//! environment (hatch/env/virtual.py, `VirtualEnvironment.__init__`), the first of
//! - `HATCH_ENV_TYPE_VIRTUAL_PATH`, else the environment's `path` option (`hatch.toml`'s
//!   `[envs]` replaces `[tool.hatch.envs]` whole): absolute as it is, else from the root;
//! - `<env dir>/<name>` when the env dir is `~/.virtualenvs` or inside the project;
//! - `<env dir>/<name>/<id>/<name>`: name the project's in PEP 503 form (the folder's when
//!   `[project]` has none), id sha256 of the project folder's path (case-folded on macOS
//!   and Windows) in URL-safe base64, 8 characters (hatch/utils/fs.py, `Path.id`).
//!
//! The env dir: `[dirs.env] virtual` in Hatch's config (from the root when relative), else
//! `<data dir>/env/virtual`; the data dir `HATCH_DATA_DIR`, else `dirs.data` in the
//! config, else platformdirs' `user_data_dir("hatch")`. The config: `HATCH_CONFIG`, else
//! `config.toml` in `user_config_dir("hatch")`. Variables and `~` in both are expanded.
//!
//! Where Hatch decides by code venvsh does not run, venvsh finds nothing rather than
//! guess: an environment plugin (`type` other than `virtual`, env collectors), a matrix
//! or overrides on `default`, a `template` other than itself, a `mode` other than
//! `local`, or `HATCH_PROJECT`.

use super::{Ctx, Dir, Os, Project, canonical_name, hash8, lookup, lookup_str, read_toml};
use crate::paths::join_clean;
use std::path::{Path, PathBuf};

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    let hatch_toml = p.root.join("hatch.toml");
    if !p.mentions("hatch") && !hatch_toml.is_file() {
        return None;
    }
    let result = (|| {
        let pyproject = match p.has_pyproject() {
            true => Some(p.pyproject().map_err(str::to_string)?),
            false => None,
        };
        let own = read_toml(&hatch_toml)?;
        let config_file = match ctx.var("HATCH_CONFIG") {
            Some(c) => Some(PathBuf::from(c)),
            None => ctx
                .user_dir(Dir::Config, "hatch")
                .map(|d| d.join("config.toml")),
        };
        let config = match &config_file {
            Some(f) => read_toml(f)?,
            None => None,
        };
        Ok(default_env(
            p,
            ctx,
            pyproject,
            own.as_ref(),
            config.as_ref(),
        ))
    })();
    match result {
        Ok(path) => Some(Ok(path?)),
        Err(e) => Some(Err(e)),
    }
}

fn default_env(
    p: &Project,
    ctx: &Ctx,
    pyproject: Option<&toml::Table>,
    own: Option<&toml::Table>,
    config: Option<&toml::Table>,
) -> Option<PathBuf> {
    if ctx.var("HATCH_PROJECT").is_some()
        || config
            .and_then(|c| lookup_str(c, &["mode"]))
            .is_some_and(|m| m != "local")
    {
        return None;
    }
    let hatch = pyproject.and_then(|t| lookup(t, &["tool", "hatch"])?.as_table());
    // hatch.toml's top-level keys replace those of [tool.hatch] (a shallow update).
    let section = |key: &str| {
        own.and_then(|t| t.get(key))
            .or_else(|| hatch.and_then(|t| t.get(key)))
    };
    if section("env").and_then(|e| e.get("collectors")).is_some() {
        return None;
    }
    let default = section("envs").and_then(|e| e.get("default"));
    let option = |key: &str| default.and_then(|d| d.get(key));
    if option("type").is_some_and(|t| t.as_str() != Some("virtual"))
        || option("matrix").is_some()
        || option("overrides").is_some()
        || option("template").is_some_and(|t| t.as_str() != Some("default"))
    {
        return None;
    }
    let root = p.real()?;
    let chosen = ctx
        .var("HATCH_ENV_TYPE_VIRTUAL_PATH")
        .map(PathBuf::from)
        .or_else(|| option("path").and_then(|v| v.as_str()).map(PathBuf::from));
    if let Some(path) = chosen {
        return Some(join_clean(root, &path));
    }
    let name = canonical_name(
        pyproject
            .and_then(|t| lookup_str(t, &["project", "name"]))
            .map(str::to_string)
            .unwrap_or_else(|| {
                root.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .as_str(),
    );
    let expand = |s: &str| ctx.expand_user(Path::new(&ctx.expand_vars(s)));
    let data = match ctx.var("HATCH_DATA_DIR") {
        Some(d) => expand(&d.to_string_lossy()),
        None => match config.and_then(|c| lookup_str(c, &["dirs", "data"])) {
            Some(d) => expand(d),
            None => ctx.user_dir(Dir::Data, "hatch")?,
        },
    };
    let envs = match config.and_then(|c| lookup_str(c, &["dirs", "env", "virtual"])) {
        Some(v) => join_clean(root, &expand(v)),
        None => data.join("env").join("virtual"),
    };
    let flat = ctx
        .home
        .as_ref()
        .is_some_and(|h| envs == h.join(".virtualenvs"))
        || (envs != root && crate::paths::starts_with(&envs, root));
    Some(if flat {
        envs.join(&name)
    } else {
        envs.join(&name).join(project_id(root, ctx.os)).join(&name)
    })
}

/// Hatch's `Path.id`: the project folder's path, case-folded where the file system
/// ignores case, hashed.
pub(super) fn project_id(root: &Path, os: Os) -> String {
    let text = root.to_string_lossy();
    let text = match os {
        Os::Mac | Os::Windows => text.to_lowercase(),
        Os::Xdg => text.into_owned(),
    };
    hash8(text.as_bytes())
}
