//! Small helpers shared by the core and the commands.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn home_dir() -> Option<PathBuf> {
    dirs::home_dir()
}

/// `std::io::Error` without the "(os error 2)" tail users do not need.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(unix)]
pub fn os_bytes(s: &OsStr) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes()
}

#[cfg(unix)]
pub fn os_from_bytes(b: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(b).to_os_string()
}

#[cfg(not(unix))]
pub fn os_bytes(s: &OsStr) -> &[u8] {
    s.as_encoded_bytes()
}

#[cfg(not(unix))]
pub fn os_from_bytes(b: &[u8]) -> OsString {
    OsString::from(String::from_utf8_lossy(b).into_owned())
}

pub fn path_bytes(p: &Path) -> &[u8] {
    os_bytes(p.as_os_str())
}

/// An absolute path whose bytes between slashes are its components: no `//`, no `.`
/// or `..` part, no `/` at the end (but `/` itself). getcwd() gives this form.
pub fn is_plain(b: &[u8]) -> bool {
    if b == b"/" {
        return true;
    }
    if b.first() != Some(&b'/') {
        return false;
    }
    // One pass: each part between slashes is non-empty and neither `.` nor `..`.
    let mut start = 1;
    for i in 1..=b.len() {
        if i == b.len() || b[i] == b'/' {
            if matches!(&b[start..i], b"" | b"." | b"..") {
                return false;
            }
            start = i + 1;
        }
    }
    true
}

/// `path.starts_with(prefix)`, whole components, by comparing bytes when both are plain
/// (see `is_plain`): on a cd 40 folders deep, std's component walk was a fifth of all
/// the instructions `venvsh export` ran.
pub fn starts_with(path: &Path, prefix: &Path) -> bool {
    let (a, b) = (path_bytes(path), path_bytes(prefix));
    if cfg!(unix) && is_plain(a) && is_plain(b) {
        return b == b"/" || (a.starts_with(b) && (a.len() == b.len() || a[b.len()] == b'/'));
    }
    path.starts_with(prefix)
}

/// `~/x` for paths under the home folder, for short messages.
pub fn tilde(p: &Path) -> String {
    if let Some(home) = home_dir()
        && let Ok(rest) = p.strip_prefix(&home)
        && !home.as_os_str().is_empty()
        && home != Path::new("/")
    {
        return format!("~/{}", show(rest));
    }
    show(p)
}

/// A path for a message: lossy, on one line.
pub fn show(p: &Path) -> String {
    show_bytes(path_bytes(p))
}

pub fn show_bytes(b: &[u8]) -> String {
    String::from_utf8_lossy(b)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The last component of a path, as bytes.
pub fn file_name_bytes(p: &Path) -> Vec<u8> {
    p.file_name()
        .map(|n| os_bytes(n).to_vec())
        .unwrap_or_else(|| path_bytes(p).to_vec())
}

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

/// Writes `path` so that a reader sees the old content or the new, never half of it:
/// two shells writing at once each rename a whole file into place.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp.{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The current folder as the user reached it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cwd {
    /// `PWD` when it names the current folder (keeps the user's symlinks, behaviour.md §4),
    /// else the physical current folder.
    pub path: PathBuf,
    /// No symlink on the way to it: it and its ancestors are their own real paths.
    pub physical: bool,
    /// `.` is this folder, so a name in it can be looked up as itself, without walking
    /// the whole path again. False only where the current folder could not be read and
    /// `PWD` was taken on trust.
    pub dot: bool,
}

pub fn logical_cwd() -> std::io::Result<Cwd> {
    let physical = std::env::current_dir();
    if let Some(pwd) = std::env::var_os("PWD") {
        let pwd = PathBuf::from(pwd);
        if physical.as_ref().is_ok_and(|p| *p == pwd) {
            return Ok(Cwd {
                path: pwd,
                physical: true,
                dot: true,
            });
        }
        if pwd.is_absolute() && same_file(&pwd, Path::new(".")) {
            return Ok(Cwd {
                path: pwd,
                physical: false,
                dot: true,
            });
        }
    }
    physical.map(|path| Cwd {
        path,
        physical: true,
        dot: true,
    })
}

/// Whether two paths name the same file (device and inode on Unix).
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

/// A real path as Windows users write it: `canonicalize` there gives the verbatim form
/// (`\\?\C:\x`, `\\?\UNC\srv\share`), which no shell shows and which compares unequal to
/// the path of the current folder. Elsewhere (and for any other form) the path as it is.
pub fn without_verbatim(p: &Path) -> PathBuf {
    let b = path_bytes(p);
    let plain = if let Some(rest) = b.strip_prefix(br"\\?\UNC\") {
        [br"\\".as_slice(), rest].concat()
    } else if let Some(rest) = b.strip_prefix(br"\\?\")
        && rest.len() >= 3
        && rest[0].is_ascii_alphabetic()
        && rest[1] == b':'
        && rest[2] == b'\\'
    {
        rest.to_vec()
    } else {
        return p.to_path_buf();
    };
    PathBuf::from(os_from_bytes(&plain))
}

/// Joins the way the shell's logical `cd` does, without touching the disk: `.` dropped,
/// `..` takes off the last component (so `../p1` from `/src/plain` is `/src/p1`).
pub fn join_clean(base: &Path, rel: &Path) -> PathBuf {
    let mut out = base.to_path_buf();
    for c in rel.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Colour for standard output: only on a terminal, never with `NO_COLOR` set to
/// anything (no-color.org) or `TERM=dumb`.
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        && std::io::stdout().is_terminal()
}

/// `text` in an SGR colour (`31` red, `32` green, `33` yellow) when `on`.
pub fn paint(on: bool, sgr: &str, text: &str) -> String {
    if on {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
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
        write_atomic(&f, b"one").unwrap();
        write_atomic(&f, b"two").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn starts_with_agrees_with_paths() {
        let paths = [
            "/",
            "/a",
            "/a/",
            "/ab",
            "/a/b",
            "/a/b/",
            "/a//b",
            "/a/./b",
            "/a/../b",
            "/a/b/c",
            "/a/b/.",
            "/ab/c",
            "/a/bc",
            "a",
            "a/b",
            "",
            ".",
            "/..",
            "/a/\u{e9}",
            "/a\nb",
        ];
        for p in paths {
            for q in paths {
                let (p, q) = (Path::new(p), Path::new(q));
                assert_eq!(
                    starts_with(p, q),
                    p.starts_with(q),
                    "{p:?} starts with {q:?}"
                );
            }
        }
        assert!(is_plain(b"/") && is_plain(b"/a/b") && is_plain(b"/a/.b/..c"));
        assert!(
            !is_plain(b"/a/") && !is_plain(b"/a/./b") && !is_plain(b"/a/..") && !is_plain(b"a")
        );
    }

    #[test]
    fn verbatim_paths_lose_their_prefix() {
        let plain = |s: &str| without_verbatim(Path::new(s));
        assert_eq!(plain(r"\\?\C:\Users\u"), PathBuf::from(r"C:\Users\u"));
        assert_eq!(
            plain(r"\\?\UNC\srv\share\p"),
            PathBuf::from(r"\\srv\share\p")
        );
        // Not a drive path: kept verbatim, where the prefix means something.
        assert_eq!(plain(r"\\?\Volume{x}\p"), PathBuf::from(r"\\?\Volume{x}\p"));
        assert_eq!(plain("/home/u"), PathBuf::from("/home/u"));
    }

    #[test]
    fn join_clean_drops_dots() {
        assert_eq!(
            join_clean(Path::new("/a"), Path::new("./b/./c")),
            PathBuf::from("/a/b/c")
        );
        assert_eq!(
            join_clean(Path::new("/a/b"), Path::new("../c/..")),
            PathBuf::from("/a")
        );
        assert_eq!(
            join_clean(Path::new("/"), Path::new("../x")),
            PathBuf::from("/x")
        );
    }
}
