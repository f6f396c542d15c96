//! Paths as bytes, and the one rule for each way venvsh joins, compares, expands or
//! respells them (`~`, `..`, Windows' verbatim prefix).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

pub fn home_dir() -> Option<PathBuf> {
    dirs::home_dir()
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
/// (see `is_plain`): std's component walk costs more on deep paths (BENCHMARKS.md,
/// the instruction counts).
pub fn starts_with(path: &Path, prefix: &Path) -> bool {
    let (a, b) = (path_bytes(path), path_bytes(prefix));
    if cfg!(unix) && is_plain(a) && is_plain(b) {
        return b == b"/" || (a.starts_with(b) && (a.len() == b.len() || a[b.len()] == b'/'));
    }
    path.starts_with(prefix)
}

/// `~` and `~/…` (`~\…` too on Windows) with `home` for the `~`, as Python's
/// `os.path.expanduser` does for the current user; any other path (`~user`, `a/~`) as it
/// is, and as it is when no home is known. The one `~` rule: the config's paths,
/// `$WORKON_HOME`, `.venv` link files and the tools' settings all come here.
pub fn expand_tilde(p: &Path, home: Option<&Path>) -> PathBuf {
    let b = path_bytes(p);
    let sep = |c: u8| c == b'/' || (cfg!(windows) && c == b'\\');
    match (b.first(), b.get(1), home) {
        (Some(b'~'), None, Some(h)) => h.to_path_buf(),
        (Some(b'~'), Some(&c), Some(h)) if sep(c) => h.join(os_from_bytes(&b[2..])),
        _ => p.to_path_buf(),
    }
}

/// The last component of a path, as bytes.
pub fn file_name_bytes(p: &Path) -> Vec<u8> {
    p.file_name()
        .map(|n| os_bytes(n).to_vec())
        .unwrap_or_else(|| path_bytes(p).to_vec())
}

/// A real path as Windows users write it: `canonicalize` there gives the verbatim form
/// (`\\?\C:\x`, `\\?\UNC\srv\share`), which no shell shows and which compares unequal to
/// the path of the current folder. Elsewhere (and for any other form) the path as it is.
/// Not `dunce::simplified`: it does this only in a Windows build, and this rule is tested
/// on Linux too.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_expands_only_the_users_own() {
        let home = Some(Path::new("/home/u"));
        let t = |p: &str| expand_tilde(Path::new(p), home);
        assert_eq!(t("~"), PathBuf::from("/home/u"));
        assert_eq!(t("~/v/x"), PathBuf::from("/home/u/v/x"));
        assert_eq!(t("~x"), PathBuf::from("~x"));
        assert_eq!(t("a/~"), PathBuf::from("a/~"));
        assert_eq!(expand_tilde(Path::new("~/v"), None), PathBuf::from("~/v"));
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
