//! `venvsh status`: what is active and why, the project here, its venv, trust, health.

use super::{cwd, find, read_env, read_state, tilde};
use crate::trust::{Store, Verdict};
use crate::util::{show, show_bytes};
use crate::venv::{Health, Rule, Venv};
use std::fmt::Write;
use std::path::Path;

pub fn run() -> i32 {
    let cwd = cwd().path;
    let cfg = super::config();
    let env = read_env();
    let (state, _) = read_state();
    let mut out = String::new();

    let active = match (&env.virtual_env, &state.active) {
        (Some(ve), Some(a)) if a.venv.as_os_str() == ve => format!(
            "{} ({}), {}",
            tilde(&a.venv),
            show_bytes(&a.name),
            if a.pinned {
                "activated by hand: stays across cd until 'venvsh deactivate'"
            } else {
                "activated automatically for this folder"
            }
        ),
        (Some(ve), _) => format!(
            "{} , activated outside venvsh: left alone until it is deactivated",
            show(Path::new(ve))
        ),
        (None, _) if state.off_in.is_some() => {
            "none (deactivated by hand here: stays off until you change folder)".into()
        }
        (None, _) => "none".into(),
    };
    let _ = writeln!(out, "active:   {active}");

    match find(&cwd, &cfg) {
        None => {
            let _ = writeln!(
                out,
                "project:  none (no .venv file or {} folder with a pyvenv.cfg in {} or above)",
                cfg.venv_names.join(", "),
                tilde(&cwd)
            );
        }
        Some(found) => {
            let rule = match &found.rule {
                Rule::LinkFile => "a .venv file naming the venv".to_string(),
                Rule::Folder(n) => format!("the {n} folder"),
            };
            let _ = writeln!(out, "project:  {} (found by {rule})", tilde(&found.root));
            match found.venv.and_then(|p| Venv::open(&p)) {
                Err(msg) => {
                    let _ = writeln!(out, "venv:     unusable: {msg}");
                }
                Ok(v) => {
                    let _ = writeln!(out, "venv:     {}", tilde(&v.path));
                    for (key, val) in v.cfg.entries() {
                        let _ = writeln!(out, "  {key} = {val}");
                    }
                    if let Some(home) = v.cfg.get("home") {
                        let there = Path::new(home).is_dir();
                        let _ = writeln!(
                            out,
                            "  base Python folder {home}: {}",
                            if there { "present" } else { "GONE" }
                        );
                    }
                    let health = match v.health() {
                        Health::Usable => "usable".to_string(),
                        Health::Broken(m) => format!("BROKEN: {m}"),
                    };
                    let _ = writeln!(out, "health:   {health}");
                    let trust = match crate::trust::verdict(
                        &cfg,
                        Store::open().as_ref(),
                        Some(&found.root),
                        &v.path,
                        &v.bin,
                        &crate::trust::key,
                    ) {
                        Verdict::Allowed(why) => format!("activates by itself ({why})"),
                        Verdict::Denied => {
                            "denied: never activates by itself ('venvsh revoke' to undo)".into()
                        }
                        Verdict::NotAllowed => {
                            "not allowed: run 'venvsh allow' to let it activate by itself".into()
                        }
                        Verdict::Unsafe(why) => format!("refused: {why}"),
                    };
                    let _ = writeln!(out, "trust:    {trust}");
                }
            }
        }
    }
    print!("{out}");
    0
}
