//! `venvsh export SHELL [UI]`: what the prompt hook runs when something changed. It reads
//! the shell's environment, asks `plan::export` for the whole decision with the disk's
//! answers (`Disk`), says its lines and prints it for the shell.

use super::{cwd, say, with_now};
use crate::find;
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
    let plan = with_now(&here.path, &cfg, ui.as_deref(), |now, ctx, corrupt| {
        let mut disk = Disk {
            here: &here,
            cfg: &cfg,
            ctx,
            holds: &shell,
            trust_given: false,
            removed,
            sight: None,
        };
        plan::export(now, &mut disk, corrupt)
    });
    finish(shell, plan, Path::new(""), false)
}

/// A plan as code for `shell`, its lines said on stderr. `exe` and `standalone`: as
/// `Shell::render` takes them.
pub fn finish(shell: Shell, mut plan: plan::Plan, exe: &Path, standalone: bool) -> Vec<u8> {
    plan.hold(|b| shell.carries(b));
    if !plan.scripts.is_empty() && !plan.scripts.iter().any(|s| shell.runs(s)) {
        plan.say
            .push(other_shells(&plan.scripts, shell.script_ext()));
    }
    for line in &plan.say {
        say(line);
    }
    shell.render(&plan.ops, exe, standalone)
}

/// The line for a conda prefix whose `activate.d` scripts are all in other shells'
/// languages: which ones, so the user knows what did not run.
pub fn other_shells(scripts: &[PathBuf], mine: Option<&str>) -> String {
    let mut exts: Vec<String> = scripts
        .iter()
        .filter_map(|s| s.extension())
        .map(|e| format!(".{}", e.to_string_lossy()))
        .collect();
    exts.sort();
    exts.dedup();
    let dir = scripts[0].parent().unwrap_or(Path::new(""));
    format!(
        "{} holds scripts for other shells only ({}); none is run here{}",
        crate::show::tilde(dir),
        exts.join(", "),
        match mine {
            Some(e) => format!(" (this shell runs .{e} ones)"),
            None => " (this shell runs none)".into(),
        }
    )
}

/// The decision's questions (`plan::Look`), answered from the disk.
pub struct Disk<'a> {
    pub here: &'a crate::cwd::Cwd,
    pub cfg: &'a crate::config::Config,
    pub ctx: &'a crate::managers::Ctx<'a>,
    /// What the output can hold: the shell's, or `venvsh env`'s format's.
    pub holds: &'a dyn crate::target::Holds,
    /// `venvsh env --trust`: the project need not be allowed.
    pub trust_given: bool,
    /// A venv `venvsh remove` just deleted.
    pub removed: Option<&'a Path>,
    /// What the walk for `target` looked at in this folder.
    pub sight: Option<find::Sight>,
}

impl plan::Look for Disk<'_> {
    fn gone(&self, active: &crate::state::Active) -> Option<String> {
        let marker = active.marker();
        if self.removed == Some(active.venv.as_path()) {
            Some(String::new())
        } else if marker.is_file() {
            None
        } else {
            Some(format!(
                ": {} is gone or out of reach",
                crate::show::show(&marker)
            ))
        }
    }

    fn target(&mut self) -> plan::Target {
        let mut sight = find::Sight::new();
        let t = target_for(
            self.here,
            self.cfg,
            self.ctx,
            self.holds,
            Some(&mut sight),
            self.trust_given,
        );
        self.sight = Some(sight);
        t
    }

    fn behind(&self, root: &Path, venv: &Path) -> Option<String> {
        crate::stale::hint(root, venv)
    }

    fn watch(&mut self, marker: Option<&Path>) -> Vec<(PathBuf, Seen)> {
        watch(self.here, self.cfg, self.ctx, self.sight.take(), marker)
    }
}

/// What must wake the hook at an idle prompt: a change in what the walk looked at in this
/// folder (a venv appearing, `python -m venv .venv`, a `.venv` link file, a tool's
/// environment made), or the active venv vanishing (`marker`, its `Active::marker`).
/// Without a walk this time (a pinned venv, one deactivated here), this folder alone is
/// looked at the same way.
pub fn watch(
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    ctx: &crate::managers::Ctx,
    sight: Option<find::Sight>,
    marker: Option<&Path>,
) -> Vec<(PathBuf, Seen)> {
    let mut w = match sight {
        Some(sight) => sight,
        None if cfg.auto => crate::target::seek(cfg, ctx, |seek| find::sight(&here.path, seek)),
        None => Vec::new(),
    };
    if let Some(c) = marker
        && !w.iter().any(|(p, _)| p == c)
    {
        w.push((c.to_path_buf(), Seen::File));
    }
    w
}
