//! `venvsh export SHELL [UI]`: what the prompt hook runs when something changed. It reads
//! the shell's environment, asks `plan::export` for the whole decision with the disk's
//! answers (`Disk`), says its lines and prints it for the shell.

use super::{cwd, say, with_now};
use crate::plan::{self, Seen};
use crate::shell::Shell;
use crate::target::target_for;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub fn run(shell: Shell, ui: Option<OsString>) -> i32 {
    super::write_stdout(&code(shell, ui, None))
}

/// What the hook would do now, as code for `shell`: the shell's environment read, the
/// decision asked of `plan` with this disk's answers, its lines said. `venvsh remove` uses
/// it too, so the shell that removed its active venv is cleaned up by that same command:
/// `removed` is that venv, deactivated without a word on why (the user just said).
pub fn code(shell: Shell, ui: Option<OsString>, removed: Option<&Path>) -> Vec<u8> {
    let here = cwd();
    let cfg = super::config();
    let mut disk = Disk {
        here: &here,
        cfg: &cfg,
        shell,
        removed,
    };
    let plan = with_now(&here.path, &cfg, ui.as_deref(), |now, corrupt| {
        plan::export(now, &mut disk, corrupt)
    });
    finish(shell, plan, Path::new(""), false)
}

/// A plan as code for `shell`, its lines said on stderr. `exe` and `standalone`: as
/// `Shell::render` takes them.
pub fn finish(shell: Shell, plan: plan::Plan, exe: &Path, standalone: bool) -> Vec<u8> {
    for line in &plan.say {
        say(line);
    }
    shell.render(&plan.ops, exe, standalone)
}

/// The decision's questions (`plan::Look`), answered from the disk.
pub struct Disk<'a> {
    pub here: &'a crate::cwd::Cwd,
    pub cfg: &'a crate::config::Config,
    pub shell: Shell,
    /// A venv `venvsh remove` just deleted.
    pub removed: Option<&'a Path>,
}

impl plan::Look for Disk<'_> {
    fn gone(&self, venv: &Path) -> Option<String> {
        let cfg = venv.join("pyvenv.cfg");
        if self.removed == Some(venv) {
            Some(String::new())
        } else if cfg.is_file() {
            None
        } else {
            Some(format!(
                ": {} is gone or out of reach",
                crate::show::show(&cfg)
            ))
        }
    }

    fn target(&mut self) -> plan::Target {
        target_for(self.here, self.cfg, &self.shell)
    }

    fn behind(&self, root: &Path, venv: &Path) -> Option<String> {
        crate::stale::hint(root, venv)
    }

    fn watch(&self, active: Option<&Path>) -> Vec<(PathBuf, Seen)> {
        watch(self.here, self.cfg, active)
    }
}

/// How a watched path looks now.
fn seen(p: &Path) -> Seen {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => Seen::File,
        Ok(_) => Seen::NotFile,
        Err(_) => Seen::Absent,
    }
}

/// What must wake the hook at an idle prompt: the active venv vanishing, or a venv
/// appearing in this folder (`python -m venv .venv`, a `.venv` link file). Each name is
/// watched at its cheapest: an absent name by a negative lookup of the name itself.
/// What each name is now is looked up from `.` where that is the folder: a short name,
/// not the whole path once more.
pub fn watch(
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    active: Option<&Path>,
) -> Vec<(PathBuf, Seen)> {
    let cwd = &here.path;
    let look = |name: &Path| {
        if here.dot {
            seen(name)
        } else {
            seen(&cwd.join(name))
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
            let seen = seen(&c);
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
