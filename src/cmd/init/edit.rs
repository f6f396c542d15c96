//! The block in or out of one startup file: read (bounded), changed as text (`rcfile`),
//! written whole by rename, as the user has the file (mode, owner, links, line endings).

use super::Target;
use super::backup::{backup, backups};
use crate::rcfile;
use crate::show::io_reason;
use std::path::{Path, PathBuf};

/// Where a file really is: a symlinked rc file is changed where the link points. A link
/// that leads nowhere is an error, or with `missing_ok` no file at all.
pub(super) fn real(file: &Path, missing_ok: bool) -> Result<Option<PathBuf>, String> {
    match std::fs::symlink_metadata(file) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(file) {
            Ok(p) => Ok(Some(p)),
            Err(_) if missing_ok => Ok(None),
            Err(e) => Err(format!(
                "cannot change {}: it is a link to a file that cannot be reached ({}); it is left as it was",
                file.display(),
                io_reason(&e)
            )),
        },
        _ => Ok(Some(file.to_path_buf())),
    }
}

/// `sudo venvsh init` for a home that is not root's (issue 34 §5): root writes only files
/// the home's owner owns, inside that home, and follows no link out of it. A user's
/// `~/.bashrc` linked to a root-owned file was followed and rewritten.
#[cfg_attr(not(unix), allow(dead_code))] // never made where there is no root
pub(super) struct Guard {
    /// The home, as named and as its real path.
    pub home: PathBuf,
    pub real_home: PathBuf,
    pub owner: u32,
}

impl Guard {
    /// The guard for this process and `home`: Some when running as root for a home that
    /// another user owns; an error, as root, when whose home it is cannot be told (it
    /// does not fail open).
    #[cfg(unix)]
    pub fn for_home(home: &Path) -> Result<Option<Guard>, String> {
        use std::os::unix::fs::MetadataExt;
        if !nix::unistd::geteuid().is_root() {
            return Ok(None);
        }
        let owner = std::fs::canonicalize(home)
            .and_then(|real| Ok((std::fs::metadata(&real)?.uid(), real)));
        match owner {
            Ok((0, _)) => Ok(None),
            Ok((owner, real_home)) => Ok(Some(Guard {
                home: home.to_path_buf(),
                real_home,
                owner,
            })),
            Err(e) => Err(format!(
                "init: running as root, and whose home {} is cannot be told ({}); run venvsh init as the home's owner",
                home.display(),
                io_reason(&e)
            )),
        }
    }

    #[cfg(not(unix))]
    pub fn for_home(_home: &Path) -> Result<Option<Guard>, String> {
        Ok(None)
    }

    /// Whether root may write `file` (its real path, or where it would be made) for
    /// the home's owner, `shown` being the path as the shell names it: one in the home
    /// that leads out of it is refused, and so is any not the owner's (a startup file
    /// outside the home, where XDG_CONFIG_HOME says, must be the owner's too).
    #[cfg(unix)]
    fn check(&self, shown: &Path, file: &Path) -> Result<(), String> {
        use std::os::unix::fs::MetadataExt;
        let refuse = |why: &str| {
            Err(format!(
                "cannot change {} as root: {why}; it is left as it was (run venvsh init as its owner)",
                shown.display()
            ))
        };
        // Where it is, or where it would be made: its nearest folder that is there.
        let there = file.ancestors().find(|a| a.exists()).unwrap_or(file);
        let real = std::fs::canonicalize(there).unwrap_or_else(|_| there.to_path_buf());
        let named_in_home = shown.starts_with(&self.home) || shown.starts_with(&self.real_home);
        if named_in_home && !real.starts_with(&self.real_home) {
            return refuse("it leads out of the home folder");
        }
        match std::fs::metadata(&real) {
            Ok(m) if m.uid() != self.owner => refuse("it is not owned by the home's owner"),
            _ => Ok(()),
        }
    }

    #[cfg(not(unix))]
    fn check(&self, _shown: &Path, _file: &Path) -> Result<(), String> {
        Ok(())
    }
}

/// A read-only file is the user's way of saying "leave it": init and `--undo` both do.
fn writable(t: &Target, file: &Path) -> Result<(), String> {
    if std::fs::metadata(file).is_ok_and(|m| m.permissions().readonly()) {
        return Err(format!(
            "cannot change {}: it is read-only; it is left as it was",
            t.file.display()
        ));
    }
    Ok(())
}

/// The file's bytes, or None when there is none.
pub(super) fn read(file: &Path) -> Result<Option<Vec<u8>>, String> {
    crate::bounded::read_if_there(file, crate::bounded::cap::STARTUP_FILE)
        .map_err(|e| format!("{}; it is left as it was", e.line(file)))
}

pub(super) fn put_in(t: &Target, dry_run: bool, guard: Option<&Guard>) -> Result<(), String> {
    let file = real(&t.file, false)?.expect("a file to write");
    if let Some(g) = guard {
        g.check(&t.file, &file)?;
        if let Some((p, _)) = &t.saved_hook {
            g.check(p, p)?;
        }
        // Its backup goes in the user's data folder: that is checked too.
        if let Some(b) = super::backup::backup_of(&file) {
            g.check(&b, &b)?;
        }
    }
    let old = read(&file)?;
    let text = old.clone().unwrap_or_default();
    let damaged = |why: String| {
        format!(
            "cannot change {}: {why}; it is left as it was (fix it by hand)",
            t.file.display()
        )
    };
    // Windows PowerShell 5.1 writes UTF-16 (`>`, Out-File): ASCII bytes added there
    // would be garbage.
    if text.starts_with(&[0xff, 0xfe]) || text.starts_with(&[0xfe, 0xff]) {
        return Err(damaged(
            "it is UTF-16 text, and venvsh adds its line only to UTF-8".into(),
        ));
    }
    let new = rcfile::with_block(&text, &t.lines).map_err(damaged)?;
    let hook_stale = t
        .saved_hook
        .as_ref()
        .is_some_and(|(p, code)| read(p).ok().flatten().as_deref() != Some(code.as_slice()));
    if new == text && !hook_stale {
        println!("{} already has the venvsh hook", t.file.display());
        return Ok(());
    }
    if old.is_some() {
        writable(t, &file)?;
    }
    if dry_run {
        println!("would add the venvsh hook to {}:", t.file.display());
        for l in &t.lines {
            println!("    {l}");
        }
        if let Some((p, _)) = &t.saved_hook {
            println!("  and save the hook as {}", p.display());
        }
        return Ok(());
    }
    if let Some((p, code)) = &t.saved_hook {
        crate::files::write_atomic(p, code, None).map_err(|e| cannot_write(p, &e))?;
    }
    if new != text {
        // A backup of the file as the user had it: not of one that holds a block
        // already (an update), whose original the first backup keeps.
        let copy = match old.is_some() && !rcfile::has_block(&text) {
            true => Some(backup(&file, &text).map_err(|e| cannot_write(&file, &e))?),
            false => None,
        };
        if let Err(e) =
            crate::files::write_atomic(&file, &new, old.as_ref().map(|_| file.as_path()))
        {
            // The backup goes only when the file is still as it was (a file with hard
            // links is written in place, and a failed write may have cut it short).
            if let Some(c) = copy {
                if read(&file).ok().flatten().as_deref() == Some(text.as_slice()) {
                    let _ = std::fs::remove_file(c);
                } else {
                    return Err(format!(
                        "{}; it was saved before in {}",
                        cannot_write(&file, &e),
                        c.display()
                    ));
                }
            }
            return Err(cannot_write(&file, &e));
        }
        if let Some(c) = &copy {
            println!("saved {} as it was in {}", t.file.display(), c.display());
        }
    }
    println!("added the venvsh hook to {}", t.file.display());
    Ok(())
}

pub(super) fn take_out(t: &Target, dry_run: bool, guard: Option<&Guard>) -> Result<(), String> {
    // A link that leads nowhere holds nothing to take out.
    let Some(file) = real(&t.file, true)? else {
        return Ok(());
    };
    if let Some(g) = guard {
        g.check(&t.file, &file)?;
    }
    let mut took_out = false;
    if let Some(text) = read(&file)?
        && !rcfile::blocks_free(&text)
    {
        let new = rcfile::without_block(&text).map_err(|why| {
            format!(
                "cannot change {}: {why}; it is left as it was (fix it by hand)",
                t.file.display()
            )
        })?;
        took_out = true;
        writable(t, &file)?;
        if dry_run {
            println!("would take the venvsh lines out of {}", t.file.display());
        } else if new.is_empty() && backups(&file).is_empty() {
            // Made by `init`, with nothing else in it: as if it had never been. A file
            // that was there before (empty, even) has a backup and stays.
            std::fs::remove_file(&file).map_err(|e| cannot_write(&file, &e))?;
            println!("removed {} (venvsh had made it)", t.file.display());
        } else {
            crate::files::write_atomic(&file, &new, Some(&file))
                .map_err(|e| cannot_write(&file, &e))?;
            println!("removed the venvsh lines from {}", t.file.display());
        }
    }
    // The hook file init saved, once nothing sources it from here (one saved by hand
    // and sourced by a line of the user's stays).
    if let Some((p, _)) = &t.saved_hook
        && took_out
        && p.exists()
    {
        if dry_run {
            println!("would remove {}", p.display());
        } else {
            std::fs::remove_file(p).map_err(|e| cannot_write(p, &e))?;
            println!("removed {}", p.display());
        }
    }
    if dry_run {
        return Ok(());
    }
    // Backups the file is now identical to (after taking a block out of the backup too:
    // install.sh's blocks were in its backups) have nothing left to keep.
    let now = read(&file).ok().flatten();
    for b in backups(&file) {
        let same = read(&b)
            .ok()
            .flatten()
            .and_then(|old| rcfile::without_block(&old).ok())
            .is_some_and(|old| Some(old) == now);
        if same {
            let _ = std::fs::remove_file(&b);
        } else {
            println!(
                "left {}: {} as it was before venvsh init, which differs from it now",
                b.display(),
                t.file.display()
            );
        }
    }
    Ok(())
}

pub(super) fn cannot_write(file: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot change {}: {}; it is left as it was",
        file.display(),
        io_reason(e)
    )
}
