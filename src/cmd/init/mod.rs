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
use edit::{put_in, read, take_out};
use places::Places;
use std::path::{Path, PathBuf};

/// One file to change: its lines for the block, and for nushell the hook file it sources.
struct Target {
    file: PathBuf,
    lines: Vec<String>,
    saved_hook: Option<(PathBuf, Vec<u8>)>,
}

/// The `venvsh` on PATH when it is this very file: its path stays while the one the
/// system reports for a running program (`/proc/self/exe`) may be a versioned store path
/// that goes at the next upgrade.
fn on_path(exe: &Path) -> Option<PathBuf> {
    let name = exe.file_name()?;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_absolute() && crate::files::same_file(p, exe))
}

/// The shells `init` handles here: those loaded by a line in a file.
const SHELLS: [Shell; 8] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Tcsh,
    Shell::Elvish,
    Shell::Xonsh,
    Shell::Nu,
    Shell::Pwsh,
];

pub fn run(shells: Vec<Shell>, undo: bool, dry_run: bool) -> i32 {
    let Some(places) = Places::from_env() else {
        return super::fail("init: no home folder (HOME is not set)");
    };
    let exe = match std::env::current_exe() {
        Ok(e) => on_path(&e).unwrap_or(e),
        Err(e) => return super::fail(&format!("init: where am I? {}", io_reason(&e))),
    };
    if std::str::from_utf8(path_bytes(&exe)).is_err() {
        return super::fail(&format!(
            "init: venvsh's own path {} is not UTF-8 text, which the startup files cannot all hold; move venvsh",
            exe.display()
        ));
    }
    for sh in &shells {
        if !SHELLS.contains(sh) && *sh != Shell::Cmd {
            return super::fail(&format!(
                "init: {} is not set up by `venvsh init` yet; add its line by hand (README, `venvsh hook --help`)",
                sh.name()
            ));
        }
    }
    let chosen: Vec<Shell> = if shells.is_empty() {
        // The login shell's, and those whose startup file is already there.
        // Not PowerShell's by default on Unix, where asking pwsh would start it.
        SHELLS
            .into_iter()
            .filter(|sh| {
                undo || places.is_login(*sh)
                    || (*sh != Shell::Pwsh || cfg!(windows))
                        && places.rc(*sh).is_some_and(|f| f.exists())
                    || *sh == Shell::Bash && places.login_bash().exists()
            })
            .collect()
    } else {
        shells.clone()
    };
    if chosen.is_empty() && !shells.contains(&Shell::Cmd) && !undo {
        return super::fail(
            "init: no shell to set up (no startup file found, and SHELL names none); name one: venvsh init bash",
        );
    }
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
    for sh in chosen {
        if sh == Shell::Cmd {
            continue;
        }
        // tcsh's line is ``eval "`…`"``: inside those double quotes tcsh expands `$` and
        // a `"` or a backquote would end them.
        if sh == Shell::Tcsh
            && !undo
            && path_bytes(&exe)
                .iter()
                .any(|b| matches!(b, b'"' | b'\n' | b'$' | b'`'))
        {
            super::say(&format!(
                "cannot set up tcsh: venvsh's path {} holds a '$', '\"', '`' or a newline, which tcsh's line cannot quote; move venvsh",
                exe.display()
            ));
            failed = true;
            continue;
        }
        for t in targets(sh, &places, &exe, undo) {
            let done = if undo {
                take_out(&t, dry_run)
            } else {
                put_in(&t, dry_run)
            };
            if let Err(msg) = done {
                super::say(&msg);
                failed = true;
            }
        }
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

/// The files one shell's block goes in, and the block's lines there.
fn targets(sh: Shell, places: &Places, exe: &Path, undo: bool) -> Vec<Target> {
    let Some(file) = places.rc(sh) else {
        return Vec::new();
    };
    let line = sh
        .rc_line_with(exe)
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    match sh {
        Shell::Bash => {
            out.push(Target {
                file,
                lines: vec![line.clone()],
                saved_hook: None,
            });
            // A login bash reads a file of its own: there too when it has one, or when
            // bash is the login shell and it has none (not even ~/.profile). Undo looks
            // in both of them: the one in use may have changed since.
            if undo {
                for f in [".bash_profile", ".bash_login"] {
                    out.push(Target {
                        file: places.home.join(f),
                        lines: Vec::new(),
                        saved_hook: None,
                    });
                }
            } else {
                let login = places.login_bash();
                if login.exists() || (places.is_login(sh) && !places.home.join(".profile").exists())
                {
                    // A login bash need not be interactive (`bash -lc`, an IDE's probe).
                    out.push(Target {
                        file: login,
                        lines: vec![format!("case $- in *i*) {line} ;; esac")],
                        saved_hook: None,
                    });
                }
            }
        }
        Shell::Zsh => {
            // The completion function install.sh puts where zsh has no folder of its own.
            let functions = places.data.join("zsh/site-functions");
            let mut lines = vec![line];
            if functions.join("_venvsh").is_file() {
                let dir =
                    String::from_utf8_lossy(&sh.quote_word(path_bytes(&functions))).into_owned();
                lines.insert(0, format!("fpath=({dir} $fpath)"));
                // compinit may have run already (oh-my-zsh, prezto): register it then.
                lines.push("if (( $+functions[compdef] )); then autoload -Uz _venvsh && compdef _venvsh venvsh; fi".into());
            }
            out.push(Target {
                file,
                lines,
                saved_hook: None,
            });
        }
        // nushell cannot run text as code: the hook is saved beside config.nu, which
        // sources it by its path.
        Shell::Nu => {
            let hook = file.with_file_name("venvsh.nu");
            let source = sh.quote_word(path_bytes(&hook));
            out.push(Target {
                lines: vec![format!("source {}", String::from_utf8_lossy(&source))],
                saved_hook: Some((hook, sh.hook(exe))),
                file,
            });
        }
        _ => out.push(Target {
            file,
            lines: vec![line],
            saved_hook: None,
        }),
    }
    // Undo looks in every file the shell may have read the block from: which one it
    // reads first may have changed since.
    if undo {
        for f in places.rc_all(sh) {
            if !out.iter().any(|t| t.file == f) {
                out.push(Target {
                    file: f,
                    lines: Vec::new(),
                    saved_hook: None,
                });
            }
        }
    }
    out
}
