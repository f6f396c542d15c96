//! `venvsh list [--json]`: the venvs in the venv home and the allowed ones.

use super::tilde;
use crate::trust::{Mark, Store};
use crate::venv::{Health, Venv};
use std::path::{Path, PathBuf};

pub struct Entry {
    pub venv: Venv,
    pub source: &'static str,
}

/// Bytes under a folder (links not followed).
pub fn size_of(p: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![p.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(m) = e.path().symlink_metadata() else {
                continue;
            };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                total += m.len();
            }
        }
    }
    total
}

pub fn human(bytes: u64) -> String {
    let mut v = bytes as f64;
    for unit in ["B", "KB", "MB", "GB"] {
        if v < 1024.0 {
            return if unit == "B" {
                format!("{bytes} B")
            } else {
                format!("{v:.1} {unit}")
            };
        }
        v /= 1024.0;
    }
    format!("{v:.1} TB")
}

/// The venv folders in the venv home, sorted.
fn home_venvs(cfg: &crate::config::Config) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = cfg
        .venv_home()
        .and_then(|home| std::fs::read_dir(home).ok())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("pyvenv.cfg").is_file())
        .collect();
    dirs.sort();
    dirs
}

pub fn entries(cfg: &crate::config::Config) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf, source: &'static str, out: &mut Vec<Entry>| {
        if seen.contains(&p) {
            return;
        }
        if let Ok(venv) = Venv::open(&p) {
            seen.push(p);
            out.push(Entry { venv, source });
        }
    };
    for d in home_venvs(cfg) {
        add(d, "home", &mut out);
    }
    if let Some(store) = Store::open() {
        for (p, mark) in store.entries() {
            if mark != Mark::Allow {
                continue;
            }
            let venv = if p.join("pyvenv.cfg").is_file() {
                Some(p)
            } else {
                crate::judge::target::find(&p, cfg, &super::finding_here())
                    .and_then(|f| f.venv.ok())
            };
            if let Some(v) = venv {
                add(v, "allowed", &mut out);
            }
        }
    }
    out
}

/// `venvsh list --names`: the venvs of the venv home by name, for completion: quick (no
/// size, no health) and quiet (no venv home: nothing).
pub fn names() -> i32 {
    let names: Vec<String> = home_venvs(&super::config())
        .into_iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
        .filter(|n| !n.contains(char::is_whitespace))
        .collect();
    let mut out = names.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    super::write_stdout(out.as_bytes())
}

/// One venv in `venvsh list --json`.
#[derive(serde::Serialize)]
struct JsonRow<'a> {
    path: std::borrow::Cow<'a, str>,
    name: String,
    python: Option<String>,
    size_bytes: u64,
    health: &'static str,
    active: bool,
    source: &'static str,
}

pub fn run(json: bool) -> i32 {
    let cfg = super::config();
    let active = std::env::var_os("VIRTUAL_ENV").map(PathBuf::from);
    let list = entries(&cfg);
    let mut out = String::new();
    if json {
        let rows: Vec<JsonRow> = list
            .iter()
            .map(|e| {
                let v = &e.venv;
                JsonRow {
                    path: v.path.to_string_lossy(),
                    name: String::from_utf8_lossy(&v.prompt_name(None, &cfg.venv_names))
                        .into_owned(),
                    python: v.version(),
                    size_bytes: size_of(&v.path),
                    health: match v.health() {
                        Health::Usable => "usable",
                        Health::Broken(_) => "broken",
                    },
                    active: active.as_deref() == Some(v.path.as_path()),
                    source: e.source,
                }
            })
            .collect();
        out = super::json(&rows);
    } else if list.is_empty() {
        out.push_str(
            "no venvs yet: none in the venv home, none allowed (venvsh create makes one)\n",
        );
    } else {
        for e in &list {
            let v = &e.venv;
            out.push_str(&format!(
                "{} {:<40} Python {:<8} {:>9}  {}{}\n",
                if active.as_deref() == Some(v.path.as_path()) {
                    "*"
                } else {
                    " "
                },
                tilde(&v.path),
                v.version().unwrap_or_else(|| "?".into()),
                human(size_of(&v.path)),
                match v.health() {
                    Health::Usable => crate::term::good("usable"),
                    Health::Broken(_) => crate::term::bad("BROKEN"),
                },
                if e.source == "home" {
                    ""
                } else {
                    "  (allowed)"
                },
            ));
        }
    }
    crate::term::print(&out);
    0
}
