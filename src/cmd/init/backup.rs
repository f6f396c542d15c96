//! One backup per startup file, in venvsh's data folder (never beside a file that may
//! live in a dotfiles repository).

use crate::paths::path_bytes;
use std::path::{Path, PathBuf};

/// Where `init` keeps the one backup of `file`: in venvsh's data folder, not beside the
/// file (a dotfiles repository that the file links into would get it), named for the
/// file's path.
pub(super) fn backup_of(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_string_lossy().into_owned();
    let hash = crate::files::fnv1a64(path_bytes(file));
    Some(
        crate::places::dir(crate::places::Kind::Data)?
            .join("backups")
            .join(format!("{name}.{hash:016x}")),
    )
}

/// The backups of this file: the one in the data folder, and those beside it that
/// earlier versions made (FILE.venvsh-backup-DATE).
pub(super) fn backups(file: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = backup_of(file).into_iter().filter(|b| b.exists()).collect();
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return found;
    };
    let prefix = format!("{}.venvsh-backup-", name.to_string_lossy());
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut beside: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        beside.sort();
        found.extend(beside);
    }
    found
}

/// A copy of the file as it was, with its mode, as its one backup (a newer one replaces
/// it); where it went.
pub(super) fn backup(file: &Path, text: &[u8]) -> std::io::Result<PathBuf> {
    let to = backup_of(file).ok_or_else(|| {
        std::io::Error::other("no data folder for the backup (set HOME or XDG_DATA_HOME)")
    })?;
    crate::files::write_atomic(&to, text, Some(file))?;
    Ok(to)
}
