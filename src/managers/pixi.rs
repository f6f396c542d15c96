//! pixi, for a workspace: a `pixi.toml` with `[workspace]` (or the older `[project]`), or a
//! `pyproject.toml` with `[tool.pixi.workspace]` (or `[tool.pixi.project]`)
//! (crates/pixi_manifest/src/discovery.rs, `provenance_from_dir`, `has_pixi_workspace`).
//! Its default environment is `.pixi/envs/default` (`Environment::dir`). With the
//! `detached-environments` setting (crates/pixi_config: the last of `/etc/pixi`, the user's
//! config folder, `$PIXI_HOME` (`~/.pixi`) and the workspace's `.pixi/config.toml` that
//! sets it) pixi keeps it in `DIR/NAME-HASH/envs/default` instead
//! (pixi_core/src/workspace/mod.rs, `detached_environments_path`): DIR the setting's path,
//! or for `true` the cache's `envs` (`get_cache_dir`: `PIXI_CACHE_DIR`,
//! `RATTLER_CACHE_DIR`, the user cache's `pixi` when it exists, else its
//! `rattler/cache`); NAME the workspace's; HASH xxh3-64 of the workspace's real path, in
//! decimal. (On Unix pixi also links `.pixi/envs` there.)
//!
//! The workspace's name (`display_name`: `name` in the manifest, else the folder's) is
//! what pixi shows and sets; `[activation.env]` holds the variables it adds.

use super::{Ctx, Project};
use std::path::PathBuf;

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    manifest(p)?;
    // A part at a time: the path becomes CONDA_PREFIX, where Windows keeps a `/`.
    let envs = detached(p, ctx).unwrap_or_else(|| p.root.join(".pixi").join("envs"));
    Some(Ok(envs.join("default")))
}

/// Where `detached-environments` puts the workspace's environments, when it is set.
fn detached(p: &Project, ctx: &Ctx) -> Option<PathBuf> {
    let home = ctx.home.as_deref();
    let mut files: Vec<PathBuf> = Vec::new();
    files.push(match ctx.os {
        super::Os::Windows => PathBuf::from(r"C:\ProgramData\pixi\config.toml"),
        _ => PathBuf::from("/etc/pixi/config.toml"),
    });
    if ctx.os == super::Os::Mac {
        files.extend(
            ctx.xdg_set("XDG_CONFIG_HOME")
                .map(|x| x.join("pixi/config.toml")),
        );
    }
    let config_dir = match ctx.os {
        super::Os::Xdg => ctx.xdg("XDG_CONFIG_HOME", ".config"),
        super::Os::Mac => home.map(|h| h.join("Library/Application Support")),
        super::Os::Windows => ctx.var("APPDATA").map(PathBuf::from),
    };
    files.extend(config_dir.map(|d| d.join("pixi/config.toml")));
    let pixi_home = ctx
        .var("PIXI_HOME")
        .map(PathBuf::from)
        .or_else(|| Some(home?.join(".pixi")));
    files.extend(pixi_home.map(|h| h.join("config.toml")));
    files.push(p.root.join(".pixi/config.toml"));
    // The last file that sets it as pixi takes it (`false`, `true`, an absolute path
    // after `~`); one that sets it otherwise is passed over, as pixi refuses that file.
    let dir = files.iter().rev().find_map(|f| {
        match super::read_toml(f).ok()??.get("detached-environments")? {
            toml::Value::Boolean(false) => Some(None),
            toml::Value::Boolean(true) => Some(Some(cache_dir(ctx)?.join("envs"))),
            toml::Value::String(s) => {
                let d = ctx.expand_user(std::path::Path::new(s));
                d.is_absolute().then_some(Some(d))
            }
            _ => None,
        }
    })??;
    let real = p.real()?;
    let hash = xxhash_rust::xxh3::xxh3_64(real.to_string_lossy().as_bytes());
    Some(
        dir.join(format!("{}-{hash}", workspace(p.root).name))
            .join("envs"),
    )
}

/// pixi's `get_cache_dir`.
fn cache_dir(ctx: &Ctx) -> Option<PathBuf> {
    if let Some(d) = ctx
        .var("PIXI_CACHE_DIR")
        .or_else(|| ctx.var("RATTLER_CACHE_DIR"))
    {
        return Some(PathBuf::from(d));
    }
    // `dirs::cache_dir()`.
    let user = match ctx.os {
        super::Os::Xdg => ctx.xdg("XDG_CACHE_HOME", ".cache"),
        super::Os::Mac => Some(ctx.home.as_ref()?.join("Library/Caches")),
        super::Os::Windows => ctx.var("LOCALAPPDATA").map(PathBuf::from),
    }?;
    let pixi = user.join("pixi");
    Some(if pixi.is_dir() {
        pixi
    } else {
        user.join("rattler").join("cache")
    })
}

/// Which file makes `p` a pixi workspace, if one does: `pixi.toml` first, as pixi takes it.
fn manifest(p: &Project) -> Option<PathBuf> {
    if p.marks.pixi_toml {
        return Some(p.root.join("pixi.toml"));
    }
    (p.mentions("pixi.workspace") || p.mentions("pixi.project"))
        .then(|| p.root.join("pyproject.toml"))
}

/// What pixi's activation adds for a workspace.
pub struct Workspace {
    /// `display_name`: the manifest's `name`, a pyproject's `[project] name`, else the
    /// folder's.
    pub name: String,
    pub manifest: PathBuf,
    /// `[activation.env]`, `[target.PLATFORM.activation.env]` over it.
    pub env: Vec<(String, String)>,
    /// `[activation] scripts` (and the platform's), from the workspace's folder: pixi
    /// runs them after the prefix's activate.d ones.
    pub scripts: Vec<PathBuf>,
}

impl Workspace {
    /// What an allow of the workspace covers besides its prefix (issue 34 §2): its
    /// `[activation]` table (variables and the scripts it names) and what each script
    /// holds, as a short digest. A new dependency in the manifest leaves it as it was;
    /// a changed script or variable changes it. Scripts are read the bounded way; one
    /// that cannot be read counts as what it is (missing, a FIFO).
    pub fn activation_digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for (k, v) in &self.env {
            h.update(b"env\0");
            h.update(k.as_bytes());
            h.update(b"\0");
            h.update(v.as_bytes());
            h.update(b"\0");
        }
        for s in &self.scripts {
            h.update(b"script\0");
            h.update(crate::paths::path_bytes(s));
            h.update(b"\0");
            match crate::bounded::read(s, crate::bounded::cap::PROJECT_FILE) {
                Ok(body) => {
                    h.update(body.len().to_string().as_bytes());
                    h.update(b"\0");
                    h.update(&body);
                }
                Err(e) => h.update(format!("{e:?}").as_bytes()),
            }
            h.update(b"\0");
        }
        h.finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The workspace in `root`, as pixi's activation reads its manifest. A manifest that
/// cannot be read gives the folder's name, no variables and no scripts.
pub fn workspace(root: &std::path::Path) -> Workspace {
    let folder = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    let mut project_name = None;
    let (file, table) = ["pixi.toml", "pyproject.toml"]
        .iter()
        .map(|n| root.join(n))
        .filter(|f| f.is_file())
        .find_map(|f| {
            let t = super::read_toml(&f).ok()??;
            let t = if f.ends_with("pyproject.toml") {
                project_name = super::lookup_str(&t, &["project", "name"]).map(str::to_string);
                t.get("tool")?.get("pixi")?.as_table()?.clone()
            } else {
                t
            };
            Some((f, t))
        })
        .unwrap_or_else(|| (root.join("pixi.toml"), toml::Table::new()));
    let name = ["workspace", "project"]
        .iter()
        .find_map(|k| super::lookup_str(&table, &[k, "name"]))
        .map(str::to_string)
        .or(project_name)
        .unwrap_or(folder);
    let mut env: Vec<(String, String)> = Vec::new();
    let mut add = |t: Option<&toml::Value>| {
        for (k, v) in t.and_then(|v| v.as_table()).into_iter().flatten() {
            if let Some(v) = v.as_str() {
                match env.iter_mut().find(|(n, _)| n == k) {
                    Some(e) => e.1 = v.to_string(),
                    None => env.push((k.clone(), v.to_string())),
                }
            }
        }
    };
    // `[activation]`, then each target that selects this machine, the most specific
    // last: its variables win one by one, and its scripts list replaces the others'
    // (pixi_manifest's `Feature::activation_env` and `activation_scripts`).
    let mut scripts: Option<&toml::Value> = None;
    for keys in std::iter::once(vec!["activation"]).chain(
        selectors()
            .iter()
            .rev()
            .map(|s| vec!["target", s, "activation"]),
    ) {
        let Some(a) = super::lookup(&table, &keys) else {
            continue;
        };
        add(a.get("env"));
        scripts = a.get("scripts").or(scripts);
    }
    let scripts = scripts
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
        .map(|s| crate::paths::join_clean(root, std::path::Path::new(s)))
        .fold(Vec::<PathBuf>::new(), |mut all, s| {
            // Each once, and no more than a prefix's own folder may hold: a manifest
            // naming one file a thousand times costs nothing at a `cd`.
            if !all.contains(&s) && all.len() < crate::conda::MAX_SCRIPTS {
                all.push(s);
            }
            all
        });
    Workspace {
        name,
        manifest: file,
        env,
        scripts,
    }
}

/// The target selectors that pick this machine, most specific first: its platform, its
/// system, `unix` (pixi_manifest's `TargetSelector`).
fn selectors() -> Vec<&'static str> {
    let mut s = vec![platform()];
    s.push(match std::env::consts::OS {
        "linux" => "linux",
        "macos" => "osx",
        "windows" => "win",
        other => other,
    });
    if cfg!(unix) {
        s.push("unix");
    }
    s
}

/// This machine as pixi names platforms.
fn platform() -> &'static str {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "linux-64",
        ("linux", "aarch64") => "linux-aarch64",
        ("macos", "x86_64") => "osx-64",
        ("macos", "aarch64") => "osx-arm64",
        ("windows", "x86_64") => "win-64",
        ("windows", "aarch64") => "win-arm64",
        _ => "unknown",
    }
}
