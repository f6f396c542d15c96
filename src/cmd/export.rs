//! `venvsh export SHELL [UI]`: what the prompt hook runs when something changed. It reads
//! the shell's environment, asks the judge for the whole decision with the disk's
//! answers (`judge::Disk`), says its lines and prints it for the shell.

use super::{cwd, say, with_now};
use crate::judge::{self, Disk, Request};
use crate::plan;
use crate::shell::Shell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub fn run(shell: Shell, set_up: Option<OsString>) -> i32 {
    super::write_stdout(&code(shell, set_up, None))
}

/// What the hook would do now, as code for `shell`: the shell's environment read, the
/// decision asked of `plan` with this disk's answers, its lines said. `venvsh remove` uses
/// it too, so the shell that removed its active venv is cleaned up by that same command:
/// `removed` is that venv, deactivated without a word on why (the user just said).
pub fn code(shell: Shell, set_up: Option<OsString>, removed: Option<&Path>) -> Vec<u8> {
    let here = cwd();
    let cfg = super::config();
    let plan = with_now(&here.path, &cfg, set_up.as_deref(), |now, ctx, corrupt| {
        let mut disk = Disk::new(&here, &cfg, ctx, &shell);
        disk.removed = removed;
        judge::decide(Request::Export { corrupt }, now, &mut disk)
    });
    // The hook's request is never refused: it decides what the folder asks for.
    let plan = plan.unwrap_or_default();
    finish(shell, plan, Path::new(""), false)
}

/// A plan as code for `shell`, its lines said on stderr. `exe` and `standalone`: as
/// `Shell::render` takes them.
pub fn finish(shell: Shell, mut plan: plan::Plan, exe: &Path, standalone: bool) -> Vec<u8> {
    plan.drop_unwritable(|b| shell.can_hold(b));
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
