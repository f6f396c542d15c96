//! Poetry 2.x, for a project with a `poetry.lock` or a `[tool.poetry]` table. Its
//! environments live in `virtualenvs.path` (by default `{cache-dir}/virtualenvs`) as
//! `<name>-<hash>-py<X.Y>` (`EnvManager.generate_env_name`):
//! - name: the project's (`[project].name`, else `[tool.poetry].name`, else
//!   `non-package-mode`) in PEP 503 form, lower case, each of `` $`!*@"\`` and space, tab,
//!   CR, LF as `_`, cut at 42 characters;
//! - hash: sha256 of the project folder's real path (lower case with `\` on Windows,
//!   `normcase`), URL-safe base64, 8 characters;
//! - X.Y: the `minor` that `poetry env use` wrote for this name in `envs.toml` there.
//!   Without one Poetry asks the `python` on PATH; venvsh starts nothing, so it takes
//!   the project's only environment, or of several the newest Python's.
//!
//! Settings, each over the one before (`Config.get`): Poetry's defaults, its
//! `config.toml` (`POETRY_CONFIG_DIR`, else platformdirs' roaming config folder),
//! the project's `poetry.toml`, and `POETRY_CACHE_DIR`, `POETRY_VIRTUALENVS_PATH`,
//! `POETRY_VIRTUALENVS_CREATE`. `{cache-dir}` and a leading `~` are expanded. An
//! in-project `.venv` (`virtualenvs.in-project`) is found before any of this.

use super::{
    Ctx, Dir, Os, Project, canonical_name, hash8, lookup, lookup_str, path_text, read_toml,
};
use std::path::{Path, PathBuf};

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pyproject() || !(p.mentions("poetry") || p.root.join("poetry.lock").is_file()) {
        return None;
    }
    let result = (|| {
        let pyproject = p.pyproject().map_err(str::to_string)?;
        let settings = Settings::load(p.root, ctx)?;
        if !settings.create {
            return Ok(None);
        }
        let (Some(dir), Some(real)) = (settings.virtualenvs, p.real()) else {
            return Ok(None);
        };
        let base = env_name(&project_name(pyproject), real, ctx.os);
        let envs = read_toml(&dir.join("envs.toml"))?;
        Ok(
            match envs.as_ref().and_then(|t| lookup_str(t, &[&base, "minor"])) {
                Some(minor) => Some(dir.join(format!("{base}-py{}", minor.trim()))),
                None => newest(&dir, &base),
            },
        )
    })();
    match result {
        Ok(path) => Some(Ok(path?)),
        Err(e) => Some(Err(e)),
    }
}

/// The project's name as Poetry takes it (poetry-core's `Factory.create_poetry`).
fn project_name(pyproject: &toml::Table) -> String {
    let name = lookup_str(pyproject, &["project", "name"])
        .filter(|n| !n.is_empty())
        .or_else(|| lookup_str(pyproject, &["tool", "poetry", "name"]))
        .unwrap_or("non-package-mode");
    canonical_name(name)
}

/// `EnvManager.generate_env_name(name, cwd)`: `<name>-<hash>`, without the `-pyX.Y`.
pub(super) fn env_name(name: &str, real: &Path, os: Os) -> String {
    let sanitized: String = name
        .to_lowercase()
        .chars()
        .map(|c| {
            if " $`!*@\"\\\r\n\t".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(42)
        .collect();
    let cwd = match os {
        Os::Windows => String::from_utf8_lossy(&path_text(real))
            .to_lowercase()
            .replace('/', "\\")
            .into_bytes(),
        _ => path_text(real),
    };
    format!("{sanitized}-{}", hash8(&cwd))
}

/// Of the folders `<base>-pyX.Y` in `dir`, the newest Python's.
fn newest(dir: &Path, base: &str) -> Option<PathBuf> {
    let prefix = format!("{base}-py");
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let (major, minor) = name.strip_prefix(&prefix)?.split_once('.')?;
            Some((
                (major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?),
                name,
            ))
        })
        .max()
        .map(|(_, name)| dir.join(name))
}

struct Settings {
    create: bool,
    virtualenvs: Option<PathBuf>,
}

impl Settings {
    fn load(root: &Path, ctx: &Ctx) -> Result<Settings, String> {
        let config_dir = ctx
            .var("POETRY_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| ctx.user_dir(Dir::RoamingConfig, "pypoetry"));
        let files = [
            match config_dir {
                Some(d) => read_toml(&d.join("config.toml"))?,
                None => None,
            },
            read_toml(&root.join("poetry.toml"))?,
        ];
        // The last file that sets a key wins; then the variable.
        let setting = |keys: &[&str], var: &str| -> Option<toml::Value> {
            if let Some(v) = (ctx.var)(var) {
                return Some(toml::Value::String(v.to_string_lossy().into_owned()));
            }
            files
                .iter()
                .rev()
                .flatten()
                .find_map(|t| lookup(t, keys).cloned())
        };
        let create = match setting(&["virtualenvs", "create"], "POETRY_VIRTUALENVS_CREATE") {
            Some(toml::Value::Boolean(b)) => b,
            Some(toml::Value::String(s)) => matches!(s.to_lowercase().as_str(), "true" | "1"),
            _ => true,
        };
        let text = |v: Option<toml::Value>| v.and_then(|v| v.as_str().map(str::to_string));
        let cache = text(setting(&["cache-dir"], "POETRY_CACHE_DIR"))
            .map(|c| ctx.expand_user(Path::new(&c)))
            .or_else(|| ctx.user_dir(Dir::Cache, "pypoetry"));
        let path = text(setting(&["virtualenvs", "path"], "POETRY_VIRTUALENVS_PATH"))
            .unwrap_or_else(|| "{cache-dir}/virtualenvs".to_string());
        let virtualenvs = if path.contains("{cache-dir}") {
            cache.map(|c| path.replace("{cache-dir}", &c.to_string_lossy()))
        } else {
            Some(path)
        }
        // A relative path is relative to where Poetry runs; venvsh takes the project's.
        .map(|p| crate::paths::join_clean(root, &ctx.expand_user(Path::new(&p))));
        Ok(Settings {
            create,
            virtualenvs,
        })
    }
}
