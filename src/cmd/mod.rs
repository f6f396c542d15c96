//! One file per subcommand; what several of them need to talk to the user and to read
//! the shell's state is here. What a folder's venv is, and whether it may be used, is
//! decided in `crate::judge::target`.

pub mod activate;
pub mod allow;
pub mod completions;
pub mod create;
pub mod dirs;
pub mod doctor;
pub mod env;
pub mod export;
pub mod hook;
pub mod init;
pub mod list;
pub mod man;
pub mod remove;
pub mod run;
pub mod status;

use crate::config::Config;
use crate::cwd::Cwd;
use crate::managers::Ctx;
use crate::plan::{Env, Settings};
pub use crate::show::tilde;
use crate::state::{State, VAR};
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
        uv_project_environment: std::env::var_os("UV_PROJECT_ENVIRONMENT"),
        direnv: std::env::var_os("DIRENV_DIR").is_some_and(|d| !d.is_empty()),
        conda_prefix: std::env::var_os("CONDA_PREFIX").filter(|v| !v.is_empty()),
    }
}

/// The state variable; a corrupt one is reported and dropped (the caller unsets it).
pub fn read_state() -> (State, bool) {
    match std::env::var_os(VAR) {
        None => (State::default(), false),
        Some(v) if v.is_empty() => (State::default(), false),
        Some(v) => match State::decode(crate::paths::os_bytes(&v)) {
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
    crate::cwd::logical_cwd().unwrap_or_else(|_| Cwd {
        path: std::env::var_os("PWD")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| PathBuf::from("/")),
        physical: false,
    })
}

/// What finding reads of this process (`managers::Ctx`): its variables, with
/// `UV_PROJECT_ENVIRONMENT` as the user set it. While a uv project's venv is active that
/// variable holds venvsh's own value, and `state` keeps the user's: discovery and
/// `venvsh run` must take the user's.
pub fn finding(state: &State) -> Ctx<'static> {
    let user_uv = user_uv_env(state);
    Ctx::with_vars(move |name| match name {
        "UV_PROJECT_ENVIRONMENT" => user_uv.clone(),
        _ => std::env::var_os(name),
    })
}

/// `finding` for a command that needs the state for nothing else (a corrupt one counts
/// as none here; the commands that act on it say so).
pub fn finding_here() -> Ctx<'static> {
    let state = std::env::var_os(VAR)
        .and_then(|s| State::decode(crate::paths::os_bytes(&s)).ok())
        .unwrap_or_default();
    finding(&state)
}

/// `UV_PROJECT_ENVIRONMENT` as the user set it (see `finding`).
pub fn user_uv_env(state: &State) -> Option<std::ffi::OsString> {
    match state.active.as_ref().and_then(|a| a.uv_env.as_ref()) {
        Some(set) => set.before.clone(),
        None => std::env::var_os("UV_PROJECT_ENVIRONMENT"),
    }
}

/// What a shell can hold, for the decision (`target`), which knows no shell itself.
impl crate::judge::target::Holds for crate::shell::Shell {
    fn can_hold(&self, b: &[u8]) -> bool {
        crate::shell::Shell::can_hold(*self, b)
    }
    fn cannot_hold(&self) -> &'static str {
        crate::shell::Shell::cannot_hold(*self)
    }
    fn name(&self) -> &'static str {
        crate::shell::Shell::name(*self)
    }
    /// What any shell keeps, since a child of another kind inherits the variable; and
    /// where no activation script runs, what would run code instead.
    fn keeps(&self, name: &str) -> bool {
        crate::shell::kept_by_any(name)
            || (self.script_ext().is_none() && crate::shell::runs_code(name))
    }
}

/// Runs `f` with what the shell has now in `cwd`: its environment, venvsh's state
/// (`corrupt` when `VENVSH_STATE` could not be read and was dropped), and `set_up`, the
/// token the shell passed back for the venv it has set up (see `shell::set_up_token`); and
/// what finding reads of the process (`finding`).
pub fn with_now<R>(
    cwd: &Path,
    cfg: &Config,
    set_up: Option<&std::ffi::OsStr>,
    f: impl FnOnce(&crate::plan::Inputs, &Ctx, bool) -> R,
) -> R {
    let env = read_env();
    let (state, corrupt) = read_state();
    let ctx = finding(&state);
    let set_up = match (set_up.and_then(|u| u.to_str()), &state.active) {
        (Some(t), Some(a)) if t == crate::shell::set_up_token(&a.venv) => Some(a.venv.clone()),
        _ => None,
    };
    let now = crate::plan::Inputs {
        env: &env,
        state: &state,
        cwd,
        set_up_here: set_up.as_deref(),
        settings: settings(cfg),
        uid: crate::world::World::uid(&crate::world::Disk),
    };
    f(&now, &ctx, corrupt)
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
