//! What judging a folder's environment asks of the machine, and all it asks (issue 33):
//! what a path is, a bounded read, a capped listing, who this process runs as, a real
//! path, and the platform's rules. `Disk` answers from this machine; the unit tests
//! answer from a table, so each rule (trust, refusal, permissions) is tested on any
//! platform, Windows' on Linux too.

use crate::bounded::Refusal;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What a path is, as a `stat` (following links) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Meta {
    pub kind: Kind,
    /// Its length in bytes.
    pub size: u64,
    /// The owner, and the permission bits (Unix; 0 on Windows).
    pub uid: u32,
    pub mode: u32,
    /// The device and inode (Unix; 0 on Windows).
    pub dev: u64,
    pub ino: u64,
    /// When it was last written, and made (0 where the filesystem does not say), in
    /// nanoseconds since 1970.
    pub modified: i128,
    pub created: i128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    File,
    Dir,
    /// A FIFO, a device, a socket.
    Other,
}

/// Whose rules apply to permissions and file identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Unix,
    /// No owner or mode bits to check; files are told apart by their times.
    Windows,
}

pub trait World {
    /// What is at `p`, following links; None when nothing is (or it is out of reach).
    fn meta(&self, p: &Path) -> Option<Meta>;
    /// What `p` itself is, not following a link: Some(true) a link, Some(false)
    /// something else, None nothing at all (one `lstat`).
    fn link_status(&self, p: &Path) -> Option<bool>;
    /// A regular file's bytes, at most `cap` (`bounded::read`).
    fn read(&self, p: &Path, cap: u64) -> Result<Vec<u8>, Refusal>;
    /// The names in the folder `dir` and what each is (not following links), at most
    /// `cap` of them; None when it is no folder or cannot be listed.
    fn list(&self, dir: &Path, cap: usize) -> Option<Vec<(OsString, Kind)>>;
    /// The user this process runs as (its effective uid; 0 on Windows).
    fn uid(&self) -> u32;
    /// `p` with every link resolved, when it exists.
    fn real_path(&self, p: &Path) -> Option<PathBuf>;
    fn platform(&self) -> Platform;
}

/// This machine.
pub struct Disk;

#[cfg(unix)]
fn meta_of(m: &std::fs::Metadata) -> Meta {
    use std::os::unix::fs::MetadataExt;
    Meta {
        kind: kind_of(m.file_type()),
        size: m.len(),
        uid: m.uid(),
        mode: m.mode(),
        dev: m.dev(),
        ino: m.ino(),
        modified: i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
        // statx's birth time where the filesystem keeps one (0 where it does not).
        created: nanos(m.created()),
    }
}

/// A file time in nanoseconds since 1970; 0 where the platform or filesystem has none.
fn nanos(t: std::io::Result<std::time::SystemTime>) -> i128 {
    t.ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

#[cfg(not(unix))]
fn meta_of(m: &std::fs::Metadata) -> Meta {
    Meta {
        kind: kind_of(m.file_type()),
        size: m.len(),
        modified: nanos(m.modified()),
        created: nanos(m.created()),
        ..Meta::default()
    }
}

fn kind_of(t: std::fs::FileType) -> Kind {
    if t.is_file() {
        Kind::File
    } else if t.is_dir() {
        Kind::Dir
    } else {
        Kind::Other
    }
}

impl World for Disk {
    fn meta(&self, p: &Path) -> Option<Meta> {
        std::fs::metadata(p).ok().map(|m| meta_of(&m))
    }

    fn link_status(&self, p: &Path) -> Option<bool> {
        p.symlink_metadata()
            .ok()
            .map(|m| m.file_type().is_symlink())
    }

    fn read(&self, p: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
        crate::bounded::read(p, cap)
    }

    fn list(&self, dir: &Path, cap: usize) -> Option<Vec<(OsString, Kind)>> {
        let rd = std::fs::read_dir(dir).ok()?;
        Some(
            rd.flatten()
                .take(cap)
                .map(|e| {
                    let kind = e.file_type().map_or(Kind::Other, |t| {
                        if t.is_symlink() {
                            Kind::Other
                        } else {
                            kind_of(t)
                        }
                    });
                    (e.file_name(), kind)
                })
                .collect(),
        )
    }

    #[cfg(unix)]
    fn uid(&self) -> u32 {
        nix::unistd::geteuid().as_raw()
    }

    #[cfg(not(unix))]
    fn uid(&self) -> u32 {
        0
    }

    fn real_path(&self, p: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(p)
            .ok()
            .map(|real| crate::paths::without_verbatim(&real))
    }

    fn platform(&self) -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }
}

/// A world in memory, for the unit tests: files and folders with their owners and
/// modes, as a table.
#[cfg(test)]
pub mod mem {
    use super::*;
    use std::collections::BTreeMap;

    pub struct Mem {
        pub entries: BTreeMap<PathBuf, (Meta, Vec<u8>)>,
        pub links: BTreeMap<PathBuf, PathBuf>,
        pub uid: u32,
        pub platform: Platform,
        next_ino: std::cell::Cell<u64>,
        /// How many folders were listed: what a judgement cost.
        pub listed: std::cell::Cell<usize>,
    }

    impl Mem {
        pub fn new(uid: u32) -> Mem {
            Mem {
                entries: BTreeMap::new(),
                links: BTreeMap::new(),
                uid,
                platform: Platform::Unix,
                next_ino: std::cell::Cell::new(1),
                listed: std::cell::Cell::new(0),
            }
        }

        pub fn add(&mut self, p: &str, kind: Kind, mode: u32, body: &[u8]) {
            let ino = self.next_ino.get();
            self.next_ino.set(ino + 1);
            let meta = Meta {
                kind,
                size: body.len() as u64,
                uid: self.uid,
                mode,
                dev: 1,
                ino,
                modified: i128::from(ino),
                created: i128::from(ino),
            };
            let p = PathBuf::from(p);
            for a in p.ancestors().skip(1) {
                if !self.entries.contains_key(a) {
                    let ino = self.next_ino.get();
                    self.next_ino.set(ino + 1);
                    let m = Meta {
                        kind: Kind::Dir,
                        uid: self.uid,
                        mode: 0o755,
                        dev: 1,
                        ino,
                        ..Meta::default()
                    };
                    self.entries.insert(a.to_path_buf(), (m, Vec::new()));
                }
            }
            self.entries.insert(p, (meta, body.to_vec()));
        }

        pub fn dir(&mut self, p: &str) -> &mut Self {
            self.add(p, Kind::Dir, 0o755, b"");
            self
        }

        pub fn file(&mut self, p: &str, body: &str) -> &mut Self {
            self.add(p, Kind::File, 0o644, body.as_bytes());
            self
        }

        /// A venv as `python -m venv` lays it out.
        pub fn venv(&mut self, p: &str) -> &mut Self {
            self.file(&format!("{p}/pyvenv.cfg"), "home = /usr/bin\n")
                .file(&format!("{p}/bin/python"), "")
                .dir(&format!("{p}/lib/python3.12/site-packages"))
        }

        /// Changes what is at `p`: its owner, its mode, or it made anew.
        pub fn set(&mut self, p: &str, f: impl FnOnce(&mut Meta)) -> &mut Self {
            f(&mut self.entries.get_mut(Path::new(p)).expect(p).0);
            self
        }

        pub fn link(&mut self, p: &str, to: &str) -> &mut Self {
            self.links.insert(PathBuf::from(p), PathBuf::from(to));
            self
        }

        /// `p` with the links in it followed.
        fn resolve(&self, p: &Path) -> PathBuf {
            let mut out = PathBuf::new();
            for c in p.components() {
                out.push(c);
                if let Some(to) = self.links.get(&out) {
                    out = to.clone();
                }
            }
            out
        }
    }

    impl World for Mem {
        fn meta(&self, p: &Path) -> Option<Meta> {
            self.entries.get(&self.resolve(p)).map(|e| e.0)
        }
        fn link_status(&self, p: &Path) -> Option<bool> {
            match self.links.contains_key(p) {
                true => Some(true),
                false => self.meta(p).map(|_| false),
            }
        }
        fn read(&self, p: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
            match self.entries.get(&self.resolve(p)) {
                None => Err(Refusal::Missing),
                Some((m, _)) if m.kind != Kind::File => Err(Refusal::NotRegular("a folder")),
                Some((_, b)) if b.len() as u64 > cap => Err(Refusal::TooLarge {
                    size: b.len() as u64,
                    cap,
                }),
                Some((_, b)) => Ok(b.clone()),
            }
        }
        fn list(&self, dir: &Path, cap: usize) -> Option<Vec<(OsString, Kind)>> {
            self.listed.set(self.listed.get() + 1);
            let dir = self.resolve(dir);
            if self.entries.get(&dir)?.0.kind != Kind::Dir {
                return None;
            }
            Some(
                self.entries
                    .iter()
                    .filter(|(p, _)| p.parent() == Some(&dir))
                    .take(cap)
                    .map(|(p, (m, _))| (p.file_name().unwrap().to_owned(), m.kind))
                    .collect(),
            )
        }
        fn uid(&self) -> u32 {
            self.uid
        }
        fn real_path(&self, p: &Path) -> Option<PathBuf> {
            let r = self.resolve(p);
            self.entries.contains_key(&r).then_some(r)
        }
        fn platform(&self) -> Platform {
            self.platform
        }
    }
}
