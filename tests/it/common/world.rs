//! A throwaway world: its own HOME, data and config folders, projects and real venvs;
//! and the Pythons and programs the tests run in it.

use super::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A throwaway world: its own HOME, data and config folders, and projects.
pub struct World {
    pub root: PathBuf,
    pub home: PathBuf,
    pub exe: PathBuf,
    /// A world at a fixed path holds its lock while it lives (two test runs at once).
    _lock: Option<nix::fcntl::Flock<std::fs::File>>,
}

impl World {
    pub fn new(tag: &str) -> World {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let base = std::fs::canonicalize(std::env::temp_dir()).unwrap();
        World::at(base.join(format!("venvsh-t-{}-{n}-{tag}", std::process::id())))
    }

    /// A world at the same path in every run and on every machine
    /// (`/tmp/venvsh-fixed-TAG`, whatever TMPDIR says), for output that holds its paths
    /// and is compared with a committed snapshot.
    pub fn fixed(tag: &str) -> World {
        use std::os::unix::fs::PermissionsExt;
        let lock_path = format!("/tmp/venvsh-fixed-{tag}.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .unwrap_or_else(|e| panic!("{lock_path}: {e}"));
        let _ = std::fs::set_permissions(&lock_path, std::fs::Permissions::from_mode(0o666));
        let lock = nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusive)
            .unwrap_or_else(|(_, e)| panic!("{lock_path}: {e}"));
        let mut w = World::at(PathBuf::from(format!("/tmp/venvsh-fixed-{tag}")));
        w._lock = Some(lock);
        w
    }

    fn at(root: PathBuf) -> World {
        let _ = std::fs::remove_dir_all(&root);
        for d in ["home", "data", "config/venvsh", "tmp"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        World {
            home: root.join("home"),
            exe: exe(),
            root,
            _lock: None,
        }
    }

    /// The startup file a user of this world has for the shell (`venvsh init` and
    /// install.sh write it).
    pub fn rc_file(&self, sh: super::Sh) -> PathBuf {
        use super::Sh;
        match sh {
            Sh::Bash => self.home.join(".bashrc"),
            Sh::Zsh => self.home.join(".zshrc"),
            Sh::Fish => self.p("config/fish/config.fish"),
            Sh::Tcsh | Sh::Csh => self.home.join(".tcshrc"),
            Sh::Elvish => self.p("config/elvish/rc.elv"),
            Sh::Xonsh => self.home.join(".xonshrc"),
            Sh::Nu => self.p("config/nushell/config.nu"),
        }
    }

    pub fn p(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    pub fn config(&self, text: &str) {
        std::fs::write(self.root.join("config/venvsh/config.toml"), text).unwrap();
    }

    /// Every venv under the world's root activates by itself.
    pub fn trust_all(&self) {
        self.config(&format!("trusted_roots = ['{}']\n", self.root.display()));
    }

    /// A venv made from a copy of the base interpreter, whose folder is returned:
    /// deleting it leaves the venv broken, as a system upgrade does.
    pub fn venv_from_copy(&self, at: &Path) -> PathBuf {
        let base = self.p(format!("pycopy-{}", COUNTER.fetch_add(1, Ordering::SeqCst)));
        std::fs::create_dir_all(&base).unwrap();
        let real = std::fs::canonicalize(python()).unwrap();
        std::fs::copy(&real, base.join("python3")).unwrap();
        self.venv_with(&base.join("python3"), at, &[]);
        base
    }

    /// A real venv: `python -m venv --without-pip [args] DIR`.
    pub fn venv(&self, dir: &Path, args: &[&OsStr]) {
        self.venv_with(&python(), dir, args)
    }

    /// `PYTHON -m venv --without-pip [args] DIR`.
    pub fn venv_with(&self, python: &Path, dir: &Path, args: &[&OsStr]) {
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        // A Python just copied (venv_from_copy) can fail to start with ETXTBSY: another
        // test's thread forked while the copy was open for writing, and its child holds
        // that descriptor until it execs. It is gone within moments.
        let mut tries = 0;
        let out = loop {
            match Command::new(python)
                .args(["-m", "venv", "--without-pip"])
                .args(args)
                .arg(dir)
                .output()
            {
                Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                r => break r.unwrap(),
            }
        };
        assert!(
            out.status.success(),
            "python -m venv {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A real venv at any path with any prompt. CPython cannot write pyvenv.cfg for a
    /// path or prompt that is not UTF-8, so such a venv is made at a plain path and
    /// moved (its python link is absolute), and the prompt line is written as CPython's
    /// repr() would write it (surrogate escapes for the stray bytes).
    pub fn venv_any(&self, dir: &Path, prompt: Option<&[u8]>) {
        // CPython also refuses a path with the PATH separator in it.
        let utf8 = std::str::from_utf8(dir.as_os_str().as_bytes()).is_ok()
            && !dir.as_os_str().as_bytes().contains(&b':')
            && prompt.is_none_or(|p| std::str::from_utf8(p).is_ok());
        if utf8 {
            let arg = prompt.map(|p| {
                let mut a = b"--prompt=".to_vec();
                a.extend_from_slice(p);
                std::ffi::OsString::from(std::os::unix::ffi::OsStrExt::from_bytes(&a) as &OsStr)
            });
            let args: Vec<&OsStr> = arg.iter().map(|a| a.as_os_str()).collect();
            return self.venv(dir, &args);
        }
        self.venv_copy(dir, prompt);
    }

    /// A real venv at any path with any prompt, fast: a copy of one venv made once per
    /// world (its python link is absolute, so the copy works where it lands), with the
    /// prompt line written as CPython's repr() would write it (surrogate escapes for
    /// stray bytes).
    pub fn venv_copy(&self, dir: &Path, prompt: Option<&[u8]>) {
        let template = self.p("tmp/template-venv");
        if !template.join("pyvenv.cfg").exists() {
            self.venv(&template, &[]);
        }
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let tmp = self.p(format!("tmp/venv-{n}"));
        copy_tree(&template, &tmp);
        if let Some(p) = prompt {
            let mut lit = String::from("'");
            for chunk in p.utf8_chunks() {
                for c in chunk.valid().chars() {
                    match c {
                        '\\' => lit.push_str("\\\\"),
                        '\'' => lit.push_str("\\'"),
                        '\n' => lit.push_str("\\n"),
                        '\t' => lit.push_str("\\t"),
                        c => lit.push(c),
                    }
                }
                for b in chunk.invalid() {
                    lit.push_str(&format!("\\udc{b:02x}"));
                }
            }
            lit.push('\'');
            let cfg = tmp.join("pyvenv.cfg");
            let mut text = std::fs::read_to_string(&cfg).unwrap();
            text.push_str(&format!("prompt = {lit}\n"));
            std::fs::write(&cfg, text).unwrap();
        }
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        std::fs::rename(&tmp, dir).unwrap();
    }

    pub fn project(&self, rel: impl AsRef<Path>) -> PathBuf {
        let p = self.p(rel);
        self.venv(&p.join(".venv"), &[]);
        p
    }

    /// Runs the venvsh binary outside any shell, with this world's environment.
    pub fn venvsh(&self, args: &[&str], cwd: &Path) -> std::process::Output {
        self.venvsh_env(args, cwd, &[])
    }

    /// `venvsh` with more environment on top (a shell's state, say).
    pub fn venvsh_env(
        &self,
        args: &[&str],
        cwd: &Path,
        env: &[(&str, &str)],
    ) -> std::process::Output {
        let mut c = self.command(args, cwd);
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    /// The venvsh binary as a command with this world's environment, in `cwd`.
    pub fn command(&self, args: &[&str], cwd: &Path) -> Command {
        let mut c = self.run_in(&self.exe, cwd);
        c.args(args);
        c
    }

    /// `program` as this world's user runs it: in `cwd` (its PWD too), with the world's
    /// environment and nothing else.
    pub fn run_in(&self, program: impl AsRef<OsStr>, cwd: &Path) -> Command {
        let mut c = Command::new(program);
        c.current_dir(cwd)
            .env_clear()
            .envs(self.env())
            .env("PWD", cwd);
        c
    }

    pub fn env(&self) -> Vec<(String, PathBuf)> {
        vec![
            ("HOME".into(), self.home.clone()),
            ("PATH".into(), PathBuf::from(OsStr::from_bytes(BASE_PATH))),
            ("TERM".into(), "dumb".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("XDG_DATA_HOME".into(), self.p("data")),
            ("XDG_CONFIG_HOME".into(), self.p("config")),
            // Set for every shell: fish's session gets an XDG_CONFIG_HOME of its own.
            ("VENVSH_CONFIG".into(), self.p("config/venvsh/config.toml")),
            ("TMPDIR".into(), self.p("tmp")),
        ]
    }

    /// Files named PWNED anywhere under the world: a hostile name ran code.
    pub fn pwned(&self) -> Vec<PathBuf> {
        fn walk(d: &Path, out: &mut Vec<PathBuf>) {
            let Ok(rd) = std::fs::read_dir(d) else { return };
            for e in rd.flatten() {
                let p = e.path();
                if e.file_name() == "PWNED" {
                    out.push(p.clone());
                }
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    walk(&p, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }
}

/// `VENVSH_KEEP=1` keeps every world on disk, to look at after a failure.
impl Drop for World {
    fn drop(&mut self) {
        stop_daemons(&self.root);
        if std::env::var_os("VENVSH_KEEP").is_some() {
            eprintln!("kept {}", self.root.display());
            return;
        }
        let _ = Command::new("chmod")
            .args(["-R", "u+rwx"])
            .arg(&self.root)
            .output();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Kills what a shell of this world left running in a session of its own, out of reach of
/// the pty's teardown: elvish 0.19's storage daemon (`elvish -daemon -db ROOT/…`) outlived
/// its shell now and then. Found by the world's root in its command line.
fn stop_daemons(root: &Path) {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    let me = std::process::id();
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        if pid as u32 == me {
            continue;
        }
        let cmdline = std::fs::read(p.path().join("cmdline")).unwrap_or_default();
        let r = root.as_os_str().as_bytes();
        let mentions = (0..cmdline.len().saturating_sub(r.len()) + 1).any(|i| {
            cmdline[i..].starts_with(r) && matches!(cmdline.get(i + r.len()), Some(b'/' | 0) | None)
        });
        if mentions {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

/// `install.sh ARGS` as a user of the world `w` would run it (its HOME and XDG folders,
/// login shell `shell`), building into a target folder of its own (the one `cargo test`
/// is using stays untouched); cargo and rustup keep finding their own homes.
pub fn install_sh(w: &World, shell: &str, args: &[&OsStr]) -> std::process::Output {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut c = Command::new("bash");
    c.arg(repo.join("install.sh")).args(args);
    let real_home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    for (var, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
        let dir = std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| real_home.join(default));
        if dir.is_dir() {
            c.env(var, dir);
        }
    }
    for (k, v) in w.env() {
        if k != "PATH" {
            c.env(k, v);
        }
    }
    c.env("SHELL", format!("/bin/{shell}"))
        .env("CARGO_TARGET_DIR", repo.join("target/install"))
        .env_remove("ZDOTDIR")
        .env_remove("VENVSH_CONFIG");
    c.output().unwrap()
}

/// A conda prefix at `p` as conda and pixi lay one out: `conda-meta/history`, a Python
/// (`bin/python`, a link to the tests' one), and `files` as (path under the prefix,
/// text): `etc/conda/activate.d` scripts, `conda-meta/state`.
pub fn conda_prefix(p: &Path, files: &[(&str, String)]) {
    std::fs::create_dir_all(p.join("conda-meta")).unwrap();
    std::fs::write(p.join("conda-meta/history"), "==> 2026-12-01 <==\n").unwrap();
    std::fs::create_dir_all(p.join("bin")).unwrap();
    if !p.join("bin/python").exists() {
        std::os::unix::fs::symlink(python(), p.join("bin/python")).unwrap();
    }
    for (rel, text) in files {
        let f = p.join(rel);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
}

/// The base Python for test venvs: `VENVSH_TEST_PYTHON`, else Debian's, else PATH's.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("VENVSH_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    for p in ["/usr/bin/python3", "/usr/local/bin/python3"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    PathBuf::from("python3")
}

/// Runs a Python snippet on `input` (as stdin) and returns what it printed; fails when it
/// fails (say, `json.load` on something that is not JSON).
pub fn python_on(input: &[u8], code: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(python())
        .args(["-c", code])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python failed on {:?}: {}",
        String::from_utf8_lossy(input),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The hostile names, each with what the prompt shows for it: ../shared's list when it
/// is there (CI), else the copy in tests/data, plus the extra names the list asks for.
pub fn hostile_names() -> Vec<(Vec<u8>, Vec<u8>)> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/hostile-names.txt");
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile-names.txt");
    let text = std::fs::read(&shared)
        .or_else(|_| std::fs::read(&local))
        .unwrap();
    let mut names: Vec<(Vec<u8>, Vec<u8>)> = text
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty() && !l.starts_with(b"#"))
        .map(|l| (l.to_vec(), l.to_vec()))
        .collect();
    // Control characters show the way zsh shows them, stray bytes as U+FFFD (README).
    names.push((b"new\nline".to_vec(), b"new\\nline".to_vec()));
    names.push((b"tab\there".to_vec(), b"tab\\there".to_vec()));
    names.push((b"esc\x1b[31mred".to_vec(), b"esc^[[31mred".to_vec()));
    // C1 controls (CSI is U+009B) and bidi overrides and isolates: as `<U+XXXX>`.
    names.push((
        "csi\u{9b}31mred\u{85}".as_bytes().to_vec(),
        b"csi<U+009B>31mred<U+0085>".to_vec(),
    ));
    names.push((
        "bidi\u{202e}gpj.exe\u{2066}x\u{2069}".as_bytes().to_vec(),
        b"bidi<U+202E>gpj.exe<U+2066>x<U+2069>".to_vec(),
    ));
    names.push((
        b"not-utf8-\xff\xfe".to_vec(),
        "not-utf8-\u{fffd}\u{fffd}".as_bytes().to_vec(),
    ));
    names
}

/// A Python that can run `python -m MODULE` (virtualenv, uv: `pip install virtualenv uv`),
/// looked for among PATH's `python3` and the test Python. In CI its absence fails the
/// test, locally it skips loudly.
pub fn python_with(module: &str) -> Option<PathBuf> {
    let found = ["python3".into(), python()]
        .into_iter()
        .find(|py: &PathBuf| {
            Command::new(py)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        if in_ci() {
            panic!("python -m {module} is not installed, and CI=true: this test must run");
        }
        eprintln!(
            "\n!!! SKIPPED: python -m {module} is not there; `pip install {module}` to run this test !!!\n"
        );
    }
    found
}

/// Copies a folder tree, symlinks as symlinks.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        let t = e.file_type().unwrap();
        if t.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else if t.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}
