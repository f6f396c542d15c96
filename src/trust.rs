//! Trust (behaviour.md §7): which venvs may put their `bin` first on PATH without being asked.
//!
//! The store is a folder of small files, one per allowed or denied path, named by a hash
//! of the path and holding the path itself. Checking a venv costs a `stat` and a tiny
//! read; writes are whole-file renames, so two shells allowing at once cannot corrupt it.
//!
//! An allow covers a project **and the venv it resolved to** (issue 26 §2): the venv's
//! real path and an identity (`identity`) that reinstalling packages keeps and replacing
//! the venv changes. A file with no venv recorded (`allow\nPATH`: written before venvsh
//! recorded venvs, or before the project had one) covers the first venv the project
//! names, and is rewritten with it then.

use crate::config::{Config, TrustMode};
use crate::files::{fnv1a64, write_atomic};
use crate::paths::path_bytes;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Allow,
    Deny,
}

pub struct Store {
    dir: PathBuf,
    /// Whether `verdict` may rewrite an allow from before venvsh recorded venvs (the
    /// hook's store may; `status`, which only reports, may not).
    migrate: bool,
}

/// One file of the store: `MARK\nPATH`, and for an allow that records its venv
/// `\0VENV\0IDENTITY` after the path (a NUL ends a path: no path holds one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub mark: Mark,
    /// The venv the allow covers: its real path and identity. None: not recorded yet.
    pub venv: Option<(PathBuf, String)>,
}

/// What a venv is, beyond its path: its folder and its `pyvenv.cfg` as files (device
/// and inodes, and when `pyvenv.cfg` was written, to the nanosecond: a folder deleted
/// and made again often gets its inode back; creation times on Windows). Installing or
/// removing packages keeps them; making the venv again (`rm -rf`, `--clear`, `uv
/// venv`) writes a new `pyvenv.cfg`.
///
/// A conda prefix has no `pyvenv.cfg`: its `conda-meta` folder stands for it, by inode
/// alone (every install writes in it, and `conda create` makes it anew).
pub fn identity(venv: &Path) -> Option<String> {
    let dir = std::fs::metadata(venv).ok()?;
    let cfg = match std::fs::metadata(venv.join("pyvenv.cfg")) {
        Ok(m) => m,
        Err(_) => return conda_identity(&dir, &venv.join("conda-meta")),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(format!(
            "{}:{}:{}:{}.{}",
            dir.dev(),
            dir.ino(),
            cfg.ino(),
            cfg.mtime(),
            cfg.mtime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        // NTFS gives a file made again under a name deleted moments ago its creation
        // time back ("tunnelling"): the time pyvenv.cfg was written tells them apart.
        Some(format!(
            "{}:{}:{}",
            nanos(dir.created())?,
            nanos(cfg.created())?,
            nanos(cfg.modified())?
        ))
    }
}

impl Store {
    pub fn open() -> Option<Store> {
        Some(Store {
            dir: crate::places::dir(crate::places::Kind::Data)?.join("trust"),
            migrate: true,
        })
    }

    #[cfg(test)]
    pub fn at(dir: PathBuf) -> Store {
        Store { dir, migrate: true }
    }

    /// The same store, for a command that reports and never writes.
    pub fn read_only(self) -> Store {
        Store {
            migrate: false,
            ..self
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry(&self, key: &Path) -> PathBuf {
        self.dir.join(format!("{:016x}", fnv1a64(path_bytes(key))))
    }

    pub fn get(&self, key: &Path) -> Option<Mark> {
        self.entry_for(key).map(|e| e.mark)
    }

    /// The mark on `key`, and the venv an allow there covers.
    pub fn entry_for(&self, key: &Path) -> Option<Entry> {
        let bytes = crate::bounded::read(&self.entry(key), crate::bounded::cap::OWN_FILE).ok()?;
        let (path, entry) = parse_entry(&bytes)?;
        (path == path_bytes(key)).then_some(entry)
    }

    pub fn set(&self, key: &Path, mark: Mark) -> std::io::Result<()> {
        self.set_entry(key, &Entry { mark, venv: None })
    }

    /// An allow of `key` that covers `venv` as it is now.
    pub fn allow_with(&self, key: &Path, venv: &Path) -> std::io::Result<()> {
        let venv = identity(venv).map(|id| (crate::trust::key(venv), id));
        self.set_entry(
            key,
            &Entry {
                mark: Mark::Allow,
                venv,
            },
        )
    }

    fn set_entry(&self, key: &Path, e: &Entry) -> std::io::Result<()> {
        let mut content = match e.mark {
            Mark::Allow => b"allow\n".to_vec(),
            Mark::Deny => b"deny\n".to_vec(),
        };
        content.extend_from_slice(path_bytes(key));
        if let Some((venv, id)) = &e.venv {
            content.push(0);
            content.extend_from_slice(path_bytes(venv));
            content.push(0);
            content.extend_from_slice(id.as_bytes());
        }
        write_atomic(&self.entry(key), &content, None)
    }

    /// Every path with a mark, for `list`.
    pub fn entries(&self) -> Vec<(PathBuf, Mark)> {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in rd.flatten() {
            let Ok(bytes) = crate::bounded::read(&e.path(), crate::bounded::cap::OWN_FILE) else {
                continue;
            };
            let Some((path, entry)) = parse_entry(&bytes) else {
                continue;
            };
            out.push((PathBuf::from(crate::paths::os_from_bytes(path)), entry.mark));
        }
        out.sort();
        out
    }

    pub fn remove(&self, key: &Path) -> std::io::Result<bool> {
        if self.get(key).is_none() {
            return Ok(false);
        }
        std::fs::remove_file(self.entry(key)).map(|_| true)
    }
}

/// A store file's path and entry.
fn parse_entry(bytes: &[u8]) -> Option<(&[u8], Entry)> {
    let nl = bytes.iter().position(|b| *b == b'\n')?;
    let mark = match &bytes[..nl] {
        b"allow" => Mark::Allow,
        b"deny" => Mark::Deny,
        _ => return None,
    };
    let mut parts = bytes[nl + 1..].split(|b| *b == 0);
    let path = parts.next()?;
    let venv = match (parts.next(), parts.next()) {
        (Some(v), Some(id)) => Some((
            PathBuf::from(crate::paths::os_from_bytes(v)),
            String::from_utf8_lossy(id).into_owned(),
        )),
        _ => None,
    };
    Some((path, Entry { mark, venv }))
}

/// The key a path is stored under: its real path, so that a symlinked way in to the
/// same project is the same project.
pub fn key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .map(|real| crate::paths::without_verbatim(&real))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// Real paths for trust keys, cheaply. With the current folder free of symlinks, its
/// ancestors are their own real paths, and so is a child of one that is not a link: a
/// project 40 folders deep then costs one `lstat`, not 80 `readlink`s.
pub fn key_near(p: &Path, cwd: &crate::cwd::Cwd) -> PathBuf {
    // Windows: a mapped or `subst` drive, a short 8.3 name or a letter case other than
    // the disk's is a spelling `canonicalize` changes; `allow` keyed it by that.
    if cwd.physical && !cfg!(windows) {
        if crate::paths::starts_with(&cwd.path, p) {
            return p.to_path_buf();
        }
        if p.parent()
            .is_some_and(|parent| crate::paths::starts_with(&cwd.path, parent))
            && p.symlink_metadata()
                .is_ok_and(|m| !m.file_type().is_symlink())
        {
            return p.to_path_buf();
        }
    }
    key(p)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allowed(&'static str),
    Denied,
    NotAllowed,
    /// The project was allowed with another venv, or this venv was made again since:
    /// what changed, for the user.
    Changed(String),
    /// Refused whatever the trust: the reason, for the user.
    Unsafe(String),
}

#[cfg(unix)]
fn conda_identity(dir: &std::fs::Metadata, meta: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(meta).ok()?;
    Some(format!("{}:{}:conda:{}", dir.dev(), dir.ino(), meta.ino()))
}

/// A file time in nanoseconds since 1970, where the platform gives it.
#[cfg(not(unix))]
fn nanos(t: std::io::Result<std::time::SystemTime>) -> Option<u128> {
    Some(
        t.ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

#[cfg(not(unix))]
fn conda_identity(dir: &std::fs::Metadata, meta: &Path) -> Option<String> {
    let meta = std::fs::metadata(meta).ok()?;
    Some(format!(
        "{}:conda:{}",
        nanos(dir.created())?,
        nanos(meta.created())?
    ))
}

/// behaviour.md §7: a venv is refused when any of its root, `bin`, `pyvenv.cfg` or the
/// folders down to `site-packages` is owned by another user (root aside) or writable by
/// group or others: whoever can write there puts programs on PATH, or a `.pth` file
/// that runs at every Python start. For a conda prefix also its `etc/conda` scripts and
/// variables. A few `stat`s and listings; asked only when a venv is about to be activated.
#[cfg(unix)]
pub fn unsafe_reason(venv: &Path, bin: &Path) -> Option<String> {
    let mut guarded = vec![
        venv.to_path_buf(),
        bin.to_path_buf(),
        venv.join("pyvenv.cfg"),
    ];
    // `lib` and every folder in it with its `site-packages` (`python3.12`, `python3.13t`,
    // PyPy's `pypy3.10`), and `Lib` with `Lib/site-packages` in a Windows layout.
    for lib in ["lib", "Lib"] {
        let lib = venv.join(lib);
        guarded.push(lib.clone());
        let Ok(rd) = std::fs::read_dir(&lib) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                guarded.push(lib.join(&name));
                guarded.push(lib.join(&name).join("site-packages"));
            }
        }
    }
    // A conda prefix runs its scripts in your shell and sets its variables there.
    guarded.extend([
        venv.join("conda-meta/state"),
        venv.join("etc"),
        venv.join("etc").join("conda"),
    ]);
    for d in ["activate.d", "deactivate.d", "env_vars.d"] {
        let d = crate::conda::etc_conda(venv, d);
        if let Ok(rd) = std::fs::read_dir(&d) {
            guarded.push(d);
            guarded.extend(
                rd.flatten()
                    .take(crate::conda::MAX_SCRIPTS)
                    .map(|e| e.path()),
            );
        }
    }
    unsafe_among(guarded)
}

/// The first of `paths` that is owned by another user (root aside) or writable by group
/// or others, and why; one that is not there is passed over.
#[cfg(unix)]
pub fn unsafe_among(paths: impl IntoIterator<Item = PathBuf>) -> Option<String> {
    use crate::show::show;
    use std::os::unix::fs::MetadataExt;
    let me = nix::unistd::geteuid().as_raw();
    for p in paths {
        let Ok(m) = std::fs::metadata(&p) else {
            continue;
        };
        if m.uid() != me && m.uid() != 0 {
            return Some(format!(
                "{} is owned by another user (uid {}); a venv must belong to you or root",
                show(&p),
                m.uid()
            ));
        }
        if m.mode() & 0o022 != 0 {
            let who = if m.mode() & 0o002 != 0 {
                "everyone"
            } else {
                "its group"
            };
            return Some(format!(
                "{} is writable by {who}, so anyone could put programs on your PATH; fix it with: chmod go-w {}",
                show(&p),
                shell_words::quote(&p.to_string_lossy())
            ));
        }
    }
    None
}

/// Windows: no owner or permission check (an ACL is not a mode; SECURITY.md). The
/// allow list still decides what activates by itself.
#[cfg(not(unix))]
pub fn unsafe_reason(_venv: &Path, _bin: &Path) -> Option<String> {
    None
}

#[cfg(not(unix))]
pub fn unsafe_among(_paths: impl IntoIterator<Item = PathBuf>) -> Option<String> {
    None
}

#[cfg(unix)]
fn owned_by_me(p: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(p).is_ok_and(|m| m.uid() == nix::unistd::geteuid().as_raw())
}

/// Windows: every file counts as yours for `trust = "owned"` (SECURITY.md).
#[cfg(not(unix))]
fn owned_by_me(_p: &Path) -> bool {
    true
}

fn under(p: &Path, root: &Path) -> bool {
    use crate::paths::starts_with;
    starts_with(p, root) || starts_with(&key(p), &key(root))
}

/// Should this venv switch on by itself? `root` is its project root, if any; `key`
/// gives a path's real path (see `key_near`).
///
/// An allow counts for the venv it recorded, reached from the project that was allowed;
/// an allow of the venv itself (`venvsh allow VENV`, `venvsh create`) counts where the
/// venv is its project's own folder. A venv named from a project nobody allowed (a `.venv`
/// file, `.pdm-python`) is not activated, even when it is allowed elsewhere.
pub fn verdict(
    cfg: &Config,
    store: Option<&Store>,
    root: Option<&Path>,
    venv: &Path,
    bin: &Path,
    key: &dyn Fn(&Path) -> PathBuf,
) -> Verdict {
    if let Some(why) = unsafe_reason(venv, bin) {
        return Verdict::Unsafe(why);
    }
    let venv_key = key(venv);
    let root_key = root.map(key);
    if let Some(store) = store {
        let project = root_key
            .as_deref()
            .and_then(|r| Some((r, store.entry_for(r)?)));
        let own = store.entry_for(&venv_key);
        if [project.as_ref().map(|p| &p.1), own.as_ref()]
            .iter()
            .any(|e| e.is_some_and(|e| e.mark == Mark::Deny))
        {
            return Verdict::Denied;
        }
        // The venv's own allow, where it is the project's own folder (or has none).
        let own_folder = root_key
            .as_deref()
            .is_none_or(|r| venv_key.parent() == Some(r));
        let mut changed = None;
        if let Some(e) = &own
            && e.mark == Mark::Allow
            && !own_folder
            && project.is_none()
        {
            // `venvsh create --home` before venvsh allowed the linked folder too, or a
            // repository naming a venv of yours: the project itself must be allowed.
            changed = Some(format!(
                "{} is allowed by itself, not from {}",
                crate::show::tilde(venv),
                root.map(crate::show::tilde).unwrap_or_default()
            ));
        }
        let allows = [
            project.map(|(r, e)| (r.to_path_buf(), e)),
            own.filter(|_| own_folder).map(|e| (venv_key.clone(), e)),
        ];
        for (at, e) in allows.into_iter().flatten() {
            match covers(&e, &at, venv, &venv_key) {
                Ok(record) => {
                    if record && store.migrate {
                        // Allowed before venvsh recorded venvs, or before the project had
                        // one: from now on the allow holds this venv.
                        let _ = store.allow_with(&at, venv);
                    }
                    return Verdict::Allowed("by you (venvsh allow or venvsh create)");
                }
                Err(why) => changed = Some(why),
            }
        }
        if let Some(why) = changed {
            return Verdict::Changed(why);
        }
    }
    // A trusted root covers a venv under it reached from a project under it.
    if cfg
        .trusted_roots
        .iter()
        .any(|r| under(venv, r) && root.is_none_or(|p| under(p, r)))
    {
        return Verdict::Allowed("under a trusted root");
    }
    if cfg.trust == TrustMode::Owned && owned_by_me(venv) {
        return Verdict::Allowed("owned by you (trust = \"owned\")");
    }
    Verdict::NotAllowed
}

/// Whether the allow `e` of `at` covers `venv` (real path `venv_key`): Ok(true) when it
/// does but names no venv yet (an allow from before venvsh recorded venvs, or made
/// before the project had one: the first venv it names is recorded now), Err with what
/// changed.
fn covers(e: &Entry, at: &Path, venv: &Path, venv_key: &Path) -> Result<bool, String> {
    use crate::show::tilde;
    match &e.venv {
        None => Ok(true),
        Some((was, _)) if was != venv_key => Err(format!(
            "{} was allowed with {}, and now names {}",
            tilde(at),
            tilde(was),
            tilde(venv)
        )),
        Some((_, id)) if identity(venv).as_ref() != Some(id) => Err(format!(
            "{} was made again since it was allowed",
            tilde(venv)
        )),
        Some(_) => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn entries_old_and_new() {
        let (path, e) = parse_entry(b"allow\n/p/a b").unwrap();
        assert_eq!((path, e.mark, e.venv), (&b"/p/a b"[..], Mark::Allow, None));
        let (path, e) = parse_entry(b"allow\n/p\n2\0/p\n2/.venv\x001:2:3:4.5").unwrap();
        assert_eq!(path, b"/p\n2");
        assert_eq!(
            e.venv,
            Some((PathBuf::from("/p\n2/.venv"), "1:2:3:4.5".to_string()))
        );
        assert!(parse_entry(b"maybe\n/p").is_none());
    }

    #[test]
    fn store_round_trip_and_verdicts() {
        let t = std::env::temp_dir().join(format!("venvsh-trust-{}", std::process::id()));
        let _ = fs::remove_dir_all(&t);
        let venv = t.join("proj/.venv");
        fs::create_dir_all(venv.join("bin")).unwrap();
        fs::write(venv.join("pyvenv.cfg"), "").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(venv.join("bin"), fs::Permissions::from_mode(0o755)).unwrap();
            fs::set_permissions(venv.join("pyvenv.cfg"), fs::Permissions::from_mode(0o644))
                .unwrap();
        }
        let store = Store::at(t.join("store"));
        let cfg = Config::default();
        let root = t.join("proj");
        let v = |s: &Store| verdict(&cfg, Some(s), Some(&root), &venv, &venv.join("bin"), &key);
        assert_eq!(v(&store), Verdict::NotAllowed);
        store.set(&key(&root), Mark::Allow).unwrap();
        assert_eq!(
            v(&store),
            Verdict::Allowed("by you (venvsh allow or venvsh create)")
        );
        store.set(&key(&venv), Mark::Deny).unwrap();
        assert_eq!(v(&store), Verdict::Denied);
        assert!(store.remove(&key(&venv)).unwrap());
        assert!(!store.remove(&key(&venv)).unwrap());

        let roots = Config {
            trusted_roots: vec![t.clone()],
            ..Config::default()
        };
        assert_eq!(
            verdict(&roots, None, None, &venv, &venv.join("bin"), &key),
            Verdict::Allowed("under a trusted root")
        );
        let owned = Config {
            trust: TrustMode::Owned,
            ..Config::default()
        };
        assert!(matches!(
            verdict(&owned, None, None, &venv, &venv.join("bin"), &key),
            Verdict::Allowed(_)
        ));

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let sp = venv.join("lib/python3.12/site-packages");
            fs::create_dir_all(&sp).unwrap();
            for d in [
                &venv,
                &venv.join("lib"),
                &sp.parent().unwrap().to_path_buf(),
                &sp,
            ] {
                fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
            }
            assert_eq!(
                v(&store),
                Verdict::Allowed("by you (venvsh allow or venvsh create)")
            );
            // Issue 26 §3: the root and site-packages count, not only bin and pyvenv.cfg.
            for (d, mode, who) in [
                (&venv, 0o777, "everyone"),
                (&sp, 0o775, "its group"),
                (&venv.join("bin"), 0o777, "everyone"),
            ] {
                fs::set_permissions(d, fs::Permissions::from_mode(mode)).unwrap();
                assert!(
                    matches!(v(&store), Verdict::Unsafe(ref m) if m.contains(&format!("writable by {who}"))
                        && m.contains(&d.display().to_string())),
                    "{d:?}: {:?}",
                    v(&store)
                );
                fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
            }
        }
        fs::remove_dir_all(&t).unwrap();
    }
}
