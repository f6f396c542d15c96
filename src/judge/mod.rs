//! The one judge (issue 33): every request that activates, deactivates or describes an
//! environment (the prompt hook, `venvsh activate`, `venvsh deactivate`, `venvsh env`)
//! is decided by `decide`, from the shell's inputs and the questions it asks of the
//! world (`plan::Look`: `Disk` answers them from this machine). No check lives beside a
//! command: what a command prints is the plan this returns.
//!
//! - `plan`: the state machine, from what the shell has to what it should have;
//! - `target`: which environment a folder or an argument means, and whether it may be
//!   used (trust, health, what the shell can hold);
//! - `disk`: the answers from this machine, the watch, and whether a script may run.

pub mod disk;
pub mod target;

pub use disk::Disk;

use crate::plan::{self, Inputs, Look, Op, Plan, Settings};
use crate::state::State;
use std::ffi::OsString;
use std::path::Path;

/// What is asked.
pub enum Request<'a> {
    /// The prompt hook, at a change: what this folder asks for now. `corrupt`: the
    /// shell's state could not be read and was dropped.
    Export { corrupt: bool },
    /// `venvsh activate [TARGET] [--force]`: by hand, pinned.
    Activate {
        target: Option<&'a OsString>,
        force: bool,
    },
    /// `venvsh deactivate`, and `deactivate nondestructive`.
    Deactivate { nondestructive: bool },
    /// `venvsh env DIR`: what entering the folder would set, from this shell as it would
    /// be without venvsh's environment. The plan's state says what would be active.
    Env,
}

/// The whole decision for `req`: the operations with the watch, the lines to say, and
/// the state after; or the one line saying why not.
pub fn decide(req: Request, now: &Inputs, look: &mut dyn Look) -> Result<Plan, String> {
    let mut plan = match req {
        Request::Export { corrupt } => plan::export(now, look, corrupt),
        Request::Activate { target, force } => {
            let plan = plan::activate(now, || look.by_hand(target, force))?;
            watched(plan, look)
        }
        Request::Deactivate { nondestructive } => {
            watched(plan::deactivate(now, nondestructive)?, look)
        }
        Request::Env => return env(now, look),
    };
    screen(&mut plan, now, look);
    Ok(plan)
}

/// `venvsh status`: what entering this folder activates, by the judgement the hook
/// makes: the environment, or why none.
pub fn describe(look: &mut dyn Look) -> plan::Target {
    look.target()
}

/// `plan` with what the hook watches from now on.
fn watched(mut plan: Plan, look: &mut dyn Look) -> Plan {
    let marker = plan.state.active.as_ref().map(crate::state::Active::marker);
    plan.watch(look.watch(marker.as_deref()));
    plan
}

/// `Request::Env`: the hook's decision for a shell without venvsh's environment, with
/// nothing said but why not (no "activated" line), and automatic switching on.
fn env(now: &Inputs, look: &mut dyn Look) -> Result<Plan, String> {
    let env = plan::without_ours(now.env, now.state, now.uid);
    if let Some(v) = &env.virtual_env {
        return Err(format!(
            "a venv venvsh did not activate is active ({}); deactivate it first",
            crate::show::show(Path::new(v))
        ));
    }
    let state = State::default();
    let fresh = Inputs {
        env: &env,
        state: &state,
        cwd: now.cwd,
        set_up_here: None,
        settings: Settings {
            auto: true,
            quiet: true,
            ..now.settings
        },
        uid: now.uid,
    };
    Ok(plan::export(&fresh, look, false))
}

/// Every conda script the plan runs, asked at this moment whether it may (`Look::
/// may_run`); one that may not is left out with its line. A `deactivate.d` script named
/// by a state that another user's shell wrote (or that does not say whose it is) never
/// runs here: `su` or `sudo -E` carries the state, not the right to run its scripts.
fn screen(plan: &mut Plan, now: &Inputs, look: &dyn Look) {
    let leaving = now
        .state
        .active
        .as_ref()
        .and_then(|a| Some((a, a.conda.as_ref()?)));
    let entering = plan.state.active.as_ref().map(|a| a.venv.clone());
    let mut said = Vec::new();
    let mut foreign = 0;
    let ops = std::mem::take(&mut plan.ops);
    for op in ops {
        let Op::Source(script) = &op else {
            plan.ops.push(op);
            continue;
        };
        let prefix = match leaving {
            Some((a, k)) if k.leave.contains(script) => {
                if !a.is_of(now.uid) {
                    foreign += 1;
                    continue;
                }
                a.venv.clone()
            }
            _ => match &entering {
                Some(p) => p.clone(),
                None => continue,
            },
        };
        match look.may_run(script, &prefix) {
            Ok(real) => plan.ops.push(Op::Source(real)),
            Err(why) => {
                plan.scripts.retain(|s| s != script);
                said.push(why);
            }
        }
    }
    if foreign > 0
        && let Some((a, _)) = leaving
    {
        said.push(format!(
            "not running {foreign} deactivate.d script(s) of {}: this shell's state was written by another user's shell (or by an older venvsh, which did not record whose)",
            crate::show::tilde(&a.venv)
        ));
    }
    // What a state says to put back on leaving is the state's: one naming what a shell or
    // venvsh's code keeps (`__venvsh_bin`, written by another user's shell or an older
    // venvsh) is not put back.
    if let Some((a, k)) = leaving {
        let before = plan.ops.len();
        plan.ops.retain(|op| match op {
            Op::Set(n, _) | Op::Unset(n) => !(k.saved.iter().any(|(s, _)| s == n) && look.keeps(n)),
            _ => true,
        });
        if plan.ops.len() != before {
            said.push(format!(
                "not putting back {} variable(s) of {} that a shell keeps for itself",
                before - plan.ops.len(),
                crate::show::tilde(&a.venv)
            ));
        }
    }
    plan.say.extend(said);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Candidate, CondaSet, Env, Seen, Target};
    use crate::state::Active;
    use std::path::PathBuf;

    /// The judge's questions from a table: one conda prefix, its scripts, which of them
    /// may run.
    struct Table {
        target: Target,
        refuse: Vec<PathBuf>,
    }

    impl Look for Table {
        fn gone(&self, _a: &Active) -> Option<crate::plan::Gone> {
            None
        }
        fn target(&mut self) -> Target {
            self.target.clone()
        }
        fn behind(&self, _r: &Path, _v: &Path) -> Option<String> {
            None
        }
        fn watch(&mut self, _m: Option<&Path>) -> Vec<(PathBuf, Seen)> {
            Vec::new()
        }
        fn by_hand(&mut self, _t: Option<&OsString>, _f: bool) -> Result<Candidate, String> {
            match &self.target {
                Target::Venv(c) => Ok(c.clone()),
                _ => Err("nothing here".into()),
            }
        }
        fn may_run(&self, script: &Path, _prefix: &Path) -> Result<PathBuf, String> {
            match self.refuse.contains(&script.to_path_buf()) {
                true => Err(format!("not running {}", script.display())),
                false => Ok(script.to_path_buf()),
            }
        }
        fn keeps(&self, name: &str) -> bool {
            name.starts_with("__venvsh")
        }
    }

    fn prefix() -> Candidate {
        let p = PathBuf::from("/p/.pixi/envs/default");
        Candidate {
            venv: p.clone(),
            bin: p.join("bin").into_os_string(),
            name: b"p".to_vec(),
            detail: "pixi env".into(),
            root: Some("/p".into()),
            for_uv: false,
            conda: Some(CondaSet {
                enter: vec![p.join("etc/conda/activate.d/a.sh")],
                leave: vec![p.join("etc/conda/deactivate.d/z.sh")],
                ..CondaSet::default()
            }),
        }
    }

    fn sources(plan: &Plan) -> Vec<&Path> {
        plan.ops
            .iter()
            .filter_map(|op| match op {
                Op::Source(p) => Some(p.as_path()),
                _ => None,
            })
            .collect()
    }

    /// The hook's request in `cwd`, as `uid`, from `env` and `st`.
    fn export(cwd: &str, env: &Env, st: &State, uid: u32, look: &mut Table) -> Plan {
        let now = Inputs {
            env,
            state: st,
            cwd: Path::new(cwd),
            set_up_here: None,
            settings: Settings::default(),
            uid,
        };
        decide(Request::Export { corrupt: false }, &now, look).unwrap()
    }

    /// Enters `/p` as `uid`, then leaves for `/q` as `leaver` with `refuse` refused:
    /// the plan of leaving.
    fn enter_then_leave(uid: u32, leaver: u32, refuse: &[&str]) -> Plan {
        let env = Env {
            path: "/usr/bin".into(),
            ..Env::default()
        };
        let mut look = Table {
            target: Target::Venv(prefix()),
            refuse: Vec::new(),
        };
        let entered = export("/p", &env, &State::default(), uid, &mut look);
        assert_eq!(
            sources(&entered),
            [Path::new("/p/.pixi/envs/default/etc/conda/activate.d/a.sh")]
        );
        // The shell as entering left it: conda's own view of the active prefix.
        let env = Env {
            path: "/p/.pixi/envs/default/bin:/usr/bin".into(),
            conda_prefix: Some("/p/.pixi/envs/default".into()),
            ..Env::default()
        };
        let mut look = Table {
            target: Target::Nothing,
            refuse: refuse.iter().map(PathBuf::from).collect(),
        };
        export("/q", &env, &entered.state, leaver, &mut look)
    }

    #[test]
    fn leave_scripts_run_for_the_user_who_entered() {
        let plan = enter_then_leave(1000, 1000, &[]);
        assert_eq!(
            sources(&plan),
            [Path::new(
                "/p/.pixi/envs/default/etc/conda/deactivate.d/z.sh"
            )]
        );
    }

    /// `su` or `sudo -E` carries the state into root's shell: root leaves the prefix
    /// (PATH and variables) and runs none of the user's scripts.
    #[test]
    fn a_state_from_another_users_shell_runs_none_of_its_scripts() {
        let plan = enter_then_leave(65534, 0, &[]);
        assert!(sources(&plan).is_empty(), "{plan:?}");
        assert!(plan.state.active.is_none());
        assert!(
            plan.ops
                .iter()
                .any(|op| matches!(op, Op::Set(n, _) if n == "PATH"))
        );
        assert!(
            plan.say
                .iter()
                .any(|l| l.contains("written by another user's shell")),
            "{:?}",
            plan.say
        );
    }

    /// A script that became writable by others (or a FIFO, or was replaced) since it
    /// was activated is asked again at leaving, and not run.
    #[test]
    fn a_leave_script_is_checked_when_it_would_run() {
        let z = "/p/.pixi/envs/default/etc/conda/deactivate.d/z.sh";
        let plan = enter_then_leave(1000, 1000, &[z]);
        assert!(sources(&plan).is_empty(), "{plan:?}");
        assert!(
            plan.say.iter().any(|l| l == &format!("not running {z}")),
            "{:?}",
            plan.say
        );
    }

    /// The real check: an absolute regular file, no folder on its real path down from `/`
    /// writable by others (a root-owned sticky one aside), and the real path is what runs.
    #[test]
    fn may_run_on_a_world_in_memory() {
        use crate::world::mem::Mem;
        let mut w = Mem::new(1000);
        let pre = "/p/.pixi/envs/default";
        let z = format!("{pre}/etc/conda/deactivate.d/z.sh");
        w.file(&z, "echo bye\n");
        let ok = |w: &Mem, s: &str| disk::may_run(w, Path::new(s), Path::new(pre));
        assert_eq!(ok(&w, &z), Ok(PathBuf::from(&z)));
        assert!(
            ok(&w, "etc/conda/deactivate.d/z.sh")
                .unwrap_err()
                .contains("must be absolute")
        );
        w.set(&format!("{pre}/etc/conda/deactivate.d"), |m| m.mode = 0o777);
        assert!(ok(&w, &z).unwrap_err().contains("writable by everyone"));
        w.set(&format!("{pre}/etc/conda/deactivate.d"), |m| m.mode = 0o755);
        w.set(&z, |m| m.uid = 65534);
        assert!(ok(&w, &z).unwrap_err().contains("owned by another user"));
        w.set(&z, |m| m.uid = 1000);
        // Above the prefix too: a project folder others can write to could swap it.
        w.set("/p", |m| m.mode = 0o777);
        assert!(
            ok(&w, &z)
                .unwrap_err()
                .contains("/p is writable by everyone")
        );
        // A sticky folder of root's (/tmp) is fine; one of another user's is not.
        w.set("/p", |m| {
            m.mode = 0o1777;
            m.uid = 0;
        });
        assert!(ok(&w, &z).is_ok());
        w.set("/p", |m| m.uid = 65534);
        assert!(ok(&w, &z).unwrap_err().contains("owned by another user"));
        w.set("/p", |m| {
            m.mode = 0o755;
            m.uid = 1000;
        });
        // Through a link: the real path is checked, and is what runs.
        w.file("/home/u/s.sh", "").link("/p/scripts", "/home/u");
        assert_eq!(ok(&w, "/p/scripts/s.sh"), Ok(PathBuf::from("/home/u/s.sh")));
        w.set("/home", |m| m.mode = 0o775);
        assert!(ok(&w, "/p/scripts/s.sh").unwrap_err().contains("its group"));
        w.set(&z, |m| m.kind = crate::world::Kind::Other);
        assert!(ok(&w, &z).unwrap_err().contains("no longer a regular file"));
    }
}
