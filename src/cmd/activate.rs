//! `venvsh activate` and `venvsh deactivate`: by hand, in the current shell.

use super::{cwd, fail, with_now};
use crate::plan::{self, Plan};
use crate::shell::Shell;
use crate::target::by_hand;
use std::ffi::OsString;
use std::io::IsTerminal;

/// The shell to write code for. A bare `venvsh activate` typed at a terminal cannot
/// change the shell it was typed in, so it says how to get that.
fn shell_for(cmd: &str, shell: Option<Shell>) -> Result<Shell, i32> {
    if let Some(s) = shell {
        return Ok(s);
    }
    if std::io::stdout().is_terminal() {
        let sh = Shell::from_env().unwrap_or(Shell::Bash).name();
        eprintln!(
            "venvsh: '{cmd}' changes the shell it runs in, which needs venvsh's shell hook.\n\
             Install it once, then open a new terminal:\n{}\
             Or, for this shell only:\n  \
             eval \"$(venvsh {cmd} --shell {sh})\"",
            crate::shell::rc::advice()
        );
        return Err(1);
    }
    Shell::from_env().ok_or_else(|| {
        fail(&format!(
            "cannot tell which shell to write code for; say it: eval \"$(venvsh {cmd} --shell bash)\""
        ))
    })
}

/// Prints the plan as code (`export::finish`), for a shell with or without the hook, with
/// what the hook watches from now on.
fn emit(
    shell: Shell,
    mut plan: Plan,
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    ctx: &crate::managers::Ctx,
) -> i32 {
    let exe = super::hook::exe_path();
    let marker = plan.state.active.as_ref().map(crate::state::Active::marker);
    plan.watch(super::export::watch(
        here,
        cfg,
        ctx,
        None,
        marker.as_deref(),
    ));
    super::write_stdout(&super::export::finish(shell, plan, &exe, true))
}

pub fn activate(target: Option<OsString>, force: bool, shell: Option<Shell>) -> i32 {
    let shell = match shell_for("activate", shell) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let here = cwd();
    let cwd = here.path.clone();
    let cfg = super::config();
    let ctx = super::finding_here();
    // A venv, or a conda prefix (activated as conda's activator does): the same checks.
    let c = match by_hand(target.as_ref(), &cwd, &cfg, &ctx, &shell, force) {
        Ok(c) => c,
        Err(msg) => return fail(&msg),
    };
    with_now(&cwd, &cfg, None, |now, ctx, _| {
        match plan::activate(now, &c) {
            Ok(plan) => emit(shell, plan, &here, &cfg, ctx),
            Err(msg) => fail(&msg),
        }
    })
}

pub fn deactivate(mode: Option<String>, shell: Option<Shell>) -> i32 {
    let shell = match shell_for("deactivate", shell) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let here = cwd();
    let cwd = here.path.clone();
    let cfg = super::config();
    with_now(&cwd, &cfg, None, |now, ctx, _| {
        match plan::deactivate(now, mode.is_some()) {
            Ok(plan) => emit(shell, plan, &here, &cfg, ctx),
            Err(msg) => fail(&msg),
        }
    })
}
