//! `venvsh allow|deny|revoke [DIR]`: trust for a project or a venv (behaviour.md §7).

use super::{cwd, fail, say, tilde};
use crate::target::find;
use crate::trust::{Mark, Store, key};
use crate::util::{io_reason, join_clean, show};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy)]
pub enum Action {
    Allow,
    Deny,
    Revoke,
}

/// The folder a trust mark goes on: DIR itself when it is a venv, else the project
/// root its venv was found from (so `venvsh allow` works from any subfolder).
fn subject(dir: &Path, cfg: &crate::config::Config) -> Result<PathBuf, String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a folder", show(dir)));
    }
    if dir.join("pyvenv.cfg").is_file() {
        return Ok(dir.to_path_buf());
    }
    match find(dir, cfg) {
        Some(found) => Ok(found.root),
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
    let subject = match (action, subject(&dir, &cfg)) {
        (_, Ok(s)) => s,
        // Revoking what no longer holds a venv must still work.
        (Action::Revoke, Err(_)) => dir.clone(),
        (_, Err(msg)) => return fail(&msg),
    };
    let k = key(&subject);
    let result = match action {
        Action::Allow => store.set(&k, Mark::Allow).map(|_| {
            format!(
                "allowed {}: its venv activates when you enter it",
                tilde(&subject)
            )
        }),
        Action::Deny => store.set(&k, Mark::Deny).map(|_| {
            format!(
                "denied {}: its venv will not activate by itself, and no hint is shown",
                tilde(&subject)
            )
        }),
        Action::Revoke => store.remove(&k).map(|removed| {
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
