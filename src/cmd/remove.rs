//! `venvsh remove [PATH]`: deletes a venv (only a folder with a `pyvenv.cfg`), after a
//! question on a terminal, and forgets its trust mark. Through the shell function
//! (`--shell`), a venv that was active in that shell is deactivated by the same command:
//! its output is what the hook would now do, evaluated as `activate`'s is.

use super::{cwd, fail, say, tilde};
use crate::judge::target::resolve;
use crate::show::io_reason;
use crate::trust::{Store, key};
use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};

pub fn run(target: Option<OsString>, yes: bool, shell: Option<crate::shell::Shell>) -> i32 {
    let cwd = cwd().path;
    let cfg = super::config();
    let ctx = super::finding_here();
    let (v, _) = match resolve(target.as_ref(), &cwd, &cfg, &ctx, "venvsh remove PATH|NAME") {
        Ok(x) => x,
        Err(msg) => return fail(&format!("{msg}; venvsh removes only venvs")),
    };
    if !yes && std::io::stdin().is_terminal() {
        let size = super::list::size_of(&v.path);
        eprint!(
            "venvsh: remove {} (Python {}, {})? [y/N] ",
            tilde(&v.path),
            v.version().unwrap_or_else(|| "?".into()),
            super::list::human(size)
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            say("nothing removed");
            return 1;
        }
    }
    let k = key(&v.path);
    if let Err(e) = std::fs::remove_dir_all(&v.path) {
        return fail(&format!(
            "cannot remove {}: {}",
            tilde(&v.path),
            io_reason(&e)
        ));
    }
    if let Some(store) = Store::open() {
        let _ = store.remove(&k);
    }
    say(&format!("removed {}", tilde(&v.path)));
    match shell {
        Some(sh) => super::write_stdout(&super::export::code(sh, None, Some(&v.path))),
        None => 0,
    }
}
