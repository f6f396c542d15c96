//! `venvsh init [SHELL…]`: puts the hook line in each shell's startup file, once, between
//! marker lines (`rcfile`), after a backup of a file that was there (one per file, in the
//! data folder); `--undo` takes it out again, every file back byte for byte; `--dry-run`
//! says what would change.
//! A file is written whole and renamed into place, with the mode it had; a symlinked rc
//! file (a dotfile manager's) is written where the link points. A file that cannot be
//! read or written gets one line and is left as it was; the other shells still get theirs.

mod autorun;
mod backup;
mod edit;
mod places;

use crate::paths::path_bytes;
use crate::shell::Shell;
use crate::show::io_reason;
use edit::{Guard, put_in, read, take_out};
use places::Places;
use std::path::{Path, PathBuf};

/// One file to change: its lines for the block, and for nushell the hook file it sources.
use crate::shell::startup::{Block as Target, Startup};

/// The `venvsh` on PATH when it is this very file: its path stays while the one the
/// system reports for a running program (`/proc/self/exe`) may be a versioned store path
/// that goes at the next upgrade.
fn on_path(exe: &Path) -> Option<PathBuf> {
    let name = exe.file_name()?;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_absolute() && crate::files::same_file(p, exe))
}

pub fn run(shells: Vec<Shell>, undo: bool, dry_run: bool) -> i32 {
    let Some(places) = Places::from_env() else {
        return super::fail("init: no home folder (HOME is not set)");
    };
    let exe = match own_exe() {
        Ok(e) => e,
        Err(msg) => return super::fail(&msg),
    };
    let chosen = match choose(&shells, undo, &places, &exe) {
        Ok(c) => c,
        Err(msg) => return super::fail(&msg),
    };
    let mut failed = false;
    // cmd only when named: AutoRun runs for every cmd.exe, scripts' too.
    if shells.contains(&Shell::Cmd) || (undo && shells.is_empty()) {
        let done = if undo {
            autorun::take_out(dry_run)
        } else {
            autorun::put_in(&exe, dry_run)
        };
        if let Err(msg) = done {
            super::say(&msg);
            failed = true;
        }
    }
    let guard = match Guard::for_home(&places.home) {
        Ok(g) => g,
        Err(msg) => return super::fail(&msg),
    };
    for (sh, st) in chosen {
        failed |= !edit_files(sh, st, &exe, undo, dry_run, guard.as_ref());
    }
    if !dry_run && !failed {
        println!(
            "{}",
            if undo {
                "open a new terminal: the hook is gone there (a shell that loaded it keeps it until it exits)"
            } else {
                "open a new terminal: cd into a project with a .venv and it activates (run 'venvsh allow' there first)"
            }
        );
    }
    i32::from(failed)
}

/// This venvsh's path, as the startup files will call it: by the name on PATH that
/// leads to it, when one does.
fn own_exe() -> Result<PathBuf, String> {
    let exe = match std::env::current_exe() {
        Ok(e) => on_path(&e).unwrap_or(e),
        Err(e) => return Err(format!("init: where am I? {}", io_reason(&e))),
    };
    if std::str::from_utf8(path_bytes(&exe)).is_err() {
        return Err(format!(
            "init: venvsh's own path {} is not UTF-8 text, which the startup files cannot all hold; move venvsh",
            exe.display()
        ));
    }
    Ok(exe)
}

/// The shells to set up (or take out), each with its startup files, worked out once:
/// those named, else the login shell's and those whose startup file is already there
/// (not PowerShell's by default on Unix, where asking pwsh would start it). cmd's
/// AutoRun is handled apart.
fn choose(
    shells: &[Shell],
    undo: bool,
    places: &Places,
    exe: &Path,
) -> Result<Vec<(Shell, Startup)>, String> {
    let chosen: Vec<(Shell, Startup)> = if shells.is_empty() {
        Shell::ALL
            .into_iter()
            .filter(|sh| undo || places.is_login(*sh) || sh.init_unasked())
            .filter_map(|sh| Some((sh, sh.startup(places, exe)?)))
            .filter(|(sh, st)| {
                undo || places.is_login(*sh) || st.blocks.iter().any(|b| b.file.exists())
            })
            .collect()
    } else {
        let mut chosen = Vec::new();
        for sh in shells.iter().filter(|sh| **sh != Shell::Cmd) {
            let Some(st) = sh.startup(places, exe) else {
                return Err(format!(
                    "init: {} is not set up by `venvsh init` yet; add its line by hand (README, `venvsh hook --help`)",
                    sh.name()
                ));
            };
            chosen.push((*sh, st));
        }
        chosen
    };
    if chosen.is_empty() && !shells.contains(&Shell::Cmd) && !undo {
        return Err(
            "init: no shell to set up (no startup file found, and SHELL names none); name one: venvsh init bash"
                .into(),
        );
    }
    Ok(chosen)
}

/// Puts `sh`'s block in each of its startup files (or takes it out), saying what fails;
/// false when something did.
fn edit_files(
    sh: Shell,
    st: Startup,
    exe: &Path,
    undo: bool,
    dry_run: bool,
    guard: Option<&Guard>,
) -> bool {
    if !undo && let Some(why) = sh.cannot_load(exe) {
        super::say(&why);
        return false;
    }
    let mut ok = true;
    for t in targets(st, undo) {
        let done = if undo {
            take_out(&t, dry_run, guard)
        } else {
            put_in(&t, dry_run, guard)
        };
        if let Err(msg) = done {
            super::say(&msg);
            ok = false;
        }
    }
    ok
}

/// The files one shell's block goes in, as its module says (`Dialect::startup`), and for
/// `--undo` every other file the shell may have read the block from, with no lines.
fn targets(st: Startup, undo: bool) -> Vec<Target> {
    let mut out = st.blocks;
    if undo {
        for f in st.others {
            if !out.iter().any(|t| t.file == f) {
                out.push(Target::new(f, Vec::new()));
            }
        }
    }
    out
}
