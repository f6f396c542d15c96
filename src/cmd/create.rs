//! `venvsh create [PATH…]`: `python -m venv` with its options, a base Python found by
//! version, venvs in the venv home linked from the project, and trust for what it makes.

use super::{cwd, fail, say, tilde};
use crate::paths::join_clean;
use crate::show::{io_reason, show};
use crate::trust::{Store, key};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Default, Clone, clap::Args)]
pub struct Options {
    /// Folders to create (default: .venv)
    pub paths: Vec<PathBuf>,
    /// The base Python: a version such as 3.12 (found on PATH) or a path to an interpreter
    /// [default: the version .python-version asks for, else python3]
    #[arg(long, value_name = "VERSION|PATH")]
    pub python: Option<String>,
    /// Create it in the venv home as NAME, and link this folder to it with a .venv file
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub home: Option<String>,
    /// The prompt name (python -m venv --prompt)
    #[arg(long)]
    pub prompt: Option<String>,
    /// Delete the venv's contents first, then create it again
    #[arg(long)]
    pub clear: bool,
    /// Give the venv access to the system site-packages
    #[arg(long)]
    pub system_site_packages: bool,
    /// Do not install pip (much faster)
    #[arg(long)]
    pub without_pip: bool,
    /// Upgrade pip (and setuptools before Python 3.12) to the latest on PyPI after
    /// creating; pip's progress shows
    #[arg(long, conflicts_with = "without_pip")]
    pub upgrade_deps: bool,
    /// Copy the interpreter instead of linking to it
    #[arg(long, conflicts_with = "symlinks")]
    pub copies: bool,
    /// Link to the interpreter (the default where possible)
    #[arg(long)]
    pub symlinks: bool,
    /// Upgrade an existing venv to the Python it was made from, in place
    #[arg(long)]
    pub upgrade: bool,
}

/// `python3.12`, `python3`, `python`... on PATH (the active venv's bin left out, so a venv
/// is made from a base Python), the first whose version starts with `want`. On Windows
/// the `py` launcher is asked first (`py -3.12`), as Python's Windows docs teach, then
/// `python.exe` on PATH.
fn find_python(want: Option<&str>) -> Result<PathBuf, String> {
    if let Some(w) = want
        && (w.contains('/') || w.starts_with('~') || (cfg!(windows) && w.contains('\\')))
    {
        let p = crate::config::expand_tilde(w);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("no Python at {w}"))
        };
    }
    if cfg!(windows)
        && let Some(p) = py_launcher(want)
    {
        return Ok(p);
    }
    let active = std::env::var_os("VIRTUAL_ENV").map(PathBuf::from);
    let skip = |dir: &Path| {
        active
            .as_ref()
            .is_some_and(|v| dir == v.join("bin") || dir == v.join("Scripts"))
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut names = Vec::new();
    if let Some(w) = want {
        names.push(format!("python{w}"));
    }
    names.extend(["python3".to_string(), "python".to_string()]);
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n + std::env::consts::EXE_SUFFIX)
        .collect();
    let mut seen = Vec::new();
    for name in &names {
        for dir in std::env::split_paths(&path) {
            if skip(&dir) {
                continue;
            }
            let exe = dir.join(name);
            if !exe.is_file() {
                continue;
            }
            let Some(version) = python_version(&exe) else {
                continue;
            };
            match want {
                Some(w) if version != w && !version.starts_with(&format!("{w}.")) => {
                    seen.push(version);
                }
                _ => return Ok(exe),
            }
        }
    }
    seen.sort();
    seen.dedup();
    Err(match (want, seen.is_empty()) {
        (Some(w), false) => format!(
            "no Python {w} on PATH (found {}); install it or give its path: --python /path/to/python",
            seen.join(", ")
        ),
        (Some(w), true) => {
            format!("no Python {w} on PATH; install it or give its path: --python /path/to/python")
        }
        (None, _) => {
            "no python3 on PATH; install Python or give its path: --python /path/to/python".into()
        }
    })
}

/// The interpreter the Windows `py` launcher picks for `want` (`-3.12`; none: `-3`).
/// `-X utf8`: Python writes to a pipe in the ANSI code page otherwise, and a path with
/// `é` in it would come back as something else.
fn py_launcher(want: Option<&str>) -> Option<PathBuf> {
    let out = Command::new("py")
        .arg(format!("-{}", want.unwrap_or("3")))
        .args(["-X", "utf8", "-c", "import sys; print(sys.executable)"])
        .output()
        .ok()?;
    let exe = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !exe.is_empty()).then(|| PathBuf::from(exe))
}

fn python_version(exe: &Path) -> Option<String> {
    let out = Command::new(exe)
        .args([
            "-X",
            "utf8",
            "-c",
            "import sys; print('%d.%d.%d' % sys.version_info[:3])",
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The Python a project asks for in `.python-version` (the file uv and pyenv write),
/// the nearest one from `dir` up: the file, and its first line that is no comment when
/// that is a version number (`3.12`, `3.12.1`), else that line as it is.
fn version_file(dir: &Path) -> Option<(PathBuf, Result<String, String>)> {
    let file = dir
        .ancestors()
        .map(|d| d.join(".python-version"))
        .find(|f| f.is_file())?;
    let text = crate::bounded::read(&file, crate::bounded::cap::LINE_FILE).ok()?;
    let line = String::from_utf8_lossy(&text)
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?
        .to_string();
    let parts: Vec<&str> = line.split('.').collect();
    let version = parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    Some((file, if version { Ok(line) } else { Err(line) }))
}

pub fn run(opts: Options) -> i32 {
    let cwd = cwd().path;
    let cfg = super::config();
    let python = match base_python(&opts, &cwd) {
        Ok(p) => p,
        Err(msg) => return fail(&msg),
    };
    let (targets, link) = match targets(&opts, &cwd, &cfg) {
        Ok(t) => t,
        Err(msg) => return fail(&msg),
    };
    // Check every target before making any: several paths either all start or none do.
    for t in &targets {
        if let Err(msg) = check_target(t, &opts) {
            return fail(&msg);
        }
    }
    let store = Store::open();
    if let Err(msg) = create_all(&python, &targets, &opts, store.as_ref()) {
        return fail(&msg);
    }
    match link {
        Some((dot, name)) => match link_here(&cwd, &dot, &name, &targets[0], store.as_ref()) {
            Ok(()) => 0,
            Err(msg) => fail(&msg),
        },
        None => 0,
    }
}

/// The interpreter to make the venvs with: `--python`, else the version the project's
/// `.python-version` asks for (said), else python3.
fn base_python(opts: &Options, cwd: &Path) -> Result<PathBuf, String> {
    let mut want = opts.python.clone();
    let mut asked_by = None;
    if want.is_none() {
        match version_file(cwd) {
            Some((file, Ok(v))) => {
                want = Some(v);
                asked_by = Some(file);
            }
            Some((file, Err(line))) => super::say(&format!(
                "not using {}: '{}' is not a Python version to look for on PATH; give one with --python",
                tilde(&file),
                crate::show::show_bytes(line.as_bytes())
            )),
            None => {}
        }
    }
    match find_python(want.as_deref()) {
        Ok(p) => {
            if let (Some(file), Some(v)) = (&asked_by, &want) {
                super::say(&format!("Python {v}, as {} asks", tilde(file)));
            }
            Ok(p)
        }
        Err(msg) => Err(match asked_by {
            Some(file) => format!("{msg}; or change {}", tilde(&file)),
            None => msg,
        }),
    }
}

/// The venvs to make, and for `--home NAME` the `.venv` link file to write here and the
/// name it holds.
type Targets = (Vec<PathBuf>, Option<(PathBuf, String)>);

fn targets(opts: &Options, cwd: &Path, cfg: &crate::config::Config) -> Result<Targets, String> {
    let Some(name) = &opts.home else {
        return Ok(if opts.paths.is_empty() {
            (vec![cwd.join(".venv")], None)
        } else {
            (
                opts.paths.iter().map(|p| join_clean(cwd, p)).collect(),
                None,
            )
        });
    };
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(format!("--home takes a venv name, not a path: {name}"));
    }
    let Some(home) = cfg.venv_home() else {
        return Err("no venv home is known; set venv_home in the config or $WORKON_HOME".into());
    };
    // The default home is made on first use; one set by hand that is missing is more
    // likely a typo than a wish for a new folder.
    if !home.is_dir()
        && let Some(by) = cfg.venv_home_set_by()
    {
        return Err(format!(
            "the venv home {} ({by}) does not exist; create it (mkdir -p {}) or fix {by}",
            tilde(&home),
            shell_words::quote(&home.to_string_lossy())
        ));
    }
    let dot = cwd.join(".venv");
    if dot.symlink_metadata().is_ok() {
        return Err(format!(
            "{} exists already; remove it first to link this folder to {}",
            tilde(&dot),
            tilde(&home.join(name))
        ));
    }
    Ok((vec![home.join(name)], Some((dot, name.clone()))))
}

/// Makes each venv with `python` and allows it, saying each as it is made.
fn create_all(
    python: &Path,
    targets: &[PathBuf],
    opts: &Options,
    store: Option<&Store>,
) -> Result<(), String> {
    // On a terminal the long steps are announced, and pip's own progress shows below.
    let tty = std::io::stderr().is_terminal();
    // Every venv made here runs this interpreter: its version, asked once.
    let version = python_version(python);
    for t in targets {
        let started = std::time::Instant::now();
        if tty {
            say(&format!("creating {}{}...", tilde(t), steps(opts)));
        }
        create_one(python, version.as_deref(), t, opts)?;
        if let Some(store) = store
            && let Err(e) = store.allow_with(&key(t), t, None)
        {
            say(&format!(
                "created {}, but could not allow it: {}",
                tilde(t),
                io_reason(&e)
            ));
        }
        say(&format!(
            "created {} (Python {}){}",
            tilde(t),
            version.as_deref().unwrap_or("?"),
            if tty {
                format!(" in {:.1} s", started.elapsed().as_secs_f64())
            } else {
                String::new()
            }
        ));
    }
    Ok(())
}

/// `--home`: links `cwd` to the venv made (`.venv` naming `name`) and allows the folder
/// with it.
fn link_here(
    cwd: &Path,
    dot: &Path,
    name: &str,
    venv: &Path,
    store: Option<&Store>,
) -> Result<(), String> {
    // Whole or not at all: the hook reads this file at every `cd`.
    write_link(dot, name).map_err(|e| {
        format!(
            "created {} but could not write {}: {}",
            tilde(venv),
            tilde(dot),
            io_reason(&e)
        )
    })?;
    say(&format!("linked {} to it", tilde(cwd)));
    // An allow covers a project and its venv: this folder, with the venv it now names.
    if let Some(store) = store
        && let Err(e) = store.allow_with(&key(cwd), venv, None)
    {
        say(&format!(
            "linked {}, but could not allow it: {}",
            tilde(cwd),
            io_reason(&e)
        ));
    }
    Ok(())
}

/// What a terminal is told the creation will do besides making the folder.
fn steps(opts: &Options) -> &'static str {
    if opts.without_pip {
        ""
    } else {
        ", installing pip (a few seconds)"
    }
}

fn check_target(t: &Path, opts: &Options) -> Result<(), String> {
    match std::fs::metadata(t) {
        Ok(m) if !m.is_dir() => Err(format!("{} exists and is not a folder", show(t))),
        Ok(_) if t.join("pyvenv.cfg").is_file() && !opts.clear && !opts.upgrade => Err(format!(
            "{} is a venv already; --clear makes it anew, --upgrade upgrades it in place",
            tilde(t)
        )),
        Ok(_) => Ok(()),
        Err(_) => {
            let parent = t.parent().unwrap_or(Path::new("/"));
            let existing = parent
                .ancestors()
                .find(|a| a.exists())
                .unwrap_or(Path::new("/"));
            if !existing.is_dir() {
                return Err(format!("{} is not a folder", show(existing)));
            }
            if !crate::files::writable(existing) {
                return Err(format!(
                    "cannot create {}: {} is not writable by you",
                    show(t),
                    show(existing)
                ));
            }
            Ok(())
        }
    }
}

/// Runs `python -m venv`; when it fails, what it left of a venv that was not there
/// before is removed, so nothing is left half-made.
fn create_one(
    python: &Path,
    version: Option<&str>,
    t: &Path,
    opts: &Options,
) -> Result<(), String> {
    let existed = t.exists();
    let mut cmd = Command::new(python);
    cmd.args(["-m", "venv"]);
    for (on, flag) in [
        (opts.clear, "--clear"),
        (opts.system_site_packages, "--system-site-packages"),
        (opts.without_pip, "--without-pip"),
        (opts.copies, "--copies"),
        (opts.symlinks, "--symlinks"),
        (opts.upgrade, "--upgrade"),
    ] {
        if on {
            cmd.arg(flag);
        }
    }
    if let Some(p) = &opts.prompt {
        cmd.arg(format!("--prompt={p}"));
    }
    cmd.arg(t);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {}: {}", show(python), io_reason(&e)))?;
    let made = status.success() && t.join("pyvenv.cfg").is_file();
    // `--upgrade-deps` is run here rather than by `venv`, which hides pip's output:
    // pip's own progress shows on a terminal.
    let upgraded =
        !made || !opts.upgrade_deps || upgrade_deps(t, version).is_ok_and(|s| s.success());
    if made && upgraded {
        return Ok(());
    }
    if !existed {
        let _ = std::fs::remove_dir_all(t);
    }
    let left = if existed {
        ""
    } else {
        "; nothing was left behind"
    };
    Err(if made {
        format!(
            "upgrading pip in {} failed (see pip's message above; --upgrade-deps needs PyPI){left}",
            tilde(t)
        )
    } else {
        format!(
            "{} -m venv failed for {} (exit {}){left}",
            show(python),
            tilde(t),
            status.code().map_or("signal".into(), |c| c.to_string())
        )
    })
}

/// What `python -m venv --upgrade-deps` does: pip, and setuptools before Python 3.12.
fn upgrade_deps(venv: &Path, version: Option<&str>) -> std::io::Result<std::process::ExitStatus> {
    let py = crate::venv::Venv::open(venv)
        .map(|v| v.interpreter)
        .map_err(std::io::Error::other)?;
    let old = version.is_some_and(|v| {
        let mut it = v.split('.').map(|n| n.parse::<u32>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0)) < (3, 12)
    });
    let mut cmd = Command::new(&py);
    cmd.args(["-m", "pip", "install", "--upgrade", "pip"]);
    if old {
        cmd.arg("setuptools");
    }
    say(&format!(
        "upgrading pip{} from PyPI...",
        if old { " and setuptools" } else { "" }
    ));
    cmd.status()
}

/// The `.venv` link file naming `name`, written by rename (`files::write_atomic`), readable
/// by all as a file `echo NAME > .venv` makes.
fn write_link(dot: &Path, name: &str) -> std::io::Result<()> {
    crate::files::write_atomic(dot, format!("{name}\n").as_bytes(), None)?;
    #[cfg(unix)]
    std::fs::set_permissions(dot, std::os::unix::fs::PermissionsExt::from_mode(0o644))?;
    Ok(())
}
