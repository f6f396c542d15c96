//! One file per subcommand; what several of them need is here.

pub mod activate;
pub mod allow;
pub mod completions;
pub mod create;
pub mod dirs;
pub mod doctor;
pub mod export;
pub mod hook;
pub mod list;
pub mod man;
pub mod remove;
pub mod run;
pub mod status;

use crate::config::Config;
use crate::plan::{Candidate, Env, Settings, Target};
use crate::state::{State, VAR};
use crate::trust::{Store, Verdict};
use crate::util::{Cwd, join_clean, show, show_bytes};
use crate::venv::{self, Found, Health, Venv};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prints one `venvsh: ` line on stderr.
pub fn say(msg: &str) {
    // One write, not three (stderr is unbuffered): the line arrives whole, and a `cd`
    // that activates makes two system calls fewer.
    let _ = std::io::stderr().write_all(format!("venvsh: {msg}\n").as_bytes());
}

/// An error for the user: one line, exit status 1.
pub fn fail(msg: &str) -> i32 {
    say(msg);
    1
}

pub fn read_env() -> Env {
    Env {
        virtual_env: std::env::var_os("VIRTUAL_ENV").filter(|v| !v.is_empty()),
        path: std::env::var_os("PATH").unwrap_or_default(),
        pythonhome: std::env::var_os("PYTHONHOME"),
        stock_saved_path: std::env::var_os("_OLD_VIRTUAL_PATH"),
    }
}

/// The state variable; a corrupt one is reported and dropped (the caller unsets it).
pub fn read_state() -> (State, bool) {
    match std::env::var_os(VAR) {
        None => (State::default(), false),
        Some(v) if v.is_empty() => (State::default(), false),
        Some(v) => match State::decode(crate::util::os_bytes(&v)) {
            Ok(s) => (s, false),
            Err(why) => {
                say(&format!(
                    "ignoring a corrupt {VAR} ({why}); starting afresh"
                ));
                (State::default(), true)
            }
        },
    }
}

/// The current folder as the user reached it. A folder deleted under the shell still
/// has a name in `$PWD`; it holds no venv, which is the right answer.
pub fn cwd() -> Cwd {
    crate::util::logical_cwd().unwrap_or_else(|_| Cwd {
        path: std::env::var_os("PWD")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| PathBuf::from("/")),
        physical: false,
        dot: false,
    })
}

/// Runs `f` with what the shell has now in `cwd`: its environment, venvsh's state
/// (`corrupt` when `VENVSH_STATE` could not be read and was dropped), and `ui`, the
/// token the shell passed back for the venv it has set up (see `shell::ui_token`).
pub fn with_now<R>(
    cwd: &Path,
    cfg: &Config,
    ui: Option<&std::ffi::OsStr>,
    f: impl FnOnce(&crate::plan::Now, bool) -> R,
) -> R {
    let env = read_env();
    let (state, corrupt) = read_state();
    let ui = match (ui.and_then(|u| u.to_str()), &state.active) {
        (Some(t), Some(a)) if t == crate::shell::ui_token(&a.venv) => Some(a.venv.clone()),
        _ => None,
    };
    let now = crate::plan::Now {
        env: &env,
        state: &state,
        cwd,
        ui: ui.as_deref(),
        settings: settings(cfg),
    };
    f(&now, corrupt)
}

pub fn settings(cfg: &Config) -> Settings {
    Settings {
        prompt: cfg.prompt,
        quiet: cfg.quiet(),
        auto: cfg.auto,
    }
}

/// Loads the config, saying its error line if it has one.
pub fn config() -> Config {
    let (cfg, err) = crate::config::load();
    if let Some(e) = err {
        say(&e);
    }
    cfg
}

/// `~/x` for paths under the home folder, for short messages.
pub fn tilde(p: &Path) -> String {
    if let Some(home) = crate::util::home_dir()
        && let Ok(rest) = p.strip_prefix(&home)
        && !home.as_os_str().is_empty()
        && home != Path::new("/")
    {
        return format!("~/{}", show(rest));
    }
    show(p)
}

/// How a venv is named in messages: its folder name when it sits in the project root,
/// else its path.
pub fn label(v: &Venv, root: Option<&Path>) -> String {
    match (v.path.parent(), root) {
        (Some(parent), Some(root)) if parent == root => {
            show_bytes(&crate::util::file_name_bytes(&v.path))
        }
        _ => tilde(&v.path),
    }
}

pub fn candidate(v: &Venv, root: Option<&Path>, cfg: &Config) -> Candidate {
    let mut detail = label(v, root);
    if let Some(ver) = v.version() {
        detail.push_str(", Python ");
        detail.push_str(&ver);
    }
    Candidate {
        venv: v.path.clone(),
        bin: v.bin.clone().into_os_string(),
        name: v.prompt_name(root, &cfg.venv_names),
        detail,
    }
}

pub fn find(dir: &Path, cfg: &Config) -> Option<Found> {
    let home = || cfg.venv_home();
    venv::find(dir, &cfg.venv_names, &home)
}

/// behaviour.md §11: a venv whose path or name this shell cannot hold is refused whole, with
/// the reason; never half an activation.
pub fn carried(c: &Candidate, shell: crate::shell::Shell) -> Result<(), String> {
    on_path(&c.venv, c.bin.as_os_str())?;
    let what = if !shell.carries(crate::util::os_bytes(c.venv.as_os_str()))
        || !shell.carries(crate::util::os_bytes(&c.bin))
    {
        "its path"
    } else if !shell.carries(&c.name) {
        "its prompt name"
    } else {
        return Ok(());
    };
    Err(format!(
        "not activating {}: {what} holds {}, which {} cannot keep safely in a variable; rename it, or use another shell",
        tilde(&c.venv),
        shell.cannot_hold(),
        shell.name()
    ))
}

/// A venv whose `bin` holds PATH's separator (`:`, or `;` on Windows) cannot go on PATH:
/// it would become two entries, the second one a folder nobody chose (relative, even).
/// Refused for every shell, as `python -m venv` refuses to make one.
pub fn on_path(venv: &Path, bin: &std::ffi::OsStr) -> Result<(), String> {
    let sep = crate::plan::SEP;
    if crate::util::os_bytes(bin).contains(&sep) {
        return Err(format!(
            "not using {}: its path holds a '{}', which PATH takes as a separator; move it to a path without one",
            tilde(venv),
            sep as char
        ));
    }
    Ok(())
}

/// What the prompt hook should activate in `cwd`: found, usable, allowed, and
/// something this shell can hold.
pub fn target_for(cwd: &Cwd, cfg: &Config, shell: crate::shell::Shell) -> Target {
    let home = || cfg.venv_home();
    let found = if cwd.physical {
        venv::find_physical(&cwd.path, &cfg.venv_names, &home)
    } else {
        venv::find(&cwd.path, &cfg.venv_names, &home)
    };
    let Some(found) = found else {
        return Target::Nothing;
    };
    let root = found.root;
    let refused = |message: String| Target::Refused {
        root: root.clone(),
        message,
    };
    let path = match found.venv {
        Ok(p) => p,
        Err(msg) => return refused(msg),
    };
    let v = match Venv::open(&path) {
        Ok(v) => v,
        Err(msg) => return refused(msg),
    };
    if let Health::Broken(msg) = v.health() {
        return refused(msg);
    }
    let store = Store::open();
    let key = |p: &Path| crate::trust::key_near(p, cwd);
    match crate::trust::verdict(cfg, store.as_ref(), Some(&root), &v.path, &v.bin, &key) {
        Verdict::Allowed(_) => {
            let c = candidate(&v, Some(&root), cfg);
            match carried(&c, shell) {
                Ok(()) => Target::Venv(c),
                Err(message) => Target::Refused { root, message },
            }
        }
        Verdict::Denied => Target::Quiet { root },
        Verdict::NotAllowed => refused(format!(
            "{} found in {} but not allowed — run 'venvsh allow' to activate it here",
            label(&v, Some(&root)),
            show_bytes(&crate::util::file_name_bytes(&root)),
        )),
        Verdict::Unsafe(why) => refused(format!("not activating {}: {why}", tilde(&v.path))),
    }
}

/// `--json` output: pretty-printed, with a newline at the end.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("JSON of plain data");
    out.push('\n');
    out
}

/// Writes `bytes` to stdout at once; 1 when that fails (a closed pipe, say).
pub fn write_stdout(bytes: &[u8]) -> i32 {
    let mut out = std::io::stdout().lock();
    let res = out.write_all(bytes).and_then(|_| out.flush());
    match res {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// The venv a command's argument means (a venv folder, a project folder, or a name in
/// the venv home; none: the current project's), and its project root if it has one.
/// `name_one` is how that command names a venv, for the message when there is none here
/// (`venvsh activate PATH`).
pub fn resolve(
    target: Option<&OsString>,
    cwd: &Path,
    cfg: &Config,
    name_one: &str,
) -> Result<(Venv, Option<PathBuf>), String> {
    let (path, root) = match target {
        None => {
            let found = find(cwd, cfg).ok_or_else(|| {
                format!(
                    "no venv in {} or above; create one with 'venvsh create' or name one: {name_one}",
                    tilde(cwd)
                )
            })?;
            (found.venv?, Some(found.root))
        }
        Some(t) => {
            let p = Path::new(t);
            let abs = if p.is_absolute() {
                p.to_path_buf()
            } else {
                join_clean(cwd, p)
            };
            let text = t.to_string_lossy();
            if abs.join("pyvenv.cfg").is_file() {
                (abs, None)
            } else if abs.is_dir() {
                let found = find(&abs, cfg).ok_or_else(|| {
                    format!(
                        "{} holds no venv (no pyvenv.cfg in it or a project above it)",
                        show(&abs)
                    )
                })?;
                (found.venv?, Some(found.root))
            } else if !text.contains('/') && !abs.exists() {
                let home = cfg
                    .venv_home()
                    .ok_or("no venv home is known (set venv_home in the config)")?;
                let v = home.join(p);
                if !home.is_dir() {
                    return Err(format!(
                        "no venv named '{text}': the venv home {} does not exist",
                        tilde(&home)
                    ));
                }
                if !v.join("pyvenv.cfg").is_file() {
                    return Err(format!("no venv named '{text}' in {}", tilde(&home)));
                }
                (v, None)
            } else {
                return Err(format!("{} is not a venv (no pyvenv.cfg)", show(&abs)));
            }
        }
    };
    Ok((Venv::open(&path)?, root))
}
