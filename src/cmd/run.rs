//! `venvsh run [--venv PATH|NAME] -- CMD…`: CMD with a venv's environment, without
//! touching any shell: for cron lines, scripts and CI.

use super::{cwd, fail, tilde};
use crate::judge::target::resolve;
use crate::venv::Health;
use std::ffi::OsString;

pub fn run(venv: Option<OsString>, command: Vec<OsString>) -> i32 {
    let cwd = cwd().path;
    let cfg = super::config();
    let (state, _) = super::read_state();
    let ctx = super::finding(&state);
    let (v, root) = match resolve(
        venv.as_ref(),
        &cwd,
        &cfg,
        &ctx,
        "venvsh run --venv PATH|NAME -- CMD",
    ) {
        Ok(x) => x,
        Err(msg) => return fail(&msg),
    };
    if let Health::Broken(msg) = v.health() {
        return fail(&msg);
    }
    if let Err(msg) = crate::judge::target::on_path(&v.path, v.bin.as_os_str()) {
        return fail(&msg);
    }
    let Some((program, args)) = command.split_first() else {
        return fail("nothing to run; say what: venvsh run -- python -m pytest");
    };
    // The venv's bin first, and no other venvsh-activated venv's bin in front of it.
    let env = super::read_env();
    let mut path = env.path.clone();
    if let Some(a) = &state.active {
        path = crate::plan::path_remove_first(&path, &a.bin);
    }
    let path = crate::plan::path_prepend(&path, v.bin.as_os_str());
    let mut cmd = std::process::Command::new(program);
    cmd.args(args)
        .env("VIRTUAL_ENV", &v.path)
        .env(
            "VIRTUAL_ENV_PROMPT",
            crate::paths::os_from_bytes(&v.prompt_name(None, &cfg.venv_names)),
        )
        .env("PATH", path)
        .env_remove("PYTHONHOME")
        .env_remove(crate::state::VAR);
    // As activation does (behaviour.md §4): uv in a project of its own uses this venv;
    // else uv gets the user's own value, not one venvsh set for the shell's active venv.
    if root.is_some_and(|r| {
        crate::managers::uv_would_miss(&crate::managers::uv_project(&cwd, &r), &v.path, &ctx)
    }) {
        cmd.env("UV_PROJECT_ENVIRONMENT", &v.path);
    } else {
        match super::user_uv_env(&state) {
            Some(v) => cmd.env("UV_PROJECT_ENVIRONMENT", v),
            None => cmd.env_remove("UV_PROJECT_ENVIRONMENT"),
        };
    }
    exec(cmd, program, &v.path)
}

/// Replaces this process with the command, so its exit status (and a signal that ends
/// it) is the caller's, exactly.
#[cfg(unix)]
fn exec(mut cmd: std::process::Command, program: &OsString, venv: &std::path::Path) -> i32 {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    fail(&format!(
        "cannot run {} in {}: {}",
        program.to_string_lossy(),
        tilde(venv),
        crate::show::io_reason(&err)
    ))
}

#[cfg(not(unix))]
fn exec(mut cmd: std::process::Command, program: &OsString, venv: &std::path::Path) -> i32 {
    match cmd.status() {
        Ok(s) => s.code().unwrap_or(1),
        Err(e) => fail(&format!(
            "cannot run {} in {}: {}",
            program.to_string_lossy(),
            tilde(venv),
            crate::show::io_reason(&e)
        )),
    }
}
