//! Files venvsh writes (whole, by rename: the one way it writes a file) and what it asks
//! of them: same file, writable, a stable name for a path. Temporary files are named by
//! hand (the pid, `create_new`): the `tempfile` crate would do no more here, and would
//! add its dependencies to the binary the hook starts on every `cd`.

use std::path::{Path, PathBuf};

/// 64-bit FNV-1a: a stable file name for a path in the trust store (the file holds the
/// full path too, so a collision can only ever deny, never allow).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// `create_dir_all`, and the owner (uid, gid) of the folder that was there: as root
/// (sudo), the folders made are given that owner, so the user's home gets no folder
/// only root can write.
#[cfg(unix)]
fn make_dirs(dir: &Path) -> std::io::Result<Option<(u32, u32)>> {
    use std::os::unix::fs::MetadataExt;
    let made: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    std::fs::create_dir_all(dir)?;
    let there = dir.ancestors().nth(made.len()).unwrap_or(dir);
    let m = std::fs::metadata(there)?;
    let owner = (m.uid(), m.gid());
    if nix::unistd::geteuid().is_root() {
        for d in made {
            std::os::unix::fs::chown(d, Some(owner.0), Some(owner.1))?;
        }
    }
    Ok(Some(owner))
}

#[cfg(not(unix))]
fn make_dirs(dir: &Path) -> std::io::Result<Option<(u32, u32)>> {
    std::fs::create_dir_all(dir)?;
    Ok(None)
}

/// Writes the whole file under another name beside it and renames it into place, so a
/// reader sees the old text or the new (two shells writing at once each rename a whole
/// file: the trust store), never half of it; with `mode_of`, with that file's permissions and
/// (run with sudo) its owner. A file with more than one hard link is written in place
/// instead: a rename would part it from its other names.
pub fn write_atomic(path: &Path, text: &[u8], mode_of: Option<&Path>) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let owner = make_dirs(dir)?;
    #[cfg(not(unix))]
    let _ = owner;
    let like = mode_of.map(std::fs::metadata).transpose()?;
    #[cfg(unix)]
    if let Some(m) = &like
        && mode_of == Some(path)
        && std::os::unix::fs::MetadataExt::nlink(m) > 1
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        f.write_all(text)?;
        return f.sync_all();
    }
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(format!(".venvsh-tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp_name);
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    // Private until it has the mode it is to have (a new file keeps it: the trust
    // store's entries, a startup file init makes).
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
    // Made by this call, or not removed: another writer's file of the same name (a pid
    // reused, or shared by two containers) stays its own.
    let mut f = open.open(&tmp)?;
    let result = (|| {
        f.write_all(text)?;
        f.sync_all()?;
        #[cfg(unix)]
        if nix::unistd::geteuid().is_root() {
            use std::os::unix::fs::MetadataExt;
            // The file's owner; for a new file, its folder's (sudo venvsh init in the
            // user's home).
            if let Some((uid, gid)) = like.as_ref().map(|m| (m.uid(), m.gid())).or(owner) {
                nix::unistd::fchown(&f, Some(uid.into()), Some(gid.into()))?;
            }
        }
        if let Some(m) = &like {
            std::fs::set_permissions(&tmp, m.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether two paths name the same file (device and inode on Unix). Not the `same-file`
/// crate: it opens both paths, where two `stat`s do (the hook asks this on every `cd`).
#[cfg(unix)]
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
}

/// Whether this user may create files in `dir`.
#[cfg(unix)]
pub fn writable(dir: &Path) -> bool {
    nix::unistd::access(dir, nix::unistd::AccessFlags::W_OK).is_ok()
}

/// Windows: nothing to ask cheaply (a folder's read-only attribute means nothing there:
/// Documents has it); `python -m venv` finds out, and its error is passed on.
#[cfg(not(unix))]
pub fn writable(_dir: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn atomic_write_replaces() {
        let d = std::env::temp_dir().join(format!("venvsh-util-{}", std::process::id()));
        let f = d.join("x");
        write_atomic(&f, b"one", None).unwrap();
        write_atomic(&f, b"two", None).unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
