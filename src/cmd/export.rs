//! `venvsh export SHELL [UI]`: what the prompt hook runs when something changed.

use super::{cwd, read_env, read_state, say, settings, target_for};
use crate::plan::{self, Now, Op};
use crate::shell::Shell;
use crate::state::VAR;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

pub fn run(shell: Shell, ui: Option<OsString>) -> i32 {
    let cwd = cwd();
    let env = read_env();
    let (state, corrupt) = read_state();
    let cfg = super::config();
    let ui = ui.filter(|u| !u.is_empty()).map(PathBuf::from);
    let now = Now {
        env: &env,
        state: &state,
        cwd: &cwd,
        ui: ui.as_deref(),
        settings: settings(&cfg),
    };
    let exists = |venv: &Path| venv.join("pyvenv.cfg").is_file();
    let mut plan = plan::export(&now, &exists, &mut || target_for(&cwd, &cfg));
    if corrupt && !plan.ops.iter().any(|op| matches!(op, Op::Set(VAR, _))) {
        plan.ops.insert(0, Op::Unset(VAR));
    }
    for line in &plan.say {
        say(line);
    }
    // What must wake the hook at an idle prompt: the active venv vanishing, or a venv
    // appearing in this folder (`python -m venv .venv`).
    let mut watch = Vec::new();
    if let Some(a) = &plan.state.active {
        watch.push(a.venv.join("pyvenv.cfg"));
    }
    if cfg.auto {
        watch.push(cwd.join(".venv"));
        watch.extend(
            cfg.venv_names
                .iter()
                .map(|n| cwd.join(n).join("pyvenv.cfg")),
        );
    }
    plan.ops.push(Op::Watch(watch));
    let exe = super::hook::exe_path();
    super::write_stdout(&shell.render(&plan.ops, &exe, false))
}
