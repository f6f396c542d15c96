//! Which venv belongs to a folder (behaviour.md §2): the walk up from it, the `.venv` link
//! file, the venv folders, and the tools' environments (`managers`). Only `stat`s and
//! small reads, each through `bounded`: this runs on every `cd`.

use crate::paths::join_clean;
pub use crate::seen::Seen;
use crate::show::show;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A `.venv` file naming the venv.
    LinkFile,
    /// A folder in `venv_names` holding a `pyvenv.cfg`.
    Folder(String),
    /// Where the project's tool (Poetry, PDM, …) keeps its environment.
    Manager(crate::managers::Tool),
}

/// What the walk up from a folder found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub root: PathBuf,
    pub rule: Rule,
    /// The venv, or why the `.venv` file does not name one.
    pub venv: Result<PathBuf, String>,
    /// The nearest folder from where the walk began with a `pyproject.toml`, up to
    /// `root` (`root` when none below it): the project uv would take there.
    pub project: PathBuf,
}

/// A lookup by path from the folder `d` of a name in it (`.venv`, `venv/pyvenv.cfg`).
fn stat_in(d: &Path) -> impl FnMut(&str) -> std::io::Result<Seen> + '_ {
    move |rel: &str| Seen::lookup(&d.join(rel))
}

/// Each venv name with `/pyvenv.cfg`, made once per walk.
fn cfg_names(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("{n}/pyvenv.cfg")).collect()
}

/// What the walk looked at in the folder it began in, each path as it was: a change in
/// any of them could change the answer there, so these are what the hook watches.
pub type Sight = Vec<(PathBuf, Seen)>;

/// What a walk needs besides the folder, all of it given: nothing here reads a variable.
pub struct Seek<'a> {
    /// `venv_names`, in order.
    pub names: &'a [String],
    /// The venv home, for bare names in a `.venv` file; asked for only when a link file
    /// holds one.
    pub home: &'a dyn Fn() -> Option<PathBuf>,
    /// What the tools' rules read of the process.
    pub ctx: &'a crate::managers::Ctx<'a>,
}

/// Walks from `dir` up to `/` (behaviour.md §2).
pub fn find(dir: &Path, seek: &Seek) -> Option<Found> {
    walk(dir, seek, None)
}

/// `find`, noting in `sight` what it looked at in `dir` itself.
pub fn walk(dir: &Path, seek: &Seek, mut sight: Option<&mut Sight>) -> Option<Found> {
    let mut project = None;
    let cfgs = cfg_names(seek.names);
    for d in dir.ancestors() {
        let at = Folder {
            d,
            seek,
            cfgs: &cfgs,
            sight: sight.take(),
        };
        if let Some(found) = at.find(stat_in(d), &mut project) {
            return Some(found.with_project(project));
        }
    }
    None
}

/// What is in the folder `dir` alone, as the walk would see it there (the hook's watch
/// when no walk ran).
pub fn sight(dir: &Path, seek: &Seek) -> Sight {
    let mut sight = Sight::new();
    let cfgs = cfg_names(seek.names);
    let at = Folder {
        d: dir,
        seek,
        cfgs: &cfgs,
        sight: Some(&mut sight),
    };
    at.find(stat_in(dir), &mut None);
    sight
}

impl Found {
    fn new(root: &Path, rule: Rule, venv: Result<PathBuf, String>) -> Found {
        Found {
            root: root.to_path_buf(),
            rule,
            venv,
            project: root.to_path_buf(),
        }
    }

    fn with_project(mut self, project: Option<PathBuf>) -> Found {
        if let Some(p) = project {
            self.project = p;
        }
        self
    }
}

/// One folder of the walk.
struct Folder<'a, 's> {
    d: &'a Path,
    seek: &'a Seek<'a>,
    /// The venv names with `/pyvenv.cfg`.
    cfgs: &'a [String],
    /// Where to note what was looked at (the first folder only).
    sight: Option<&'s mut Sight>,
}

impl Folder<'_, '_> {
    fn saw(&mut self, path: impl FnOnce() -> PathBuf, seen: Seen) {
        if let Some(sight) = self.sight.as_deref_mut() {
            sight.push((path(), seen));
        }
    }

    /// behaviour.md §2 for this folder: the one rule, whichever way its paths are looked
    /// up. The first folder with a `pyproject.toml` is noted in `project`.
    fn find(
        mut self,
        mut stat: impl FnMut(&str) -> std::io::Result<Seen>,
        project: &mut Option<PathBuf>,
    ) -> Option<Found> {
        let d = self.d;
        let dot = stat(".venv").unwrap_or(Seen::Absent);
        let dot_named = self.seek.names.iter().any(|n| n == ".venv");
        if dot != Seen::NotFile || !dot_named {
            self.saw(|| d.join(".venv"), dot);
        }
        if dot == Seen::File {
            let link = read_link_file(d, &d.join(".venv"), self.seek.home);
            return Some(Found::new(d, Rule::LinkFile, link));
        }
        for (name, cfg) in self.seek.names.iter().zip(self.cfgs) {
            if name == ".venv" && dot == Seen::Absent {
                continue;
            }
            let seen = stat(cfg);
            let path = || d.join(name).join("pyvenv.cfg");
            self.saw(path, *seen.as_ref().unwrap_or(&Seen::Absent));
            let venv = match seen {
                Ok(Seen::File) => Ok(d.join(name)),
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    Err(out_of_reach(&d.join(name).join("pyvenv.cfg"), &e))
                }
                _ => continue,
            };
            return Some(Found::new(d, Rule::Folder(name.clone()), venv));
        }
        // `pyenv local NAME` writes `.python-version` once the virtualenv exists: its
        // appearing is watched, so that the next prompt activates it.
        let mut no_python_version = false;
        let marks = crate::managers::marks(|m| {
            let there = stat(m).is_ok();
            no_python_version |= !there && m == crate::managers::MARKS[3];
            there
        });
        if no_python_version {
            self.saw(|| d.join(crate::managers::MARKS[3]), Seen::Absent);
        }
        let marks = marks?;
        if marks.pyproject && project.is_none() {
            *project = Some(d.to_path_buf());
        }
        let want = self.sight.is_some();
        let (found, expected) = crate::managers::find(d, marks, self.seek.ctx, want);
        if let (Some(sight), Some(marker)) = (self.sight.as_deref_mut(), expected) {
            sight.push(marker);
        }
        let (tool, venv) = found?;
        Some(Found::new(d, Rule::Manager(tool), venv))
    }
}

/// A venv folder whose `pyvenv.cfg` this user cannot reach: said, rather than passed
/// over in silence (which would look like no venv at all).
fn out_of_reach(cfg: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot read {}: {}; fix its permissions to use it",
        show(cfg),
        crate::show::io_reason(e)
    )
}

/// The venv a `.venv` file names: its first non-empty line, as an absolute path, `~/…`,
/// a path relative to the project root, or a bare name in the venv home.
pub fn read_link_file(
    root: &Path,
    file: &Path,
    home: &dyn Fn() -> Option<PathBuf>,
) -> Result<PathBuf, String> {
    let buf =
        crate::bounded::read(file, crate::bounded::cap::LINE_FILE).map_err(|e| e.line(file))?;
    let target = parse_link(&buf).ok_or_else(|| {
        format!(
            "{} names no venv (write a path or a venv name on its first line)",
            show(file)
        )
    })?;
    // What the file holds is shown only when it names a venv: a link file may be a link
    // to a file of yours (`ln -s ~/.git-credentials .venv`), and this line goes to the
    // screen and to CI's logs (issue 34 §3).
    let path = resolve_link(root, &target, home).ok_or_else(|| {
        format!(
            "{} names a venv by name, but no venv home is known (set venv_home in the config)",
            show(file)
        )
    })?;
    if path.join("pyvenv.cfg").is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} names no existing venv: what its first line names is not a venv (no pyvenv.cfg); write a venv's path or name there, or create the venv with 'venvsh create PATH'",
            show(file)
        ))
    }
}

/// The first non-empty line of a link file, trimmed of ASCII blanks (a `\r` too), as
/// bytes: a path need not be UTF-8 (on Windows the line is read as UTF-8, or as UTF-16
/// after its byte-order mark).
pub fn parse_link(bytes: &[u8]) -> Option<std::ffi::OsString> {
    // Windows PowerShell 5.1's `>` writes UTF-16 with a byte-order mark, and its
    // `Set-Content -Encoding utf8` UTF-8 with one.
    let utf16;
    let bytes = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        utf16 = String::from_utf16_lossy(&units).into_bytes();
        &utf16[..]
    } else {
        bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
    };
    bytes
        .split(|b| *b == b'\n')
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty())
        .map(crate::paths::os_from_bytes)
}

/// Where a link file's line points: `~/…` (`~\…` on Windows) in the home folder, an
/// absolute path as it is, a path with a separator relative to the project root, and a
/// bare name in the venv home.
pub fn resolve_link(
    root: &Path,
    target: &std::ffi::OsStr,
    home: &dyn Fn() -> Option<PathBuf>,
) -> Option<PathBuf> {
    let t = crate::paths::os_bytes(target);
    let is_sep = |b: &u8| *b == b'/' || (cfg!(windows) && *b == b'\\');
    // `~/…` only: a line that is just `~` is a bare name like any other. Its `..` parts
    // are taken as written, as in every path a link file holds.
    if t.len() >= 2 && t[0] == b'~' && is_sep(&t[1]) {
        let home = crate::paths::home_dir()?;
        let p = crate::paths::expand_tilde(Path::new(target), Some(&home));
        return Some(join_clean(Path::new(""), &p));
    }
    let p = Path::new(target);
    if p.is_absolute() {
        Some(p.to_path_buf())
    } else if t.iter().any(is_sep) || t == b"." || t == b".." {
        Some(join_clean(root, p))
    } else {
        home().map(|h| h.join(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::venv::tests::{fake_venv, names, tmp};
    use std::fs;

    type Home<'a> = &'a dyn Fn() -> Option<PathBuf>;

    /// A walk with these names and home, in a process with no variables set.
    fn with<R>(names: &[String], home: Home, f: impl FnOnce(&Seek) -> R) -> R {
        let ctx = crate::managers::Ctx::with_vars(|_| None);
        f(&Seek {
            names,
            home,
            ctx: &ctx,
        })
    }

    fn find(dir: &Path, names: &[String], home: Home) -> Option<Found> {
        with(names, home, |s| super::find(dir, s))
    }

    fn walk(dir: &Path, names: &[String], home: Home, sight: Option<&mut Sight>) -> Option<Found> {
        with(names, home, |s| super::walk(dir, s, sight))
    }

    fn sight(dir: &Path, names: &[String], home: Home) -> Sight {
        with(names, home, |s| super::sight(dir, s))
    }

    #[test]
    fn link_files_with_a_byte_order_mark() {
        let want = Some(std::ffi::OsString::from("../venvs/x"));
        assert_eq!(parse_link(b"\xef\xbb\xbf../venvs/x\r\n"), want);
        let utf16: Vec<u8> = "\u{feff}../venvs/x\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(parse_link(&utf16), want);
        assert_eq!(parse_link(b"../venvs/x"), want);
    }

    #[test]
    fn walks_up_and_prefers_link_file_then_names_in_order() {
        let t = tmp("walk");
        let proj = t.join("proj");
        fs::create_dir_all(proj.join("a/b")).unwrap();
        fake_venv(&proj.join("venv"), "home = /usr/bin\n");
        fake_venv(&proj.join("env"), "");
        let no_home = || None;
        let f = find(&proj.join("a/b"), &names(), &no_home).unwrap();
        assert_eq!(f.root, proj);
        assert_eq!(f.rule, Rule::Folder("venv".into()));
        assert_eq!(f.venv, Ok(proj.join("venv")));

        // A .venv folder without pyvenv.cfg is skipped.
        fs::create_dir_all(proj.join(".venv")).unwrap();
        assert_eq!(
            find(&proj, &names(), &no_home).unwrap().venv,
            Ok(proj.join("venv"))
        );
        fs::remove_dir_all(proj.join(".venv")).unwrap();

        // A .venv file wins, and a bare name goes to the venv home.
        let home = t.join("home");
        fake_venv(&home.join("shared"), "");
        fs::write(proj.join("a/.venv"), "\n  shared  \n").unwrap();
        let h = home.clone();
        let with_home = move || Some(h.clone());
        let f = find(&proj.join("a/b"), &names(), &with_home).unwrap();
        assert_eq!(f.root, proj.join("a"));
        assert_eq!(f.rule, Rule::LinkFile);
        assert_eq!(f.venv, Ok(home.join("shared")));

        // Relative and absolute forms.
        fs::write(proj.join("a/.venv"), "../venv\n").unwrap();
        assert_eq!(
            find(&proj.join("a"), &names(), &with_home).unwrap().venv,
            Ok(proj.join("venv"))
        );
        fs::write(
            proj.join("a/.venv"),
            format!("{}\n", home.join("shared").display()),
        )
        .unwrap();
        assert_eq!(
            find(&proj.join("a"), &names(), &with_home).unwrap().venv,
            Ok(home.join("shared"))
        );

        // Naming nothing is an error that says so.
        fs::write(proj.join("a/.venv"), "nope\n").unwrap();
        let err = find(&proj.join("a"), &names(), &with_home)
            .unwrap()
            .venv
            .unwrap_err();
        assert!(err.contains("not a venv"), "{err}");
        fs::write(proj.join("a/.venv"), "\n\n").unwrap();
        let err = find(&proj.join("a"), &names(), &with_home)
            .unwrap()
            .venv
            .unwrap_err();
        assert!(err.contains("names no venv"), "{err}");
        fs::remove_dir_all(&t).unwrap();
    }

    /// What the hook watches is what the walk looked at in the first folder, the same
    /// without a walk: names above the one that won are not watched.
    #[test]
    fn the_walk_notes_what_it_looked_at_in_the_first_folder() {
        let t = tmp("sight");
        let p = t.join("p");
        fs::create_dir_all(p.join("venv")).unwrap();
        let no_home = || None;
        let sights = |d: &Path| {
            let mut a = Sight::new();
            walk(d, &names(), &no_home, Some(&mut a));
            assert_eq!(a, sight(d, &names(), &no_home));
            a
        };
        use Seen::*;
        assert_eq!(
            sights(&p),
            vec![
                (p.join(".venv"), Absent),
                (p.join("venv/pyvenv.cfg"), Absent),
                (p.join("env/pyvenv.cfg"), Absent),
                (p.join(".python-version"), Absent),
            ]
        );
        fs::create_dir_all(p.join(".venv/pyvenv.cfg")).unwrap();
        fake_venv(&p.join("venv"), "");
        assert_eq!(
            sights(&p),
            vec![
                (p.join(".venv/pyvenv.cfg"), NotFile),
                (p.join("venv/pyvenv.cfg"), File),
            ]
        );
        fs::remove_dir_all(p.join(".venv")).unwrap();
        fs::write(p.join(".venv"), "venv\n").unwrap();
        assert_eq!(sights(&p), vec![(p.join(".venv"), File)]);
        fs::remove_dir_all(&t).unwrap();
    }

    /// The nearest folder up by each rule wins, at any depth.
    #[test]
    fn the_walk_finds_the_nearest_at_any_depth() {
        let t = tmp("depth");
        let deep = t.join("p/a/b/c/d");
        fs::create_dir_all(&deep).unwrap();
        let no_home = || None;
        assert_eq!(find(&deep, &names(), &no_home), None);
        fake_venv(&t.join("p/env"), "");
        fs::create_dir_all(t.join("p/a/.venv")).unwrap();
        fs::create_dir_all(t.join("p/a/b/venv")).unwrap();
        assert_eq!(
            find(&deep, &names(), &no_home).unwrap().venv,
            Ok(t.join("p/env"))
        );
        fake_venv(&t.join("p/a/b/venv"), "");
        assert_eq!(
            find(&deep, &names(), &no_home).unwrap().root,
            t.join("p/a/b")
        );
        fs::write(t.join("p/a/b/c/.venv"), "../venv\n").unwrap();
        assert_eq!(
            find(&deep, &names(), &no_home).unwrap().rule,
            Rule::LinkFile
        );
        let top = t.join("q");
        let chain: Vec<PathBuf> = (0..11)
            .scan(top.clone(), |p, i| {
                *p = p.join(format!("l{i}"));
                Some(p.clone())
            })
            .collect();
        let bottom = chain.last().unwrap().clone();
        fs::create_dir_all(&bottom).unwrap();
        for (i, level) in chain.iter().enumerate() {
            let made = match i % 3 {
                0 => {
                    fake_venv(&level.join("env"), "");
                    level.join("env")
                }
                1 => {
                    fs::write(level.join(".venv"), "/elsewhere\n").unwrap();
                    level.join(".venv")
                }
                _ => {
                    fake_venv(&level.join(".venv"), "");
                    level.join(".venv")
                }
            };
            let got = find(&bottom, &names(), &no_home);
            assert_eq!(got.unwrap().root, *level, "venv at level {i}");
            if made.is_dir() {
                fs::remove_dir_all(&made).unwrap();
            } else {
                fs::remove_file(&made).unwrap();
            }
        }
        assert_eq!(find(&bottom, &names(), &no_home), None);
        fs::remove_dir_all(&t).unwrap();
    }
}
