//! `venvsh activate` and `venvsh deactivate`: by hand, in the current shell.

use super::{cwd, fail, with_now};
use crate::judge::{self, Disk, Request};
use crate::shell::Shell;
use std::ffi::OsString;
use std::io::IsTerminal;

/// The shell to write code for. A bare `venvsh activate` typed at a terminal cannot
/// change the shell it was typed in, so it says how to get that.
fn shell_for(cmd: &str, shell: Option<Shell>) -> Result<Shell, i32> {
    if let Some(s) = shell {
        return Ok(s);
    }
    let here = Shell::from_env();
    let once = |sh: Shell| sh.eval_line(&format!("venvsh {cmd}"));
    if std::io::stdout().is_terminal() {
        let or_once = match here.and_then(once) {
            Some(line) => format!("Or, for this shell only:\n  {line}"),
            None => "This shell cannot run venvsh's output without the hook.".into(),
        };
        eprintln!(
            "venvsh: '{cmd}' changes the shell it runs in, which needs venvsh's shell hook.\n\
             Install it once, then open a new terminal:\n{}{or_once}",
            crate::shell::rc::advice()
        );
        return Err(1);
    }
    here.ok_or_else(|| {
        fail(&format!(
            "cannot tell which shell to write code for; say it, as in bash: {}",
            once(Shell::Bash).unwrap_or_default()
        ))
    })
}

/// Asks the judge for `req` in this shell, and prints the plan as code
/// (`export::finish`) for a shell with or without the hook, or says why not.
fn decide(shell: Shell, req: Request) -> i32 {
    let here = cwd();
    let cfg = super::config();
    with_now(&here.path, &cfg, None, |now, ctx, _| {
        let mut disk = Disk::new(&here, &cfg, ctx, &shell);
        match judge::decide(req, now, &mut disk) {
            Ok(plan) => {
                let exe = super::hook::exe_path();
                super::write_stdout(&super::export::finish(shell, plan, &exe, true))
            }
            Err(msg) => fail(&msg),
        }
    })
}

pub fn activate(target: Option<OsString>, force: bool, shell: Option<Shell>) -> i32 {
    match shell_for("activate", shell) {
        // A venv, or a conda prefix (activated as conda's activator does).
        Ok(shell) => decide(
            shell,
            Request::Activate {
                target: target.as_ref(),
                force,
            },
        ),
        Err(code) => code,
    }
}

pub fn deactivate(mode: Option<String>, shell: Option<Shell>) -> i32 {
    match shell_for("deactivate", shell) {
        Ok(shell) => decide(
            shell,
            Request::Deactivate {
                nondestructive: mode.is_some(),
            },
        ),
        Err(code) => code,
    }
}
