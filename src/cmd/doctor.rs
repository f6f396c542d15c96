//! `venvsh doctor`: is the hook here and firing, PATH entries twice, broken venvs among
//! the known ones (with the fix), config errors. Exit 1 when it found a problem.

use super::{cwd, tilde};
use crate::venv::Health;
use std::path::Path;

pub fn run() -> i32 {
    let cwd = cwd().path;
    let mut problems = 0;
    let mut line = |ok: bool, text: String| {
        if !ok {
            problems += 1;
        }
        let mark = if ok {
            crate::term::good("ok  ")
        } else {
            crate::term::bad("FIX ")
        };
        crate::term::print(&format!("{mark} {text}\n"));
    };

    // The shell function passes VENVSH_HOOK=SHELL:FOLDER-THE-HOOK-LAST-SAW.
    match std::env::var("VENVSH_HOOK") {
        Err(_) => line(
            false,
            "the hook is not loaded in this shell: add its line to your rc file (venvsh hook --help) and open a new shell".into(),
        ),
        Ok(v) => {
            let (shell, seen) = v.split_once(':').unwrap_or((&v, ""));
            line(true, format!("the hook is loaded ({shell})"));
            let fired = Path::new(seen) == cwd;
            line(
                fired,
                if fired {
                    "it ran at the last prompt, in this folder".into()
                } else {
                    format!(
                        "it has not looked at this folder yet (last: {}); another prompt hook may be replacing it, load venvsh's line last in your rc file",
                        if seen.is_empty() { "nowhere".into() } else { tilde(Path::new(seen)) }
                    )
                },
            );
        }
    }

    let (cfg, err) = crate::config::load();
    match err {
        Some(e) => line(false, e),
        None => line(
            true,
            format!(
                "config: {}",
                crate::config::config_path().map_or("none".into(), |p| tilde(&p))
            ),
        ),
    }

    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut seen: Vec<std::path::PathBuf> = Vec::new();
    let mut twice: Vec<String> = Vec::new();
    for p in std::env::split_paths(&path) {
        if seen.contains(&p) {
            if !twice.contains(&tilde(&p)) {
                twice.push(tilde(&p));
            }
        } else {
            seen.push(p);
        }
    }
    line(
        twice.is_empty(),
        if twice.is_empty() {
            "no PATH entry twice".into()
        } else {
            format!("PATH has these twice: {}", twice.join(", "))
        },
    );

    let entries = super::list::entries(&cfg);
    let mut broken = 0;
    for e in &entries {
        if let Health::Broken(why) = e.venv.health() {
            broken += 1;
            line(false, why);
        }
    }
    if broken == 0 {
        line(true, format!("{} known venvs, none broken", entries.len()));
    }
    i32::from(problems > 0)
}
