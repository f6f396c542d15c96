//! conda and mamba, for a folder with an `environment.yml` (or `.yaml`), the file
//! `conda env create` reads.
//! - Its `name:` names an env in conda's envs folders; its `prefix:` names the env's own
//!   folder. The name wins, as in `conda env create` (conda/env/specs).
//! - The envs folders, in the order conda looks a name up (conda/base/context.py,
//!   `envs_dirs` and `locate_prefix_by_name`): `CONDA_ENVS_DIRS` or `CONDA_ENVS_PATH`
//!   (split at the PATH separator); then `envs_dirs` from the condarc files, the later
//!   file first (`SequenceLoadedParameter.merge`; the files of `SEARCH_PATH` that are not
//!   folders); then `ROOT/envs` and `~/.conda/envs`. `ROOT` is conda's install: conda
//!   knows it as `sys.prefix`; here it is `CONDA_ROOT_PREFIX`, `CONDA_ROOT`, the folder
//!   above `CONDA_EXE`'s (what `conda init` exports), `MAMBA_ROOT_PREFIX` (micromamba,
//!   libmamba's `envs_dirs_hook`), and the usual install folders in the home folder.
//! - `base` and `root` name the install itself.
//!
//! The YAML is read as far as these files write these keys: a top-level `key: value`,
//! and a list as `key:` with `- item` lines under it, or `[a, b]`. venvsh carries no
//! YAML parser for two keys.

use super::{Ctx, Project};
use std::path::PathBuf;

pub(super) fn find(p: &Project, ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.marks.environment_yml {
        return None;
    }
    let file = ["environment.yml", "environment.yaml"]
        .iter()
        .map(|n| p.root.join(n))
        .find(|f| f.is_file())?;
    let text = match crate::bounded::read(&file, crate::bounded::cap::PROJECT_FILE) {
        Ok(t) => t,
        Err(e) => return Some(Err(e.line(&file))),
    };
    let text = String::from_utf8_lossy(&text);
    if let Some(name) = scalar(&text, "name").filter(|n| !n.is_empty()) {
        if name.contains(['/', '\\']) || name == ".." || name == "." {
            return None;
        }
        let roots = roots(ctx);
        if (name == "base" || name == "root")
            && let Some(r) = roots.iter().find(|r| crate::conda::is_prefix(r))
        {
            return Some(Ok(r.clone()));
        }
        let dirs = envs_dirs(ctx, &roots);
        let mut at = dirs.iter().map(|d| d.join(&name));
        let first = at.next()?;
        // The first that is a folder, as conda takes it; else where it would be made.
        return Some(Ok(std::iter::once(first.clone())
            .chain(at)
            .find(|e| e.is_dir())
            .unwrap_or(first)));
    }
    let prefix = scalar(&text, "prefix").filter(|n| !n.is_empty())?;
    let prefix = ctx.expand_user(std::path::Path::new(&ctx.expand_vars(&prefix)));
    prefix.is_absolute().then_some(Ok(prefix))
}

/// Where conda may be installed, most certain first.
fn roots(ctx: &Ctx) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for v in ["CONDA_ROOT_PREFIX", "CONDA_ROOT"] {
        out.extend(ctx.var(v).map(PathBuf::from));
    }
    // `conda init` exports CONDA_EXE=ROOT/bin/conda (ROOT\Scripts\conda.exe).
    if let Some(exe) = ctx.var("CONDA_EXE") {
        out.extend(
            PathBuf::from(exe)
                .parent()
                .and_then(|b| b.parent())
                .map(PathBuf::from),
        );
    }
    out.extend(ctx.var("MAMBA_ROOT_PREFIX").map(PathBuf::from));
    if let Some(home) = &ctx.home {
        for d in [
            "miniforge3",
            "miniconda3",
            "anaconda3",
            "mambaforge",
            "micromamba",
        ] {
            out.push(home.join(d));
        }
    }
    out.push(PathBuf::from("/opt/conda"));
    out.retain(|p| p.is_absolute());
    out.dedup();
    out
}

/// conda's envs folders, in the order it looks a name up.
fn envs_dirs(ctx: &Ctx, roots: &[PathBuf]) -> Vec<PathBuf> {
    let sep = if ctx.os == super::Os::Windows {
        ';'
    } else {
        ':'
    };
    let mut out: Vec<PathBuf> = Vec::new();
    let expand = |s: &str| ctx.expand_user(std::path::Path::new(&ctx.expand_vars(s.trim())));
    if let Some(v) = ctx
        .var("CONDA_ENVS_DIRS")
        .or_else(|| ctx.var("CONDA_ENVS_PATH"))
    {
        out.extend(
            v.to_string_lossy()
                .split(sep)
                .filter(|s| !s.is_empty())
                .map(expand),
        );
    }
    for rc in condarcs(ctx, roots).iter().rev() {
        if let Ok(Some(text)) = crate::bounded::read_if_there(rc, crate::bounded::cap::PROJECT_FILE)
        {
            out.extend(
                list(&String::from_utf8_lossy(&text), "envs_dirs")
                    .iter()
                    .map(|s| expand(s)),
            );
        }
    }
    out.extend(roots.iter().map(|r| r.join("envs")));
    if let Some(home) = &ctx.home {
        out.push(home.join(".conda").join("envs"));
    }
    out.retain(|p| p.is_absolute());
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

/// The condarc files of conda's `SEARCH_PATH` (conda/base/constants.py) that are files,
/// in its order: a later one's `envs_dirs` comes first.
fn condarcs(ctx: &Ctx, roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![
        PathBuf::from("/etc/conda/.condarc"),
        PathBuf::from("/etc/conda/condarc"),
        PathBuf::from("/var/lib/conda/.condarc"),
        PathBuf::from("/var/lib/conda/condarc"),
    ];
    if let Some(root) = roots.first() {
        out.push(root.join(".condarc"));
        out.push(root.join("condarc"));
    }
    if let Some(x) = ctx.xdg_set("XDG_CONFIG_HOME") {
        out.push(x.join("conda/.condarc"));
        out.push(x.join("conda/condarc"));
    }
    if let Some(home) = &ctx.home {
        for f in [
            ".config/conda/.condarc",
            ".config/conda/condarc",
            ".conda/.condarc",
            ".conda/condarc",
            ".condarc",
        ] {
            out.push(home.join(f));
        }
    }
    out.extend(ctx.var("CONDARC").map(PathBuf::from));
    out
}

/// A top-level `key: value`, unquoted, without a trailing comment.
pub(super) fn scalar(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        let v = v.split(" #").next().unwrap_or("").trim();
        Some(unquote(v))
    })
}

/// A top-level list: `key: [a, b]`, or `key:` with `- item` lines under it.
fn list(text: &str, key: &str) -> Vec<String> {
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        let Some(v) = l
            .strip_prefix(key)
            .and_then(|r| r.trim_start().strip_prefix(':'))
        else {
            continue;
        };
        let v = v.split(" #").next().unwrap_or("").trim();
        if let Some(inner) = v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            return inner
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
        }
        let mut out = Vec::new();
        for l in lines.by_ref() {
            let t = l.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            match t.strip_prefix('-') {
                Some(item) if l.starts_with([' ', '\t', '-']) => {
                    out.push(unquote(item.split(" #").next().unwrap_or("").trim()))
                }
                _ => break,
            }
        }
        return out;
    }
    Vec::new()
}

fn unquote(v: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q))
            && v.len() >= 2
        {
            return inner.to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_keys_conda_writes() {
        let env = "name: 'data-sci'  # mine\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.12\n";
        assert_eq!(scalar(env, "name").as_deref(), Some("data-sci"));
        assert_eq!(scalar(env, "prefix"), None);
        let rc = "channels: [conda-forge]\nenvs_dirs:\n  - ~/envs\n  # a comment\n  - \"/opt/x y\"\npkgs_dirs:\n  - /p\n";
        assert_eq!(list(rc, "envs_dirs"), ["~/envs", "/opt/x y"]);
        assert_eq!(list("envs_dirs: [/a, '/b']\n", "envs_dirs"), ["/a", "/b"]);
        assert_eq!(list("other: 1\n", "envs_dirs"), Vec::<String>::new());
    }
}
