//! Issue 26 §1: what a cloned repository holds cannot hang, grow or break the hook. Every
//! file venvsh reads in a folder may be a FIFO, a terminal, `/dev/zero`, a 1 GiB file, a
//! dangling link, a loop of links or a folder, at any level.
//!
//! Bounds (a run that passes either fails here):
//! - `venvsh export` ends within `EXPORT_SECS` of wall time (it takes milliseconds);
//! - under `ulimit -v` of `EXPORT_KIB` (a read of `/dev/zero` or of the 1 GiB file runs
//!   out of address space long before, and the process dies);
//! - with a terminal as its controlling tty, whose input nobody ever writes: a read of
//!   `/dev/tty` waits forever.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use venvsh_gen::{Rng, seed};

const EXPORT_SECS: u64 = 10;
const EXPORT_KIB: u64 = 512 * 1024;

/// Every name venvsh looks at in a folder, and `pyvenv.cfg` inside the venv names.
const NAMES: [&str; 11] = [
    ".venv",
    "venv",
    "env",
    "pyproject.toml",
    "Pipfile",
    ".pdm-python",
    "poetry.toml",
    "hatch.toml",
    "uv.lock",
    "poetry.lock",
    ".python-version",
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Fifo,
    Tty,
    Zero,
    Huge,
    Dangling,
    Loop,
    Folder,
}

const KINDS: [Kind; 7] = [
    Kind::Fifo,
    Kind::Tty,
    Kind::Zero,
    Kind::Huge,
    Kind::Dangling,
    Kind::Loop,
    Kind::Folder,
];

fn make(p: &Path, kind: Kind) {
    match kind {
        Kind::Fifo => nix::unistd::mkfifo(p, nix::sys::stat::Mode::S_IRWXU).unwrap(),
        Kind::Tty => symlink("/dev/tty", p).unwrap(),
        Kind::Zero => symlink("/dev/zero", p).unwrap(),
        Kind::Huge => std::fs::File::create(p).unwrap().set_len(1 << 30).unwrap(),
        Kind::Dangling => symlink(p.with_extension("nowhere"), p).unwrap(),
        Kind::Loop => symlink(p, p).unwrap(),
        Kind::Folder => std::fs::create_dir(p).unwrap(),
    }
}

/// A tree `depth` folders deep; at each level about half the names are one of the kinds
/// (a venv name made a folder gets a hostile `pyvenv.cfg` and `bin/python` too). Returns
/// the folders from the top down, and what was made, for the failure message.
fn hostile_tree(rng: &mut Rng, top: &Path, depth: usize) -> (Vec<PathBuf>, Vec<String>) {
    let mut dirs = Vec::new();
    let mut made = Vec::new();
    let mut d = top.to_path_buf();
    for level in 0..depth {
        d = d.join(format!("l{level}"));
        std::fs::create_dir_all(&d).unwrap();
        for name in NAMES {
            if !rng.chance(50) {
                continue;
            }
            let kind = rng.pick(&KINDS);
            make(&d.join(name), kind);
            made.push(format!("l{level}/{name}: {kind:?}"));
            if matches!(kind, Kind::Folder) && name.contains("env") {
                let inner = rng.pick(&KINDS);
                make(&d.join(name).join("pyvenv.cfg"), inner);
                std::fs::create_dir(d.join(name).join("bin")).unwrap();
                make(&d.join(name).join("bin/python"), rng.pick(&KINDS));
                made.push(format!("l{level}/{name}/pyvenv.cfg: {inner:?}"));
            }
        }
        dirs.push(d.clone());
    }
    (dirs, made)
}

/// `venvsh ARGS` in `dir` under `ulimit -v` and `timeout`, in a session of its own whose
/// controlling terminal is `tty` (a pty whose other end nobody writes).
fn bounded(w: &World, tty: &std::fs::File, dir: &Path, args: &str) -> std::process::Output {
    let mut c = w.run_in("/bin/sh", dir);
    c.arg("-c").arg(format!(
        "ulimit -v {EXPORT_KIB} && exec timeout -s KILL {EXPORT_SECS} {} {args}",
        common::q(&w.exe)
    ));
    let fd = tty.as_raw_fd();
    unsafe {
        use std::os::unix::process::CommandExt;
        c.pre_exec(move || {
            nix::unistd::setsid().map_err(std::io::Error::from)?;
            if nix::libc::ioctl(fd, nix::libc::TIOCSCTTY, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    common::timeout(&mut c, EXPORT_SECS + 5)
}

/// The property: random hostile trees, `venvsh export` (and `status`, which reads the
/// same files) in each of their folders ends in time and memory, prints code bash takes,
/// and says at most a few lines.
#[test]
fn random_hostile_trees_end_in_bounded_time_and_memory() {
    let seed = seed("hostile trees");
    let mut rng = Rng::new(seed);
    let w = World::new("hostile-trees");
    // Everything found counts as allowed: discovery goes as far as it can.
    w.config("trust = \"owned\"\n");
    let pty = nix::pty::openpty(None, None).unwrap();
    let tty = std::fs::File::from(pty.slave);
    let mut runs = 0;
    for t in 0..12 {
        let (dirs, made) = hostile_tree(&mut rng, &w.p(format!("t{t}")), 4);
        for d in &dirs {
            for args in ["export bash", "status"] {
                let start = std::time::Instant::now();
                let out = bounded(&w, &tty, d, args);
                let took = start.elapsed();
                let why = format!(
                    "seed {seed}, tree {t}, venvsh {args} in {}, after {took:?}:\n{}\nstderr: {}",
                    d.display(),
                    made.join("\n"),
                    String::from_utf8_lossy(&out.stderr)
                );
                // `status` exits 1 when nothing is active; killed or aborted is neither.
                assert!(
                    out.status.code().is_some_and(|c| c <= 1),
                    "{:?}: {why}",
                    out.status
                );
                assert!(
                    String::from_utf8_lossy(&out.stderr).lines().count() <= 4,
                    "{why}"
                );
                if args == "export bash" {
                    assert!(out.status.success(), "{why}");
                    let check = Command::new("bash")
                        .arg("-n")
                        .arg("-c")
                        .arg(std::ffi::OsStr::from_bytes(&out.stdout))
                        .output()
                        .unwrap();
                    assert!(check.status.success(), "bash -n: {why}");
                }
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 12 * 4 * 2);
    std::fs::remove_dir_all(&w.root).unwrap();
}

in_shells!(hostile_project_files_in_a_shell);

/// The reproducers of issue 26 in a real interactive shell: a project whose
/// `pyproject.toml` is a link to `/dev/tty` (the shell's own terminal), a FIFO, a link
/// to `/dev/zero` or a 1 GiB file, and the other files venvsh reads made the same. Each
/// `cd` gives the prompt back with nothing active and at most one line, naming the
/// file; a venv elsewhere still activates after it.
fn hostile_project_files_in_a_shell(sh: Sh) {
    let w = World::new("hostile-files");
    w.trust_all();
    let poetry = b"[tool.poetry]\nname = \"x\"\n".as_slice();
    // (folder, hostile file, what it is, the pyproject.toml beside it)
    let cases: [(&str, &str, Kind, Option<&[u8]>); 10] = [
        ("tty", "pyproject.toml", Kind::Tty, None),
        ("fifo", "pyproject.toml", Kind::Fifo, None),
        ("zero", "pyproject.toml", Kind::Zero, None),
        ("huge", "pyproject.toml", Kind::Huge, None),
        ("pipfile", "Pipfile", Kind::Tty, None),
        ("pdm", ".pdm-python", Kind::Tty, Some(b"[project]\n")),
        ("poetry", "poetry.toml", Kind::Zero, Some(poetry)),
        ("hatch", "hatch.toml", Kind::Fifo, Some(b"[project]\n")),
        ("link", ".venv", Kind::Huge, None),
        ("pyenv", ".python-version", Kind::Tty, None),
    ];
    let mut dirs = Vec::new();
    for (name, file, kind, pyproject) in cases {
        let d = w.p(name);
        std::fs::create_dir_all(&d).unwrap();
        if let Some(text) = pyproject {
            std::fs::write(d.join("pyproject.toml"), text).unwrap();
        }
        make(&d.join(file), kind);
        dirs.push((name, d, file));
    }
    let good = w.project("good");
    let mut s = Session::start(&w, sh, &Rc::default());
    s.no_python = true;
    for (name, d, file) in &dirs {
        let snap = s.cd(d);
        assert_inactive(&snap, BASE_PATH, name);
        let lines = snap.venvsh_lines();
        assert!(
            lines.len() <= 1 && lines.iter().all(|l| l.contains(file)),
            "{name}: {lines:?}"
        );
        let snap = s.cd(&w.root);
        assert_inactive(&snap, BASE_PATH, &format!("{name}, left"));
    }
    s.no_python = false;
    let snap = s.cd(&good);
    assert_active(&snap, &good.join(".venv"), b"good", BASE_PATH, "after them");
    assert!(s.alive());
}
