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
                super::find(&p, cfg).and_then(|f| f.venv.ok())
            };
            if let Some(v) = venv {
                add(v, "allowed", &mut out);
            }
        }
    }
    out
}

pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
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

pub fn run(json: bool) -> i32 {
    let cfg = super::config();
    let active = std::env::var_os("VIRTUAL_ENV").map(PathBuf::from);
    let list = entries(&cfg);
    let mut out = String::new();
    if json {
        out.push('[');
        for (i, e) in list.iter().enumerate() {
            let v = &e.venv;
            let health = match v.health() {
                Health::Usable => "usable".to_string(),
                Health::Broken(_) => "broken".to_string(),
            };
            out.push_str(&format!(
                "{}\n  {{\"path\": {}, \"name\": {}, \"python\": {}, \"size_bytes\": {}, \"health\": {}, \"active\": {}, \"source\": {}}}",
                if i > 0 { "," } else { "" },
                json_str(&v.path.to_string_lossy()),
                json_str(&String::from_utf8_lossy(&v.prompt_name(None, &cfg.venv_names))),
                v.version().map_or("null".into(), |s| json_str(&s)),
                size_of(&v.path),
                json_str(&health),
                active.as_deref() == Some(v.path.as_path()),
                json_str(e.source),
            ));
        }
        out.push_str(if list.is_empty() { "]\n" } else { "\n]\n" });
    } else if list.is_empty() {
        out.push_str(
            "no venvs yet: none in the venv home, none allowed (venvsh create makes one)\n",
        );
    } else {
        let color = crate::util::stdout_color();
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
                    Health::Usable => crate::util::paint(color, "32", "usable"),
                    Health::Broken(_) => crate::util::paint(color, "31", "BROKEN"),
                },
                if e.source == "home" {
                    ""
                } else {
                    "  (allowed)"
                },
            ));
        }
    }
    print!("{out}");
    0
}
