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
use crate::world::{Disk, Platform, World};
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
/// and the time it was made (every install writes in it, and `conda create` makes it
/// anew).
pub fn identity(venv: &Path) -> Option<String> {
    identity_in(&Disk, venv)
}

/// `identity`, as `w` sees the venv.
pub fn identity_in(w: &dyn World, venv: &Path) -> Option<String> {
    let dir = w.meta(venv)?;
    let (cfg, conda) = match w.meta(&venv.join("pyvenv.cfg")) {
        Some(m) => (m, false),
        None => (w.meta(&venv.join("conda-meta"))?, true),
    };
    Some(match (w.platform(), conda) {
        (Platform::Unix, false) => format!(
            "{}:{}:{}:{}.{}",
            dir.dev,
            dir.ino,
            cfg.ino,
            cfg.modified.div_euclid(1_000_000_000),
            cfg.modified.rem_euclid(1_000_000_000)
        ),
        // A prefix made again may get its folders' inodes back (issue 34 §2): when
        // `conda-meta` was made tells them apart, where the filesystem keeps that.
        (Platform::Unix, true) => {
            format!("{}:{}:conda:{}:{}", dir.dev, dir.ino, cfg.ino, cfg.created)
        }
        // NTFS gives a file made again under a name deleted moments ago its creation
        // time back ("tunnelling"): the time pyvenv.cfg was written tells them apart.
        (Platform::Windows, false) => {
            format!("{}:{}:{}", dir.created, cfg.created, cfg.modified)
        }
        (Platform::Windows, true) => format!("{}:conda:{}", dir.created, cfg.created),
    })
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

    #[cfg(test)]
    pub fn file_of(&self, key: &Path) -> PathBuf {
        self.entry(key)
    }

    fn entry(&self, key: &Path) -> PathBuf {
        self.dir.join(format!("{:016x}", fnv1a64(path_bytes(key))))
    }

    pub fn get(&self, key: &Path) -> Option<Mark> {
        self.entry_for(key).map(|e| e.mark)
    }

    /// The mark on `key`, and the venv an allow there covers.
    pub fn entry_for(&self, key: &Path) -> Option<Entry> {
        self.entry_in(&Disk, key)
    }

    /// `entry_for`, the store's file read through `w`.
    pub fn entry_in(&self, w: &dyn World, key: &Path) -> Option<Entry> {
        let bytes = w
            .read(&self.entry(key), crate::bounded::cap::OWN_FILE)
            .ok()?;
        let (path, entry) = parse_entry(&bytes)?;
        (path == path_bytes(key)).then_some(entry)
    }

    pub fn set(&self, key: &Path, mark: Mark) -> std::io::Result<()> {
        self.set_entry(key, &Entry { mark, venv: None })
    }

    /// An allow of `key` that covers `venv` as it is now, and `also` (what else it
    /// covers: pixi's activation, `Workspace::activation_digest`).
    pub fn allow_with(&self, key: &Path, venv: &Path, also: Option<&str>) -> std::io::Result<()> {
        // A prefix not made yet (`venvsh allow` before `pixi install`) has no identity:
        // what else the allow covers is kept all the same (`-|DIGEST`), and the first
        // prefix made is taken with it then.
        let id = identity(venv).or_else(|| also.map(|_| NOT_MADE.to_string()));
        let venv = id.map(|id| (crate::trust::key(venv), with_also(id, also)));
        self.set_entry(
            key,
            &Entry {
                mark: Mark::Allow,
                venv,
            },
        )
    }

    fn set_entry(&self, key: &Path, e: &Entry) -> std::io::Result<()> {
        write_atomic(&self.entry(key), &encode(key, e), None)
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

/// The identity recorded for an environment not made yet.
const NOT_MADE: &str = "-";

/// An identity with what else the allow covers, as the store keeps it: `ID|ALSO`.
fn with_also(id: String, also: Option<&str>) -> String {
    match also {
        Some(a) => format!("{id}|{a}"),
        None => id,
    }
}

/// A store file's bytes: `MARK\nPATH`, then `\0VENV\0IDENTITY` when it records a venv.
fn encode(key: &Path, e: &Entry) -> Vec<u8> {
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
    content
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
    key_in(&Disk, p)
}

/// `key`, as `w` resolves links.
pub fn key_in(w: &dyn World, p: &Path) -> PathBuf {
    w.real_path(p).unwrap_or_else(|| p.to_path_buf())
}

/// Real paths for trust keys, cheaply. With the current folder free of symlinks, its
/// ancestors are their own real paths, and so is a child of one that is not a link: a
/// project 40 folders deep then costs one `lstat`, not 80 `readlink`s.
pub fn key_near(w: &dyn World, p: &Path, cwd: &crate::cwd::Cwd) -> PathBuf {
    // Windows: a mapped or `subst` drive, a short 8.3 name or a letter case other than
    // the disk's is a spelling `canonicalize` changes; `allow` keyed it by that.
    if cwd.physical && w.platform() == Platform::Unix {
        if crate::paths::starts_with(&cwd.path, p) {
            return p.to_path_buf();
        }
        if p.parent()
            .is_some_and(|parent| crate::paths::starts_with(&cwd.path, parent))
            && w.link_status(p) == Some(false)
        {
            return p.to_path_buf();
        }
    }
    key_in(w, p)
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

/// behaviour.md §7: a venv is refused when any of its root, `bin`, `pyvenv.cfg` or the
/// folders down to `site-packages` is owned by another user (root aside) or writable by
/// group or others: whoever can write there puts programs on PATH, or a `.pth` file
/// that runs at every Python start. For a conda prefix also its `etc/conda` scripts and
/// variables. A few `stat`s and listings of at most `MAX_LISTED` entries each; asked
/// only when a venv is allowed and about to be activated. Windows has no such bits.
pub fn unsafe_reason(w: &dyn World, venv: &Path, bin: &Path) -> Option<String> {
    if w.platform() == Platform::Windows {
        return None;
    }
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
        let names = w.list(&lib, MAX_LISTED + 1).unwrap_or_default();
        if names.len() > MAX_LISTED {
            // Not all of them looked at is none of them vouched for.
            return Some(format!(
                "{} holds more than {MAX_LISTED} entries, where a venv's holds one or two",
                crate::show::show(&lib)
            ));
        }
        for (name, kind) in names {
            if kind == crate::world::Kind::Dir {
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
        if let Some(names) = w.list(&d, crate::conda::MAX_SCRIPTS) {
            guarded.push(d.clone());
            guarded.extend(names.iter().map(|(n, _)| d.join(n)));
        }
    }
    unsafe_among(w, guarded)
}

/// The most entries of a venv's `lib` folder looked at: a real one holds one or two, and
/// one with more is refused rather than judged by a part.
pub const MAX_LISTED: usize = 64;

/// The first of `paths` that is owned by another user (root aside) or writable by group
/// or others, and why; one that is not there is passed over.
pub fn unsafe_among(w: &dyn World, paths: impl IntoIterator<Item = PathBuf>) -> Option<String> {
    unsafe_in(w, paths, false)
}

/// `unsafe_among` for every folder on a path down from `/`, where a folder others may
/// write to is fine when it is sticky and root's or yours (`/tmp`): there nobody else
/// can rename or remove what you put in it.
pub fn unsafe_on_the_way(
    w: &dyn World,
    paths: impl IntoIterator<Item = PathBuf>,
) -> Option<String> {
    unsafe_in(w, paths, true)
}

fn unsafe_in(
    w: &dyn World,
    paths: impl IntoIterator<Item = PathBuf>,
    sticky_ok: bool,
) -> Option<String> {
    use crate::show::show;
    if w.platform() == Platform::Windows {
        return None;
    }
    let me = w.uid();
    for p in paths {
        let Some(m) = w.meta(&p) else {
            continue;
        };
        if sticky_ok && m.kind == crate::world::Kind::Dir && m.mode & 0o1000 != 0 {
            if m.uid != me && m.uid != 0 {
                return Some(format!(
                    "{} is owned by another user (uid {})",
                    show(&p),
                    m.uid
                ));
            }
            continue;
        }
        if m.uid != me && m.uid != 0 {
            return Some(format!(
                "{} is owned by another user (uid {}); a venv must belong to you or root",
                show(&p),
                m.uid
            ));
        }
        if m.mode & 0o022 != 0 {
            let who = if m.mode & 0o002 != 0 {
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

/// Windows: every file counts as yours for `trust = "owned"` (SECURITY.md).
fn owned_by_me(w: &dyn World, p: &Path) -> bool {
    match w.platform() {
        Platform::Windows => true,
        Platform::Unix => w.meta(p).is_some_and(|m| m.uid == w.uid()),
    }
}

fn under(w: &dyn World, p: &Path, root: &Path) -> bool {
    use crate::paths::starts_with;
    starts_with(p, root) || starts_with(&key_in(w, p), &key_in(w, root))
}

/// What to ask of the trust for one environment: the venv or prefix `venv` whose PATH
/// entry is `bin`, found for the project at `root` (if any).
pub struct Ask<'a> {
    pub cfg: &'a Config,
    pub store: Option<&'a Store>,
    pub root: Option<&'a Path>,
    pub venv: &'a Path,
    pub bin: &'a Path,
    /// A path's real path (`key_near`, or `key`).
    pub key: &'a dyn Fn(&Path) -> PathBuf,
    /// The caller vouches for the project (`venvsh env --trust` in a CI checkout): it
    /// need not be allowed. One the user denied, or one with unsafe permissions, is
    /// still refused.
    pub trust_given: bool,
    /// What else an allow must cover, as it is now (pixi's activation: its table and
    /// scripts, `Workspace::activation_digest`); a change asks again. Worked out only
    /// when an allow is there to compare it with: a folder nobody allowed costs no read.
    pub also: Option<&'a dyn Fn() -> String>,
}

/// The whole judgement of trust (behaviour.md §7), for the hook and every command: the
/// allow first, then, only for an environment that may be used, its permissions. A venv
/// that is not allowed costs no listing of its folders (issue 34 §4).
pub fn judge(w: &dyn World, ask: &Ask) -> Verdict {
    let v = verdict(w, ask);
    let v = match v {
        Verdict::NotAllowed | Verdict::Changed(_) if ask.trust_given => Verdict::Allowed("--trust"),
        v => v,
    };
    match v {
        Verdict::Allowed(_) => match unsafe_reason(w, ask.venv, ask.bin) {
            Some(why) => Verdict::Unsafe(why),
            None => v,
        },
        v => v,
    }
}

/// Should this venv switch on by itself, as far as the allow goes (`judge` adds the
/// permissions)? `root` is its project root, if any; `key` gives a path's real path
/// (see `key_near`).
///
/// An allow counts for the venv it recorded, reached from the project that was allowed;
/// an allow of the venv itself (`venvsh allow VENV`, `venvsh create`) counts where the
/// venv is its project's own folder. A venv named from a project nobody allowed (a `.venv`
/// file, `.pdm-python`) is not activated, even when it is allowed elsewhere.
fn verdict(w: &dyn World, ask: &Ask) -> Verdict {
    let (cfg, store, root, venv, key) = (ask.cfg, ask.store, ask.root, ask.venv, ask.key);
    let venv_key = key(venv);
    let root_key = root.map(key);
    if let Some(store) = store {
        let project = root_key
            .as_deref()
            .and_then(|r| Some((r, store.entry_in(w, r)?)));
        let own = store.entry_in(w, &venv_key);
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
            let also = std::cell::OnceCell::new();
            let also = || ask.also.map(|f| also.get_or_init(f).as_str());
            match covers(w, &e, &at, venv, &venv_key, &also) {
                Ok(record) => {
                    if record && store.migrate {
                        // Allowed before venvsh recorded venvs, or before the project had
                        // one: from now on the allow holds this venv.
                        let _ = store.allow_with(&at, venv, also());
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
        .any(|r| under(w, venv, r) && root.is_none_or(|p| under(w, p, r)))
    {
        return Verdict::Allowed("under a trusted root");
    }
    if cfg.trust == TrustMode::Owned && owned_by_me(w, venv) {
        return Verdict::Allowed("owned by you (trust = \"owned\")");
    }
    Verdict::NotAllowed
}

/// Whether the allow `e` of `at` covers `venv` (real path `venv_key`): Ok(true) when it
/// does but names no venv yet (an allow from before venvsh recorded venvs, or made
/// before the project had one: the first venv it names is recorded now), Err with what
/// changed.
fn covers<'a>(
    w: &dyn World,
    e: &Entry,
    at: &Path,
    venv: &Path,
    venv_key: &Path,
    also: &dyn Fn() -> Option<&'a str>,
) -> Result<bool, String> {
    use crate::show::tilde;
    let Some((was, recorded)) = &e.venv else {
        return Ok(true);
    };
    if was != venv_key {
        return Err(format!(
            "{} was allowed with {}, and now names {}",
            tilde(at),
            tilde(was),
            tilde(venv)
        ));
    }
    let (id, recorded_also) = match recorded.rsplit_once('|') {
        Some((id, a)) => (id, Some(a)),
        None => (recorded.as_str(), None),
    };
    let now = also();
    if recorded_also.is_none() && now.is_some() {
        return Err(format!(
            "{} was allowed before venvsh covered pixi's [activation] (its variables and scripts)",
            tilde(at)
        ));
    }
    if recorded_also != now {
        return Err(format!(
            "{}'s pixi [activation] (its variables or scripts) changed since it was allowed",
            tilde(at)
        ));
    }
    // Allowed before the prefix was made: the first one made is taken, and recorded.
    if id == NOT_MADE {
        return Ok(true);
    }
    if identity_in(w, venv).as_deref() != Some(id) {
        return Err(format!(
            "{} was made again since it was allowed",
            tilde(venv)
        ));
    }
    Ok(false)
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

    /// `judge` on this machine, as the hook asks it.
    fn on_disk(cfg: &Config, store: Option<&Store>, root: Option<&Path>, venv: &Path) -> Verdict {
        judge(
            &Disk,
            &Ask {
                cfg,
                store,
                root,
                venv,
                bin: &venv.join("bin"),
                key: &key,
                trust_given: false,
                also: None,
            },
        )
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
        let v = |s: &Store| on_disk(&cfg, Some(s), Some(&root), &venv);
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
            on_disk(&roots, None, None, &venv),
            Verdict::Allowed("under a trusted root")
        );
        let owned = Config {
            trust: TrustMode::Owned,
            ..Config::default()
        };
        assert!(matches!(
            on_disk(&owned, None, None, &venv),
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

    /// The rules of trust on a world in memory (issue 33 §1): the store's files, owners,
    /// modes and identities as a table, the same on every platform.
    mod rules {
        use super::*;
        use crate::world::mem::Mem;

        const ME: u32 = 1000;
        const STORE: &str = "/data/venvsh/trust";

        /// `/home/u/proj` with its `.venv`, owned by the user.
        fn world() -> Mem {
            let mut w = Mem::new(ME);
            w.venv("/home/u/proj/.venv");
            w
        }

        /// Marks `at` in the store, as `venvsh allow`/`deny` would, recording `venv`.
        fn mark(w: &mut Mem, at: &str, mark: Mark, venv: Option<&str>) {
            let store = Store::at(STORE.into());
            let e = Entry {
                mark,
                venv: venv.map(|v| (PathBuf::from(v), identity_in(w, Path::new(v)).unwrap())),
            };
            let file = store.entry(Path::new(at));
            let body = encode(Path::new(at), &e);
            w.add(
                file.to_str().unwrap(),
                crate::world::Kind::File,
                0o600,
                &body,
            );
        }

        fn ask_with(w: &Mem, cfg: &Config, root: &str, venv: &str, given: bool) -> Verdict {
            ask_also(w, cfg, (root, venv, given), None)
        }

        /// `ask_with`, with what else the allow must cover.
        fn ask_also(
            w: &Mem,
            cfg: &Config,
            (root, venv, given): (&str, &str, bool),
            also: Option<&dyn Fn() -> String>,
        ) -> Verdict {
            let store = Store::at(STORE.into()).read_only();
            let venv = Path::new(venv);
            judge(
                w,
                &Ask {
                    cfg,
                    store: Some(&store),
                    root: Some(Path::new(root)),
                    venv,
                    bin: &venv.join("bin"),
                    key: &|p| key_in(w, p),
                    trust_given: given,
                    also,
                },
            )
        }

        fn ask(w: &Mem) -> Verdict {
            ask_with(
                w,
                &Config::default(),
                "/home/u/proj",
                "/home/u/proj/.venv",
                false,
            )
        }

        const BY_YOU: Verdict = Verdict::Allowed("by you (venvsh allow or venvsh create)");

        #[test]
        fn a_venv_not_allowed_costs_no_listing() {
            let w = world();
            assert_eq!(ask(&w), Verdict::NotAllowed);
            assert_eq!(w.listed.get(), 0, "trust before cost (issue 34 §4)");
        }

        #[test]
        fn an_allow_covers_the_venv_it_recorded() {
            let mut w = world();
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            assert_eq!(ask(&w), BY_YOU);
            // Made again: pyvenv.cfg written anew.
            w.set("/home/u/proj/.venv/pyvenv.cfg", |m| m.ino += 100);
            assert!(
                matches!(ask(&w), Verdict::Changed(ref m) if m.ends_with("was made again since it was allowed")),
                "{:?}",
                ask(&w)
            );
            // Another venv named now.
            let mut w = world();
            w.venv("/home/u/proj/venv2");
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/venv2"),
            );
            assert!(
                matches!(ask(&w), Verdict::Changed(ref m) if m.contains("was allowed with")),
                "{:?}",
                ask(&w)
            );
            // An allow from before venvsh recorded venvs covers the first one.
            let mut w = world();
            mark(&mut w, "/home/u/proj", Mark::Allow, None);
            assert_eq!(ask(&w), BY_YOU);
        }

        #[test]
        fn a_deny_wins_and_trust_given_does_not_lift_it() {
            let mut w = world();
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            mark(&mut w, "/home/u/proj/.venv", Mark::Deny, None);
            assert_eq!(ask(&w), Verdict::Denied);
            let cfg = Config::default();
            let given = ask_with(&w, &cfg, "/home/u/proj", "/home/u/proj/.venv", true);
            assert_eq!(given, Verdict::Denied);
        }

        /// A venv allowed by itself, reached from a project nobody allowed (a `.venv` file
        /// in a cloned repository naming it), is not activated.
        #[test]
        fn a_venv_allowed_elsewhere_needs_its_project_allowed() {
            let mut w = world();
            w.venv("/home/u/.venvs/tools");
            w.file("/home/u/clone/.venv", "~/.venvs/tools\n");
            mark(
                &mut w,
                "/home/u/.venvs/tools",
                Mark::Allow,
                Some("/home/u/.venvs/tools"),
            );
            let cfg = Config::default();
            let v = ask_with(&w, &cfg, "/home/u/clone", "/home/u/.venvs/tools", false);
            assert!(
                matches!(v, Verdict::Changed(ref m) if m.contains("is allowed by itself, not from")),
                "{v:?}"
            );
        }

        #[test]
        fn unsafe_permissions_refuse_an_allowed_venv_whatever_the_trust() {
            let mut w = world();
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            let sp = "/home/u/proj/.venv/lib/python3.12/site-packages";
            w.set(sp, |m| m.mode = 0o775);
            let v = ask(&w);
            assert!(
                matches!(v, Verdict::Unsafe(ref m) if m.contains("site-packages is writable by its group")),
                "{v:?}"
            );
            w.set(sp, |m| m.mode = 0o755);
            w.set("/home/u/proj/.venv/bin", |m| m.uid = 1001);
            let v = ask(&w);
            assert!(
                matches!(v, Verdict::Unsafe(ref m) if m.contains("owned by another user (uid 1001)")),
                "{v:?}"
            );
            // root's own files are fine.
            w.set("/home/u/proj/.venv/bin", |m| m.uid = 0);
            assert_eq!(ask(&w), BY_YOU);
            // --trust lifts the allow, never the permissions.
            let mut w = world();
            w.set("/home/u/proj/.venv", |m| m.mode = 0o777);
            let cfg = Config::default();
            let v = ask_with(&w, &cfg, "/home/u/proj", "/home/u/proj/.venv", true);
            assert!(
                matches!(v, Verdict::Unsafe(ref m) if m.contains("writable by everyone")),
                "{v:?}"
            );
        }

        /// A conda prefix made again asks again, even when its folders get their inodes
        /// back (issue 34 §2); installing packages (writing in `conda-meta`) does not.
        #[test]
        fn a_prefix_made_again_asks_again() {
            let mut w = Mem::new(ME);
            let px = "/home/u/px/.pixi/envs/default";
            w.file(&format!("{px}/conda-meta/history"), "")
                .file(&format!("{px}/bin/python"), "");
            mark(&mut w, "/home/u/px", Mark::Allow, Some(px));
            let cfg = Config::default();
            let ask = |w: &Mem| ask_with(w, &cfg, "/home/u/px", px, false);
            assert_eq!(ask(&w), BY_YOU);
            w.set(&format!("{px}/conda-meta"), |m| m.modified += 5);
            assert_eq!(ask(&w), BY_YOU, "an install");
            w.set(&format!("{px}/conda-meta"), |m| m.created += 1);
            assert!(
                matches!(ask(&w), Verdict::Changed(ref m) if m.ends_with("was made again since it was allowed")),
                "{:?}",
                ask(&w)
            );
        }

        /// A `lib` with more entries than are looked at is refused, not judged by a part.
        #[test]
        fn a_lib_too_full_to_judge_is_refused() {
            let mut w = world();
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            for i in 0..MAX_LISTED {
                w.dir(&format!("/home/u/proj/.venv/lib/x{i:03}"));
            }
            let v = ask(&w);
            assert!(
                matches!(v, Verdict::Unsafe(ref m) if m.contains("holds more than 64 entries")),
                "{v:?}"
            );
        }

        /// What else an allow covers (pixi's activation) is worked out only when an allow
        /// is there to compare it with; one recorded before venvsh covered it asks again,
        /// saying why.
        #[test]
        fn what_else_an_allow_covers() {
            let count = std::cell::Cell::new(0);
            let digest = || {
                count.set(count.get() + 1);
                "d1".to_string()
            };
            let cfg = Config::default();
            let ask_also = |w: &Mem| {
                let at = ("/home/u/proj", "/home/u/proj/.venv", false);
                ask_also(w, &cfg, at, Some(&digest))
            };
            let mut w = world();
            assert_eq!(ask_also(&w), Verdict::NotAllowed);
            assert_eq!(count.get(), 0, "nobody allowed it: nothing read");
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            let v = ask_also(&w);
            assert!(
                matches!(v, Verdict::Changed(ref m) if m.contains("allowed before venvsh covered pixi's [activation]")),
                "{v:?}"
            );
        }

        /// Windows has no owner or mode bits to check; `trust = "owned"` counts every
        /// venv as yours there (SECURITY.md).
        #[test]
        fn windows_rules_on_any_platform() {
            let mut w = world();
            w.platform = Platform::Windows;
            w.set("/home/u/proj/.venv/bin", |m| {
                m.mode = 0o777;
                m.uid = 1001;
            });
            let owned = Config {
                trust: TrustMode::Owned,
                ..Config::default()
            };
            let v = ask_with(&w, &owned, "/home/u/proj", "/home/u/proj/.venv", false);
            assert!(matches!(v, Verdict::Allowed(_)), "{v:?}");
            w.platform = Platform::Unix;
            let v = ask_with(&w, &owned, "/home/u/proj", "/home/u/proj/.venv", false);
            assert!(matches!(v, Verdict::Unsafe(_)), "{v:?}");
        }

        #[test]
        fn trusted_roots_and_owned_mode() {
            let mut w = world();
            let roots = Config {
                trusted_roots: vec![PathBuf::from("/home/u")],
                ..Config::default()
            };
            let v = ask_with(&w, &roots, "/home/u/proj", "/home/u/proj/.venv", false);
            assert_eq!(v, Verdict::Allowed("under a trusted root"));
            // A project outside the root naming a venv inside it is not covered.
            w.dir("/srv/clone");
            let v = ask_with(&w, &roots, "/srv/clone", "/home/u/proj/.venv", false);
            assert_eq!(v, Verdict::NotAllowed);
            let owned = Config {
                trust: TrustMode::Owned,
                ..Config::default()
            };
            w.set("/home/u/proj/.venv", |m| m.uid = 1001);
            let v = ask_with(&w, &owned, "/home/u/proj", "/home/u/proj/.venv", false);
            assert_eq!(v, Verdict::NotAllowed);
        }

        /// A link into the project is the same project: keys are real paths.
        #[test]
        fn a_link_to_an_allowed_project_is_that_project() {
            let mut w = world();
            mark(
                &mut w,
                "/home/u/proj",
                Mark::Allow,
                Some("/home/u/proj/.venv"),
            );
            w.link("/home/u/ln", "/home/u/proj");
            let cfg = Config::default();
            let v = ask_with(&w, &cfg, "/home/u/ln", "/home/u/ln/.venv", false);
            assert_eq!(v, BY_YOU);
        }
    }
}
