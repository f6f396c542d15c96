//! A conda-style prefix (conda, mamba, pixi; behaviour.md §2 rule 4): a folder with
//! `conda-meta/history` and a Python, no `pyvenv.cfg`. What activating it does is read
//! here, as conda's own activator reads it (conda/activate.py, `_build_activate_stack`),
//! without starting conda:
//! - PATH: `bin` on Unix; on Windows `_get_path_dirs`' list (the prefix,
//!   `Library\mingw-w64\bin`, `Library\usr\bin`, `Library\bin`, `Scripts`, `bin`);
//! - `CONDA_PREFIX`, `CONDA_DEFAULT_ENV` (`_default_env`: the basename of a prefix in an
//!   envs folder, else its path), `CONDA_PROMPT_MODIFIER`;
//! - the env's own variables (`conda env config vars`, `_get_environment_env_vars`): each
//!   `etc/conda/env_vars.d/*.json` in name order, then `conda-meta/state`'s `env_vars`
//!   over them; the value `***unset***` unsets one;
//! - the scripts in `etc/conda/activate.d` in name order, and on leaving those in
//!   `etc/conda/deactivate.d` in reverse name order (`_get_activate_scripts`,
//!   `_get_deactivate_scripts`); each shell runs those in its own language.
//!
//! Every file is read through `bounded`, and a scripts folder is listed up to `MAX_SCRIPTS`:
//! a prefix inside a cloned repository (`.pixi/envs/default`) is the repository's.

use crate::show::show;
use crate::world::{Kind, Platform, World};
use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A variable's name: most are venvsh's or conda's own (`'static`), the env's own are
/// read from its files.
pub type Name = Cow<'static, str>;

/// What activating a conda prefix does besides PATH (behaviour.md §2 rule 4).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CondaSet {
    /// Lines to say on activating it: what of it was passed over, and why.
    pub notes: Vec<String>,
    /// The variables it sets, in order: `CONDA_PREFIX`, `CONDA_DEFAULT_ENV`, …, then
    /// the env's own (`conda env config vars`); a None value unsets one.
    pub vars: Vec<CondaVar>,
    /// Its `etc/conda/activate.d` scripts, in the order conda runs them, every language.
    pub enter: Vec<PathBuf>,
    /// Its `etc/conda/deactivate.d` scripts, likewise.
    pub leave: Vec<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CondaVar {
    pub name: Name,
    /// One of the env's own (`env_vars.d`, `conda-meta/state`, the tool's manifest), not
    /// one conda's activator sets.
    pub own: bool,
    pub value: Option<OsString>,
    /// Its value in this shell when the prefix was found, to put back on leaving.
    pub now: Option<OsString>,
}

/// Whether `name` can be a variable's name in every shell: what conda itself accepts in
/// `conda env config vars set` is wider, but a name is written into shell code as it is.
pub fn var_name_ok(name: &str) -> bool {
    let mut b = name.bytes();
    b.next()
        .is_some_and(|c| c == b'_' || c.is_ascii_alphabetic())
        && b.all(|c| c == b'_' || c.is_ascii_alphanumeric())
}

/// `name`, when it can be a variable's name in every shell (`var_name_ok`).
pub fn var_name(name: impl Into<Name>) -> Option<Name> {
    let name = name.into();
    var_name_ok(&name).then_some(name)
}

/// The file that makes a folder a conda prefix (conda's `PREFIX_MAGIC_FILE`).
pub const MARKER: &str = "conda-meta/history";

/// The value that unsets a variable (conda's `CONDA_ENV_VARS_UNSET_VAR`).
const UNSET: &str = "***unset***";

/// More entries than this in one folder: the folder is refused, not listed on (the
/// permission check, `trust::unsafe_reason`, looks at as many).
pub const MAX_SCRIPTS: usize = 256;

/// Whether `p` is a conda prefix.
pub fn is_prefix(p: &Path) -> bool {
    p.join(MARKER).is_file()
}

/// A folder of the prefix's `etc/conda`, joined a part at a time: these paths are shown
/// and run, and on Windows a `/` in them would stay as it is.
pub fn etc_conda(prefix: &Path, folder: &str) -> PathBuf {
    prefix.join("etc").join("conda").join(folder)
}

/// Whether `prefix` is a conda install itself (its `base`): only that one has `condabin`.
fn is_root(w: &dyn World, prefix: &Path) -> bool {
    w.meta(&prefix.join("condabin"))
        .is_some_and(|m| m.kind == Kind::Dir)
}

/// The PATH entries conda puts first for `prefix`, joined with PATH's separator (on
/// Windows `_get_path_dirs`: with the first MSYS2 toolchain folder the prefix has).
pub fn bin(w: &dyn World, prefix: &Path) -> PathBuf {
    if w.platform() == Platform::Windows {
        let msys = ["ucrt64", "clang64", "mingw64", "clangarm64"]
            .iter()
            .map(|t| prefix.join("Library").join(t).join("bin"))
            .find(|d| w.meta(d).is_some_and(|m| m.kind == Kind::Dir));
        let dirs = [
            Some(prefix.to_path_buf()),
            msys,
            Some(prefix.join(r"Library\mingw-w64\bin")),
            Some(prefix.join(r"Library\usr\bin")),
            Some(prefix.join(r"Library\bin")),
            Some(prefix.join("Scripts")),
            Some(prefix.join("bin")),
        ];
        let joined: Vec<OsString> = dirs
            .iter()
            .flatten()
            .map(|d| d.as_os_str().to_owned())
            .collect();
        PathBuf::from(joined.join(std::ffi::OsStr::new(";")))
    } else {
        prefix.join("bin")
    }
}

/// Its Python: `bin/python`, or `python.exe` at the top on Windows.
pub fn python(w: &dyn World, prefix: &Path) -> PathBuf {
    if w.platform() == Platform::Windows {
        prefix.join("python.exe")
    } else {
        prefix.join("bin/python")
    }
}

/// Why the prefix cannot be used, if it cannot: it has no Python (a prefix with R or
/// Node only), or its Python is a dangling link.
pub fn broken(w: &dyn World, prefix: &Path) -> Option<String> {
    let py = python(w, prefix);
    match w.meta(&py) {
        Some(_) => None,
        None if w.link_status(&py) == Some(true) => Some(format!(
            "{} is broken: its Python {} points at an interpreter that is gone",
            show(prefix),
            show(&py)
        )),
        None => Some(format!(
            "{} has no Python ({}); install one in it",
            show(prefix),
            show(&py)
        )),
    }
}

/// Who made the prefix, for the variables only that tool sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Maker {
    Conda,
    /// pixi, for the workspace at `root` called `name`, its manifest `manifest`, with the
    /// manifest's own activation scripts.
    Pixi {
        root: PathBuf,
        name: String,
        manifest: PathBuf,
        scripts: Vec<PathBuf>,
    },
}

/// Everything activating `prefix` sets and runs, with each variable's value in this
/// process now (`now`), to put back on leaving. `extra` are the variables the tool's
/// manifest adds (pixi's `[activation.env]`), set after conda's own. Lines for what was
/// passed over (a name no shell can hold, an unreadable file) go in its `notes`.
pub fn activation(
    w: &dyn World,
    prefix: &Path,
    name: &str,
    maker: &Maker,
    extra: &[(String, String)],
    now: &dyn Fn(&str) -> Option<OsString>,
) -> CondaSet {
    let said = &mut Vec::new();
    let mut vars: Vec<(Name, Option<OsString>)> = vec![
        ("CONDA_PREFIX".into(), Some(prefix.as_os_str().to_owned())),
        (
            "CONDA_DEFAULT_ENV".into(),
            Some(default_env(w, prefix, maker).into()),
        ),
    ];
    // pixi's own (crates/pixi_core/src/activation.rs): no CONDA_PROMPT_MODIFIER.
    match maker {
        Maker::Conda => vars.push((
            "CONDA_PROMPT_MODIFIER".into(),
            Some(format!("({name}) ").into()),
        )),
        Maker::Pixi {
            root,
            name,
            manifest,
            ..
        } => vars.extend(
            [
                ("PIXI_PROJECT_ROOT", Some(root.as_os_str().to_owned())),
                ("PIXI_PROJECT_NAME", Some(name.into())),
                (
                    "PIXI_PROJECT_MANIFEST",
                    Some(manifest.as_os_str().to_owned()),
                ),
                ("PIXI_ENVIRONMENT_NAME", Some("default".into())),
                ("PIXI_PROMPT", Some(format!("({name}) ").into())),
            ]
            .map(|(n, v)| (Name::from(n), v)),
        ),
    }
    let mut own_names: Vec<Name> = Vec::new();
    let mut own = env_vars(w, prefix, said);
    own.extend(extra.iter().map(|(k, v)| (k.clone(), Some(v.clone()))));
    for (k, v) in own {
        // `***unset***`: conda leaves the variable as it is.
        let Some(v) = v else { continue };
        if v.contains('\0') {
            said.push(format!(
                "{}: not setting {}: its value holds a NUL, which no variable can",
                show(prefix),
                k.escape_debug()
            ));
            continue;
        }
        match var_name(k.clone()) {
            Some(n) if !reserved(&n) => {
                vars.retain(|(m, _)| *m != n);
                own_names.push(n.clone());
                vars.push((n, Some(OsString::from(v))));
            }
            _ => said.push(format!(
                "{}: not setting the variable '{}': venvsh keeps that name, or no shell can hold it",
                show(prefix),
                k.escape_debug()
            )),
        }
    }
    let mut enter = scripts(w, &etc_conda(prefix, "activate.d"), false, said);
    if let Maker::Pixi { scripts, .. } = maker {
        enter.extend(scripts.iter().cloned());
    }
    let leave = scripts(w, &etc_conda(prefix, "deactivate.d"), true, said);
    CondaSet {
        notes: std::mem::take(said),
        enter,
        leave,
        vars: vars
            .into_iter()
            .map(|(name, value)| CondaVar {
                now: now(&name),
                own: own_names.contains(&name),
                name,
                value,
            })
            .collect(),
    }
}

/// Names an env may not set, in any case (Windows' variables ignore it): what venvsh
/// sets and puts back itself. What the shells keep for themselves is theirs to say
/// (`shell::kept_by_any`), asked where the env is judged; a prefix that sets either
/// gets a line, and the rest of it is set.
pub fn reserved(name: &str) -> bool {
    const VENVSH: &[&str] = &[
        "PATH",
        "PYTHONHOME",
        "VIRTUAL_ENV",
        "VIRTUAL_ENV_PROMPT",
        "CONDA_PREFIX",
        "UV_PROJECT_ENVIRONMENT",
    ];
    let up = name.to_ascii_uppercase();
    VENVSH.contains(&up.as_str()) || up.starts_with("VENVSH_")
}

/// conda's `_default_env`: `base` for the install itself, the name of a prefix in an
/// envs folder (`…/envs/NAME`), else its path. pixi names its own `project:env`,
/// `default` taking the project's name alone.
pub fn default_env(w: &dyn World, prefix: &Path, maker: &Maker) -> String {
    if let Maker::Pixi { name, .. } = maker {
        return name.clone();
    }
    if is_root(w, prefix) {
        return "base".into();
    }
    match (prefix.parent(), prefix.file_name()) {
        (Some(parent), Some(base)) if parent.file_name().is_some_and(|n| n == "envs") => {
            base.to_string_lossy().into_owned()
        }
        _ => prefix.to_string_lossy().into_owned(),
    }
}

/// The env's own variables in the order conda applies them: `env_vars.d/*.json` by name,
/// then `conda-meta/state`. None: `***unset***`, which conda passes over.
fn env_vars(w: &dyn World, prefix: &Path, said: &mut Vec<String>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut files: Vec<PathBuf> = listing(w, &etc_conda(prefix, "env_vars.d"), said)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        merge(&mut out, read_json(w, &f, said).as_ref());
    }
    let state = read_json(w, &prefix.join("conda-meta/state"), said);
    merge(&mut out, state.as_ref().and_then(|s| s.get("env_vars")));
    out
}

fn merge(out: &mut Vec<(String, Option<String>)>, obj: Option<&serde_json::Value>) {
    let Some(obj) = obj.and_then(|o| o.as_object()) else {
        return;
    };
    for (k, v) in obj {
        // conda writes strings; a number is its text.
        let v = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // `envvars_force_uppercase`, on by default.
        let k = k.to_uppercase();
        out.retain(|(n, _)| *n != k);
        out.push((k, (v != UNSET).then_some(v)));
    }
}

/// A JSON file of the prefix, if there is one that parses; one line when it is passed over.
fn read_json(w: &dyn World, path: &Path, said: &mut Vec<String>) -> Option<serde_json::Value> {
    match w.read(path, crate::bounded::cap::PROJECT_FILE) {
        Err(crate::bounded::Refusal::Missing) => None,
        Ok(b) => match serde_json::from_slice(&b) {
            Ok(v) => Some(v),
            Err(e) => {
                said.push(format!(
                    "{} is not JSON ({e}); its variables are not set",
                    show(path)
                ));
                None
            }
        },
        Err(e) => {
            said.push(e.line(path));
            None
        }
    }
}

/// The files in a folder, at most `MAX_SCRIPTS`; none when it is absent.
fn listing(w: &dyn World, dir: &Path, said: &mut Vec<String>) -> Vec<PathBuf> {
    let Some(names) = w.list(dir, MAX_SCRIPTS + 1) else {
        return Vec::new();
    };
    if names.len() > MAX_SCRIPTS {
        said.push(format!(
            "{} holds more than {MAX_SCRIPTS} entries; none of them is run or read",
            show(dir)
        ));
        return Vec::new();
    }
    // Regular files only, as conda's glob meets them; a link to one counts.
    names
        .into_iter()
        .map(|(n, _)| dir.join(n))
        .filter(|p| w.meta(p).is_some_and(|m| m.kind == Kind::File))
        .collect()
}

/// A scripts folder in conda's order: by name, reversed for `deactivate.d`.
fn scripts(w: &dyn World, dir: &Path, reverse: bool, said: &mut Vec<String>) -> Vec<PathBuf> {
    let mut s = listing(w, dir, said);
    s.sort();
    if reverse {
        s.reverse();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::Disk;

    /// `10-x.sh`, `2-y.sh` and `a.fish` in both folders: activate.d in name order,
    /// deactivate.d the other way.
    fn assert_scripts_in_condas_order(set: &CondaSet) {
        let names = |v: &[PathBuf]| -> Vec<String> {
            v.iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(&set.enter), ["10-x.sh", "2-y.sh", "a.fish"]);
        assert_eq!(names(&set.leave), ["a.fish", "2-y.sh", "10-x.sh"]);
    }
    use std::fs;

    #[test]
    fn variables_and_scripts_in_condas_order() {
        let t = crate::venv::tests::tmp("conda");
        let p = t.join("envs/data");
        fs::create_dir_all(p.join("conda-meta")).unwrap();
        fs::create_dir_all(p.join("etc/conda/env_vars.d")).unwrap();
        fs::create_dir_all(p.join("etc/conda/activate.d")).unwrap();
        fs::create_dir_all(p.join("etc/conda/deactivate.d")).unwrap();
        fs::write(p.join(MARKER), "").unwrap();
        fs::write(
            p.join("etc/conda/env_vars.d/b.json"),
            r#"{"A": "from b", "GONE": "x"}"#,
        )
        .unwrap();
        fs::write(
            p.join("etc/conda/env_vars.d/a.json"),
            r#"{"A": "from a", "B": "b"}"#,
        )
        .unwrap();
        fs::write(
            p.join("conda-meta/state"),
            r#"{"env_vars": {"b": "state", "GONE": "***unset***", "bad name": "x", "PATH": "/evil"}}"#,
        )
        .unwrap();
        for s in ["10-x.sh", "2-y.sh", "a.fish"] {
            fs::write(p.join("etc/conda/activate.d").join(s), "").unwrap();
            fs::write(p.join("etc/conda/deactivate.d").join(s), "").unwrap();
        }
        let now = |n: &str| (n == "B").then(|| OsString::from("before"));
        let set = activation(&Disk, &p, "data", &Maker::Conda, &[], &now);
        let said = &set.notes;
        let vars: Vec<(&str, Option<&str>, Option<&str>)> = set
            .vars
            .iter()
            .map(|v| {
                (
                    &*v.name,
                    v.value.as_deref().and_then(|x| x.to_str()),
                    v.now.as_deref().and_then(|x| x.to_str()),
                )
            })
            .collect();
        let prefix = p.to_str().unwrap();
        assert_eq!(
            vars,
            [
                ("CONDA_PREFIX", Some(prefix), None),
                ("CONDA_DEFAULT_ENV", Some("data"), None),
                ("CONDA_PROMPT_MODIFIER", Some("(data) "), None),
                ("A", Some("from b"), None),
                ("B", Some("state"), Some("before")),
            ]
        );
        assert_eq!(said.len(), 2, "{said:?}");
        assert_scripts_in_condas_order(&set);
        fs::remove_dir_all(&t).unwrap();
    }

    /// Names venvsh sets itself are never the env's, in any case; a NUL is never set;
    /// each one passed over is said. What the shells keep is judged later, by the shell
    /// (`target::conda_candidate`): here those are marked as the env's own.
    #[test]
    fn reserved_names_and_nuls_are_passed_over() {
        let t = crate::venv::tests::tmp("conda-names");
        fs::create_dir_all(t.join("conda-meta")).unwrap();
        let extra: Vec<(String, String)> = [
            ("path", "/x"),
            ("Path", "/x"),
            ("CONDA_PREFIX", "/elsewhere"),
            ("venvsh_state", "v1"),
            ("NUL", "a\0b"),
            ("bad name", "x"),
            ("__venvsh_bin", "/tmp/evil"),
            ("http_proxy", "http://p"),
            ("FINE", "yes"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let set = activation(&Disk, &t, "n", &Maker::Conda, &extra, &|_| None);
        let names: Vec<(&str, bool)> = set.vars.iter().map(|v| (&*v.name, v.own)).collect();
        assert_eq!(
            names,
            [
                ("CONDA_PREFIX", false),
                ("CONDA_DEFAULT_ENV", false),
                ("CONDA_PROMPT_MODIFIER", false),
                ("__venvsh_bin", true),
                ("http_proxy", true),
                ("FINE", true),
            ]
        );
        assert_eq!(set.vars[0].value.as_deref(), Some(t.as_os_str()));
        assert_eq!(set.notes.len(), 6, "{:?}", set.notes);
        fs::remove_dir_all(&t).unwrap();
    }

    /// conda's rules on a world in memory (issue 33 §1): `_default_env`, the PATH entries
    /// on Windows as on Unix, a broken prefix.
    #[test]
    fn condas_names_and_paths_on_a_world_in_memory() {
        use crate::world::mem::Mem;
        let mut w = Mem::new(1000);
        assert_eq!(
            default_env(&w, Path::new("/o/envs/web"), &Maker::Conda),
            "web"
        );
        assert_eq!(
            default_env(&w, Path::new("/srv/web"), &Maker::Conda),
            "/srv/web"
        );
        w.dir("/o/condabin");
        assert_eq!(default_env(&w, Path::new("/o"), &Maker::Conda), "base");

        let p = Path::new("/o/envs/data");
        assert!(broken(&w, p).unwrap().contains("has no Python"));
        w.file("/o/envs/data/bin/python", "");
        assert_eq!(broken(&w, p), None);
        assert_eq!(bin(&w, p), p.join("bin"));
        w.platform = Platform::Windows;
        w.dir("/o/envs/data/Library/mingw64/bin");
        let path = bin(&w, p);
        let parts: Vec<&str> = path.to_str().unwrap().split(';').collect();
        assert_eq!(parts.len(), 7, "{parts:?}");
        assert_eq!(parts[0], "/o/envs/data");
        assert!(parts[1].ends_with("mingw64/bin"), "{parts:?}");
        assert!(broken(&w, p).unwrap().contains("python.exe"));
    }

    /// The scripts' order and cap, a FIFO passed over, `***unset***`, and
    /// `conda-meta/state` over `env_vars.d`, in name order.
    #[test]
    fn condas_scripts_and_variables_on_a_world_in_memory() {
        use crate::world::mem::Mem;
        let mut w = Mem::new(1000);
        let p = Path::new("/o/envs/data");
        w.file("/o/envs/data/bin/python", "");
        for s in ["10-x.sh", "2-y.sh", "a.fish"] {
            w.file(&format!("/o/envs/data/etc/conda/activate.d/{s}"), "");
            w.file(&format!("/o/envs/data/etc/conda/deactivate.d/{s}"), "");
        }
        w.add(
            "/o/envs/data/etc/conda/activate.d/fifo.sh",
            Kind::Other,
            0o644,
            b"",
        );
        w.file(
            "/o/envs/data/etc/conda/env_vars.d/b.json",
            r#"{"b": "2", "c": "3"}"#,
        )
        .file(
            "/o/envs/data/etc/conda/env_vars.d/a.json",
            r#"{"a": "1", "b": "1"}"#,
        )
        .file(
            "/o/envs/data/conda-meta/state",
            r#"{"env_vars": {"c": "***unset***", "d": "4"}}"#,
        );
        let set = activation(&w, p, "data", &Maker::Conda, &[], &|_| None);
        assert_scripts_in_condas_order(&set);
        let vars: Vec<(&str, Option<&str>)> = set
            .vars
            .iter()
            .map(|v| (&*v.name, v.value.as_deref().and_then(|x| x.to_str())))
            .collect();
        assert_eq!(
            vars,
            [
                ("CONDA_PREFIX", Some("/o/envs/data")),
                ("CONDA_DEFAULT_ENV", Some("data")),
                ("CONDA_PROMPT_MODIFIER", Some("(data) ")),
                ("A", Some("1")),
                ("B", Some("2")),
                ("D", Some("4")),
            ]
        );
        // More scripts than the cap: none of them, and a line.
        for i in 0..=MAX_SCRIPTS {
            w.file(&format!("/o/envs/data/etc/conda/activate.d/{i}.sh"), "");
        }
        let set = activation(&w, p, "data", &Maker::Conda, &[], &|_| None);
        assert!(set.enter.is_empty());
        assert!(
            set.notes
                .iter()
                .any(|n| n.contains("holds more than 256 entries")),
            "{:?}",
            set.notes
        );
    }
}
