//! `venvsh allow|deny|revoke [DIR]`: trust for a project or a venv (behaviour.md §7).

use super::{cwd, fail, say, tilde};
use crate::find::Rule;
use crate::judge::target::find;
use crate::managers::Tool;
use crate::paths::join_clean;
use crate::show::{io_reason, show};
use crate::trust::{Mark, Store, key};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy)]
pub enum Action {
    Allow,
    Deny,
    Revoke,
}

/// The folder a trust mark goes on: DIR itself when it is a venv, else the project
/// root its venv was found from (so `venvsh allow` works from any subfolder); the venv
/// an allow there covers, when there is one now; and what else it covers (a pixi
/// workspace's activation, `Workspace::activation_digest`).
type Subject = (PathBuf, Option<PathBuf>, Option<String>);

fn subject(dir: &Path, cfg: &crate::config::Config) -> Result<Subject, String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", show(dir)));
    }
    if dir.join("pyvenv.cfg").is_file() {
        return Ok((dir.to_path_buf(), Some(dir.to_path_buf()), None));
    }
    match find(dir, cfg, &super::finding_here()) {
        Some(found) => {
            let also = (found.rule == Rule::Manager(Tool::Pixi))
                .then(|| crate::managers::pixi_workspace(&found.root).activation_digest());
            Ok((found.root, found.venv.ok(), also))
        }
        None => Err(format!(
            "no venv in {} or above; create one first with 'venvsh create'",
            tilde(dir)
        )),
    }
}

pub fn run(action: Action, dir: Option<PathBuf>) -> i32 {
    let cwd = cwd().path;
    let dir = match dir {
        Some(d) if d.is_absolute() => d,
        Some(d) => join_clean(&cwd, &d),
        None => cwd.clone(),
    };
    let cfg = super::config();
    let Some(store) = Store::open() else {
        return fail("cannot find a data folder for the trust store (set HOME or XDG_DATA_HOME)");
    };
    let (subject, venv, also) = match (action, subject(&dir, &cfg)) {
        (_, Ok(s)) => s,
        // Revoking what no longer holds a venv must still work.
        (Action::Revoke, Err(_)) => (dir.clone(), None, None),
        (_, Err(msg)) => return fail(&msg),
    };
    let k = key(&subject);
    let result = match (action, &venv) {
        (Action::Allow, Some(venv)) => store.allow_with(&k, venv, also.as_deref()).map(|_| {
            if *venv == subject {
                format!(
                    "allowed {}: it activates in {}, the folder it is in; if it is made again, venvsh asks again (a project elsewhere that uses it needs its own 'venvsh allow')",
                    tilde(&subject),
                    subject.parent().map(tilde).unwrap_or_default()
                )
            } else {
                format!(
                    "allowed {} with {}: it activates when you enter it; if the folder names another venv, or this one is made again, venvsh asks again",
                    tilde(&subject),
                    tilde(venv)
                )
            }
        }),
        (Action::Allow, None) => store.set(&k, Mark::Allow).map(|_| {
            format!(
                "allowed {}: the first venv it names activates when you enter it, and the allow then holds that venv",
                tilde(&subject)
            )
        }),
        (Action::Deny, _) => store.set(&k, Mark::Deny).map(|_| {
            format!(
                "denied {}: its venv will not activate by itself, and no hint is shown",
                tilde(&subject)
            )
        }),
        (Action::Revoke, _) => store.remove(&k).map(|removed| {
            if removed {
                format!("forgot allow/deny for {}", tilde(&subject))
            } else {
                format!("{} was neither allowed nor denied", tilde(&subject))
            }
        }),
    };
    match result {
        Ok(msg) => {
            say(&msg);
            0
        }
        Err(e) => fail(&format!(
            "cannot write the trust store {}: {}",
            tilde(store.dir()),
            io_reason(&e)
        )),
    }
}
