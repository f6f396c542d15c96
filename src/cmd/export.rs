//! `venvsh export SHELL [UI]`: what the prompt hook runs when something changed.

use super::{cwd, say, with_now};
use crate::plan::{self, Op, Seen};
use crate::shell::Shell;
use crate::state::VAR;
use crate::target::target_for;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub fn run(shell: Shell, ui: Option<OsString>) -> i32 {
    super::write_stdout(&code(shell, ui, None))
}

/// What the hook would do now, as code for `shell`. `venvsh remove` uses it too, so the
/// shell that removed its active venv is cleaned up by that same command: `removed` is
/// that venv, deactivated without a word on why (the user just said).
pub fn code(shell: Shell, ui: Option<OsString>, removed: Option<&Path>) -> Vec<u8> {
    let here = cwd();
    let cwd = here.path.clone();
    let cfg = super::config();
    let gone = |venv: &Path| {
        let cfg = venv.join("pyvenv.cfg");
        if removed == Some(venv) {
            Some(String::new())
        } else if cfg.is_file() {
            None
        } else {
            Some(format!(
                ": {} is gone or out of reach",
                crate::show::show(&cfg)
            ))
        }
    };
    let mut entered = None;
    let (mut plan, corrupt) = with_now(&cwd, &cfg, ui.as_deref(), |now, corrupt| {
        let plan = plan::export(now, &gone, &mut || {
            let t = target_for(&here, &cfg, &shell);
            if let plan::Target::Venv(c) = &t {
                entered = c.root.clone().map(|r| (r, c.venv.clone()));
            }
            t
        });
        // A venv activated now (not the one already active): entering its project.
        let was = now.state.active.as_ref().map(|a| &a.venv);
        if plan.state.active.as_ref().map(|a| &a.venv) == was {
            entered = None;
        }
        (plan, corrupt)
    });
    if let Some((root, venv)) = &entered
        && plan.state.active.as_ref().is_some_and(|a| &a.venv == venv)
        && !cfg.quiet()
        && let Some(line) = crate::stale::hint(root, venv)
    {
        plan.say.push(line);
    }
    if corrupt && !plan.ops.iter().any(|op| matches!(op, Op::Set(VAR, _))) {
        plan.ops.insert(0, Op::Unset(VAR));
    }
    finish(shell, plan, &here, &cfg, Path::new(""), false)
}

/// A plan as code for `shell`: its lines said on stderr, and what the hook must watch at
/// idle prompts from now on (the active venv vanishing, a venv appearing here) added. The
/// shell records the result as seen, so without the watch it would not look again until
/// the next cd. `exe` and `standalone`: as `Shell::render` takes them.
pub fn finish(
    shell: Shell,
    mut plan: plan::Plan,
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    exe: &Path,
    standalone: bool,
) -> Vec<u8> {
    for line in &plan.say {
        say(line);
    }
    let active = plan.state.active.as_ref().map(|a| a.venv.clone());
    plan.ops
        .push(Op::Watch(watch(here, cfg, active.as_deref())));
    shell.render(&plan.ops, exe, standalone)
}

/// What must wake the hook at an idle prompt: the active venv vanishing, or a venv
/// appearing in this folder (`python -m venv .venv`, a `.venv` link file). Each name is
/// watched at its cheapest: an absent name by a negative lookup of the name itself.
/// What each name is now is looked up from `.` where that is the folder: a short name,
/// not the whole path once more.
fn watch(
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    active: Option<&Path>,
) -> Vec<(PathBuf, Seen)> {
    let cwd = &here.path;
    let look = |name: &Path| {
        if here.dot {
            Seen::of(name)
        } else {
            Seen::of(&cwd.join(name))
        }
    };
    let mut w: Vec<(PathBuf, Seen)> = Vec::new();
    if cfg.auto {
        for name in &cfg.venv_names {
            match look(Path::new(name)) {
                // A `.venv` file (a link to a venv elsewhere) is watched as itself.
                seen @ (Seen::Absent | Seen::File) => w.push((cwd.join(name), seen)),
                Seen::NotFile => {
                    let c = Path::new(name).join("pyvenv.cfg");
                    let seen = look(&c);
                    w.push((cwd.join(c), seen));
                }
            }
        }
        if !cfg.venv_names.iter().any(|n| n == ".venv") {
            let seen = look(Path::new(".venv"));
            w.push((cwd.join(".venv"), seen));
        }
        // In a project folder with no venv of its own (which would win), where its tool
        // keeps or will make the environment (`poetry install`, `pipenv install`): made,
        // it activates at the next prompt.
        let own = w.iter().any(|(_, seen)| *seen == Seen::File);
        if !own
            && let Some(marks) = crate::managers::marks(|m| look(Path::new(m)) == Seen::File)
            && let Some(env) = crate::managers::expected(cwd, marks, &crate::managers::Ctx::here())
        {
            let c = env.join("pyvenv.cfg");
            let seen = Seen::of(&c);
            w.push((c, seen));
        }
    }
    if let Some(venv) = active {
        let c = venv.join("pyvenv.cfg");
        if !w.iter().any(|(p, _)| *p == c) {
            w.push((c, Seen::File));
        }
    }
    w
}
