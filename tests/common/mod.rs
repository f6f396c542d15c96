//! Shared test harness: throwaway worlds (HOME, data and config folders, real venvs)
//! and real interactive shells driven through a pty.
#![allow(dead_code)]

pub mod check;
pub mod clink;
pub mod cross;
pub mod generate;
pub mod pty;
pub mod wine;

/// Instantiates each scenario once per shell: `mod scenario { fn bash() ... }`.
#[allow(unused_macros)]
macro_rules! in_shells {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            per_shell!(super::$name; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh, csh Csh);
        }
    )*};
}

#[allow(unused_macros)]
macro_rules! per_shell {
    ($scenario:path; $($test:ident $sh:ident),*) => {$(
        #[test]
        fn $test() {
            if super::Sh::$sh.require().is_some() {
                $scenario(super::Sh::$sh)
            }
        }
    )*};
}

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub const PROMPT: &[u8] = b"::vs:: ";
pub const BASE_PATH: &[u8] = b"/usr/bin:/bin";
const STEP: Duration = Duration::from_secs(20);

/// The venvsh under test: `VENVSH_TEST_BIN` when set (the musl build, say), else the one
/// `cargo test` built.
pub fn exe() -> PathBuf {
    match std::env::var_os("VENVSH_TEST_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_venvsh")),
    }
}

/// `install.sh ARGS` as a user of the world `w` would run it (its HOME and XDG folders,
/// login shell `shell`), building into a target folder of its own (the one `cargo test`
/// is using stays untouched); cargo and rustup keep finding their own homes.
#[allow(dead_code)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sh {
    Bash,
    Zsh,
    Fish,
    Tcsh,
    /// tcsh started as `csh`, with `venvsh hook csh`.
    Csh,
}

/// Shell-specific spellings of what the scenarios do, so every scenario runs unchanged
/// in every shell.
impl Sh {
    pub fn name(self) -> &'static str {
        match self {
            Sh::Bash => "bash",
            Sh::Zsh => "zsh",
            Sh::Fish => "fish",
            Sh::Tcsh => "tcsh",
            Sh::Csh => "csh",
        }
    }

    pub fn is_csh(self) -> bool {
        matches!(self, Sh::Tcsh | Sh::Csh)
    }

    /// A shell variable (not exported); `value` is shell text.
    pub fn set_var(self, name: &str, value: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("{name}={value}"),
            Sh::Fish => format!("set -g {name} {value}"),
            Sh::Tcsh | Sh::Csh => format!("set {name} = {value}"),
        }
    }

    pub fn export_var(self, name: &str, value: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("export {name}={value}"),
            Sh::Fish => format!("set -gx {name} {value}"),
            Sh::Tcsh | Sh::Csh => format!("setenv {name} {value}"),
        }
    }

    pub fn unset_env(self, name: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("unset {name}"),
            Sh::Fish => format!("set -e {name}"),
            Sh::Tcsh | Sh::Csh => format!("unsetenv {name}"),
        }
    }

    /// PATH with `front` before and `back` after what it is now.
    pub fn path_wrap(self, front: &str, back: Option<&str>) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!(
                "PATH={front}:$PATH{}",
                back.map(|b| format!(":{b}")).unwrap_or_default()
            ),
            Sh::Fish => format!("set -gx PATH {front} $PATH {}", back.unwrap_or("")),
            Sh::Tcsh | Sh::Csh => format!(
                "setenv PATH {front}:${{PATH}}{}",
                back.map(|b| format!(":{b}")).unwrap_or_default()
            ),
        }
    }

    /// Python's own activate script for this shell, sourced.
    pub fn source_activate(self, venv: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!(". {}", q(&venv.join("bin/activate"))),
            Sh::Fish => format!("source {}", q(&venv.join("bin/activate.fish"))),
            Sh::Tcsh | Sh::Csh => format!("source {}", q(&venv.join("bin/activate.csh"))),
        }
    }

    /// The hook line of the rc file.
    pub fn hook_line(self, exe: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("eval \"$({} hook {})\"", q(exe), self.name()),
            Sh::Fish => format!("{} hook fish | source", q(exe)),
            Sh::Tcsh | Sh::Csh => format!("eval \"`{} hook {}`\"", q(exe), self.name()),
        }
    }

    /// `venvsh activate` without the hook, as behaviour.md §1 tells a user to.
    pub fn eval_activate(self, exe: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => {
                format!("eval \"$({} activate --shell {})\"", q(exe), self.name())
            }
            Sh::Fish => format!("{} activate --shell fish | source", q(exe)),
            Sh::Tcsh | Sh::Csh => format!("eval \"`{} activate --shell {}`\"", q(exe), self.name()),
        }
    }

    /// Sets the user's prompt back to the plain one (as re-reading an rc does).
    pub fn reset_prompt(self) -> String {
        match self {
            Sh::Bash | Sh::Zsh => "PS1='::vs:: '".into(),
            Sh::Fish => "function fish_prompt; printf '::vs:: '; end".into(),
            Sh::Tcsh | Sh::Csh => "set prompt = '::vs:: '".into(),
        }
    }

    /// Another prompt hook of the user's, which appends the `$?` it saw to T_X. `array`:
    /// bash's PROMPT_COMMAND as an array rather than a string.
    pub fn other_hook(self, array: bool) -> String {
        match (self, array) {
            (Sh::Bash, false) => "__t_pc() { T_X=\"${T_X-}$?,\"; }\nPROMPT_COMMAND=__t_pc".into(),
            (Sh::Bash, true) => "__t_pc() { T_X=\"${T_X-}$?,\"; }\nPROMPT_COMMAND=(__t_pc)".into(),
            (Sh::Zsh, _) => "__t_pc() { T_X=\"${T_X-}$?,\"; }\nprecmd_functions+=(__t_pc)".into(),
            (Sh::Fish, _) => {
                "function __t_pc --on-event fish_prompt; set -g T_X \"$T_X$status,\"; end".into()
            }
            (Sh::Tcsh | Sh::Csh, _) => {
                "alias __t_pc 'set T_X = \"${T_X}$status,\"'\nalias precmd __t_pc".into()
            }
        }
    }

    /// A command that puts the names of the shell's prompt hooks in T_X.
    pub fn list_hooks(self) -> String {
        match self {
            Sh::Bash => "T_X=${PROMPT_COMMAND[*]}".into(),
            Sh::Zsh => "T_X=\"${precmd_functions[*]}\"".into(),
            Sh::Fish => "set -g T_X (functions --handlers | string join ' ')".into(),
            Sh::Tcsh | Sh::Csh => {
                "set T_X = \"`alias precmd` `alias __venvsh_user_precmd`\"".into()
            }
        }
    }

    /// The user options behaviour.md §10 says must not break the hook (fish: private mode, set
    /// by `Rc::private`).
    pub fn strict_options(self) -> &'static str {
        match self {
            Sh::Bash => "set -euo pipefail\nshopt -u promptvars",
            Sh::Zsh => "setopt NO_UNSET KSH_ARRAYS SH_WORD_SPLIT PROMPT_SUBST",
            Sh::Fish => "",
            Sh::Tcsh | Sh::Csh => "set backslash_quote",
        }
    }

    /// Options under which a prompt is most easily tricked into expanding a name.
    pub fn risky_prompt_options(self) -> &'static str {
        match self {
            Sh::Bash => "shopt -u promptvars",
            Sh::Zsh => "setopt PROMPT_SUBST",
            Sh::Fish => "set -g fish_private_mode 1",
            Sh::Tcsh | Sh::Csh => "set backslash_quote",
        }
    }

    /// The shell's path: `VENVSH_TEST_BASH` for bash when set. `Csh` is tcsh started by the name `csh`: whatever `csh` is on
    /// this system (Debian's `csh` package is BSD csh, which has no prompt hook) is not
    /// what these scenarios mean; `bsd_csh()` is that one.
    pub fn path(self) -> Option<PathBuf> {
        let find = |name: &str| {
            ["/usr/bin", "/bin", "/usr/local/bin"]
                .iter()
                .map(|d| Path::new(d).join(name))
                .find(|p| p.exists())
        };
        if self == Sh::Bash
            && let Some(bash) = std::env::var_os("VENVSH_TEST_BASH").filter(|b| !b.is_empty())
        {
            // Another bash for every bash session (macOS's 3.2, say).
            return Some(PathBuf::from(bash));
        }
        if self != Sh::Csh {
            return find(self.name());
        }
        static LINK: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
        LINK.get_or_init(|| {
            let tcsh = find("tcsh")?;
            let dir = std::env::temp_dir().join(format!("venvsh-csh-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let link = dir.join("csh");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(tcsh, &link).unwrap();
            Some(link)
        })
        .clone()
    }

    /// The shell's path; in CI a missing shell fails the test, locally it skips loudly.
    pub fn require(self) -> Option<PathBuf> {
        match self.path() {
            Some(p) => Some(p),
            None if in_ci() => {
                panic!(
                    "{} is not installed, and CI=true: the real-shell tests must run",
                    self.name()
                )
            }
            None => {
                eprintln!(
                    "\n!!! SKIPPED: {} is not installed; install it to run this test !!!\n",
                    self.name()
                );
                None
            }
        }
    }
}

/// CI=true: a missing shell or tool fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// Whether a tool is installed; in CI its absence fails the test, locally it skips loudly.
pub fn have(tool: &str) -> bool {
    let found = on_path(tool);
    if !found {
        if in_ci() {
            panic!("{tool} is not installed, and CI=true: this test must run");
        }
        eprintln!("\n!!! SKIPPED: {tool} is not installed; install it to run this test !!!\n");
    }
    found
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A throwaway world: its own HOME, data and config folders, and projects.
pub struct World {
    pub root: PathBuf,
    pub home: PathBuf,
    pub exe: PathBuf,
}

impl World {
    pub fn new(tag: &str) -> World {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let base = std::fs::canonicalize(std::env::temp_dir()).unwrap();
        let root = base.join(format!("venvsh-t-{}-{n}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for d in ["home", "data", "config/venvsh", "tmp"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        World {
            home: root.join("home"),
            exe: exe(),
            root,
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

/// What the user's rc holds around the hook line.
#[derive(Default, Clone)]
pub struct Rc {
    /// Before the hook line (user options, other hooks).
    pub pre: String,
    /// After it (e.g. the line again, as a re-sourced rc does).
    pub post: String,
    /// Hook from this binary instead of the built one.
    pub exe: Option<PathBuf>,
    /// Run the shell under `strace -f`, logging process starts to this file.
    pub strace: Option<PathBuf>,
    /// Leave the hook line out of the rc.
    pub no_hook: bool,
    /// fish: start in private mode (`fish --private`).
    pub private: bool,
    /// The rc defines no prompt: the test brings its own.
    pub own_prompt: bool,
    /// Run as a user whom file permissions stop: when the tests run as root, the shell
    /// runs as `nobody` (its session files and HOME made writable for it); else as the
    /// user running the tests, whom a mode without `r` stops as well.
    pub as_nobody: bool,
}

/// Whether the tests run as root, whom file permissions do not stop.
pub fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// What a shell had after a step, read from a dump file it wrote itself.
#[derive(Debug, Clone, Default)]
pub struct Snap {
    pub ve: Option<Vec<u8>>,
    pub vep: Option<Vec<u8>>,
    pub path: Vec<u8>,
    pub pythonhome: Option<Vec<u8>>,
    pub deactivate: bool,
    pub status: String,
    pub prefix: Option<Vec<u8>>,
    pub x: Vec<u8>,
    /// The prompt as the terminal showed it.
    pub prompt: Vec<u8>,
    /// What the step's command and the prompt hook printed.
    pub output: Vec<u8>,
}

impl Snap {
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// Lines the step printed that start with `venvsh:`.
    pub fn venvsh_lines(&self) -> Vec<String> {
        self.out()
            .lines()
            .filter(|l| l.contains("venvsh:"))
            .map(String::from)
            .collect()
    }
}

/// tcsh's dump: its alias passes what only the shell knows ($status, whether a
/// `deactivate` alias exists, T_X) through the environment, and this reads the rest.
const TCSH_DUMP_HELPER: &str = r#"
if [ -n "${VIRTUAL_ENV+x}" ]; then printf 'VIRTUAL_ENV\0%s\0' "$VIRTUAL_ENV"; fi
if [ -n "${VIRTUAL_ENV_PROMPT+x}" ]; then printf 'VIRTUAL_ENV_PROMPT\0%s\0' "$VIRTUAL_ENV_PROMPT"; fi
if [ -n "${PYTHONHOME+x}" ]; then printf 'PYTHONHOME\0%s\0' "$PYTHONHOME"; fi
printf 'PATH\0%s\0' "$PATH"
if [ -n "$T_D" ]; then printf 'deactivate\0yes\0'; fi
printf 'status\0%s\0' "$T_S"
printf 'x\0%s\0' "$T_XX"
if [ "$1" = py ] && [ -n "${VIRTUAL_ENV+x}" ]; then
    printf 'prefix\0'; python -c 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))' 2>&1; printf '\0'
fi
"#;

/// The test's own functions in the shell under test: `__t_dump` writes what the shell
/// has to a file (NUL-separated, so any bytes survive) and prints a mark; `__t_cd` goes
/// to a path read from a file, whatever bytes it holds.
fn dump_fn(sh: Sh) -> String {
    if sh.is_csh() {
        // No functions: aliases, and a small sh script reads the exported state.
        return r#"
set T_X = ''
alias __t_dump 'set __t_s = $status ; set __t_d = "`alias deactivate`" ; env T_S=$__t_s T_D="$__t_d" T_XX="$T_X" sh $T_HELPER:q \!* > $T_DUMP:q ; printf "<<%s>>\n" DONE ; set status = $__t_s'
alias __t_cd 'cd "`cat $T_CDTO:q`"'
"#
        .into();
    }
    if sh == Sh::Fish {
        return r#"
set -g fish_greeting
function __t_dump
    set -l __t_s $status
    begin
        if set -q VIRTUAL_ENV; printf 'VIRTUAL_ENV\0%s\0' "$VIRTUAL_ENV"; end
        if set -q VIRTUAL_ENV_PROMPT; printf 'VIRTUAL_ENV_PROMPT\0%s\0' "$VIRTUAL_ENV_PROMPT"; end
        if set -q PYTHONHOME; printf 'PYTHONHOME\0%s\0' "$PYTHONHOME"; end
        printf 'PATH\0%s\0' (string join : -- $PATH | string collect)
        if functions -q deactivate; printf 'deactivate\0yes\0'; end
        printf 'status\0%s\0' $__t_s
        printf 'x\0%s\0' "$T_X"
        if test "$argv[1]" = py; and set -q VIRTUAL_ENV
            printf 'prefix\0'; python -c 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))' 2>&1; printf '\0'
        end
    end > $T_DUMP
    printf '<<%s>>\n' DONE
    return $__t_s
end
function __t_cd; read -z -l p < $T_CDTO; cd $p; end
"#
        .into();
    }
    let (emulate, has_deactivate, extra) = match sh {
        Sh::Bash => ("", "declare -F deactivate >/dev/null", ""),
        Sh::Zsh => (
            "emulate -L zsh",
            "(( ${+functions[deactivate]} ))",
            "unsetopt PROMPT_SP PROMPT_CR BEEP",
        ),
        Sh::Fish | Sh::Tcsh | Sh::Csh => unreachable!("their dumps are above"),
    };
    format!(
        r#"
__t_dump() {{
    local __t_s=$?
    {emulate}
    {{
        if [[ -n ${{VIRTUAL_ENV+x}} ]]; then printf 'VIRTUAL_ENV\0%s\0' "$VIRTUAL_ENV"; fi
        if [[ -n ${{VIRTUAL_ENV_PROMPT+x}} ]]; then printf 'VIRTUAL_ENV_PROMPT\0%s\0' "$VIRTUAL_ENV_PROMPT"; fi
        if [[ -n ${{PYTHONHOME+x}} ]]; then printf 'PYTHONHOME\0%s\0' "$PYTHONHOME"; fi
        printf 'PATH\0%s\0' "$PATH"
        if {has_deactivate}; then printf 'deactivate\0yes\0'; fi
        printf 'status\0%s\0' "$__t_s"
        printf 'x\0%s\0' "${{T_X-}}"
        if [[ ${{1-}} == py && -n ${{VIRTUAL_ENV+x}} ]]; then
            printf 'prefix\0'; python -c 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))' 2>&1; printf '\0'
        fi
    }} > "$T_DUMP"
    printf '<<%s>>\n' DONE
    return $__t_s
}}
__t_cd() {{ local p; IFS= read -r -d '' p < "$T_CDTO" || true; cd -- "$p"; }}
HISTFILE=/dev/null
{extra}
"#
    )
}

fn q(p: &Path) -> String {
    shell_words::quote(&p.to_string_lossy()).into_owned()
}

pub struct Session {
    pub sh: Sh,
    /// Skip asking python for `sys.prefix` at each dump (the model test's thousands of
    /// steps check the environment only).
    pub no_python: bool,
    pty: pty::Pty,
    dump: PathBuf,
    cdto: PathBuf,
    pub rc: PathBuf,
}

impl Session {
    /// An interactive shell with the hook in its rc, at its first prompt in the world root.
    pub fn start(w: &World, sh: Sh, rc: &Rc) -> Session {
        let shell = sh.require().expect("shell available");
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dump = w.p(format!("tmp/dump-{n}"));
        let cdto = w.p(format!("tmp/cdto-{n}"));
        let rcfile = w.p(format!("tmp/rc-{n}.{}", sh.name()));
        let exe = rc.exe.clone().unwrap_or_else(|| w.exe.clone());
        let hook = if rc.no_hook {
            String::new()
        } else {
            sh.hook_line(&exe)
        };
        let helper = w.p("tmp/dump-helper.sh");
        std::fs::write(&helper, TCSH_DUMP_HELPER).unwrap();
        let vars: String = [
            ("T_DUMP", &dump),
            ("T_CDTO", &cdto),
            ("T_RC", &rcfile),
            ("T_HELPER", &helper),
        ]
        .iter()
        .map(|(k, v)| format!("{}\n", sh.set_var(k, &q(v))))
        .collect();
        let text = format!(
            "{}\n{vars}{}\n{}\n{hook}\n{}\n",
            if rc.own_prompt {
                String::new()
            } else {
                sh.reset_prompt()
            },
            dump_fn(sh),
            rc.pre,
            rc.post
        );
        std::fs::write(&rcfile, text).unwrap();
        let mut cmd = match &rc.strace {
            Some(log) => {
                let mut c = Command::new("strace");
                c.args([
                    "-f",
                    "-qq",
                    "-e",
                    "trace=execve,fork,vfork,clone,clone3",
                    "-o",
                ])
                .arg(log)
                .arg(&shell);
                c
            }
            None if rc.as_nobody && is_root() => {
                let mut c = Command::new("setpriv");
                c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                    .arg(&shell);
                c
            }
            None => Command::new(&shell),
        };
        match sh {
            Sh::Bash => {
                cmd.args(["--noprofile", "--rcfile"]).arg(&rcfile).arg("-i");
            }
            Sh::Zsh => {
                cmd.arg("-i");
            }
            Sh::Fish => {
                cmd.arg("-i");
                if rc.private {
                    cmd.arg("--private");
                }
            }
            Sh::Tcsh | Sh::Csh => {
                cmd.arg("-i");
            }
        }
        cmd.env_clear().current_dir(&w.root);
        for (k, v) in w.env() {
            cmd.env(k, v);
        }
        // zsh reads $ZDOTDIR/.zshrc, fish $XDG_CONFIG_HOME/fish/config.fish: each gets a
        // folder of its own whose rc is this session's file (child shells read it too).
        let own = w.p(format!("tmp/rcdir-{n}"));
        match sh {
            Sh::Bash => {}
            Sh::Zsh => {
                std::fs::create_dir_all(&own).unwrap();
                std::os::unix::fs::symlink(&rcfile, own.join(".zshrc")).unwrap();
                cmd.env("ZDOTDIR", &own);
            }
            Sh::Fish => {
                std::fs::create_dir_all(own.join("fish")).unwrap();
                std::os::unix::fs::symlink(&rcfile, own.join("fish/config.fish")).unwrap();
                cmd.env("XDG_CONFIG_HOME", &own);
            }
            // tcsh reads ~/.tcshrc only: the world's home gets this session's (sessions
            // in one world run one after another).
            Sh::Tcsh | Sh::Csh => {
                let rc_link = w.home.join(".tcshrc");
                let _ = std::fs::remove_file(&rc_link);
                std::os::unix::fs::symlink(&rcfile, rc_link).unwrap();
            }
        }
        cmd.env("SHELL", &shell).env("PWD", &w.root);
        if rc.as_nobody && is_root() {
            let out = Command::new("chmod")
                .args(["-R", "a+rwX"])
                .arg(w.p("tmp"))
                .arg(&w.home)
                .output()
                .unwrap();
            assert!(out.status.success());
        }
        let mut s = Session {
            sh,
            no_python: false,
            pty: pty::Pty::spawn(cmd),
            dump,
            cdto,
            rc: rcfile,
        };
        s.wait_prompt("first prompt");
        s
    }

    fn fail(&self, what: &str, err: &str) -> ! {
        panic!(
            "{} {what}: {err}\n--- terminal ---\n{}\n---",
            self.sh.name(),
            String::from_utf8_lossy(&self.pty.log)
        )
    }

    fn wait_prompt(&mut self, what: &str) -> Vec<u8> {
        match self.pty.read_until(PROMPT, STEP) {
            Ok(b) => b,
            Err(e) => self.fail(what, &e),
        }
    }

    /// Types a line and returns what appeared before the next prompt (the echo of the
    /// line itself removed: fish redraws prompt and line while echoing, so the next
    /// prompt is looked for only after the echo's newline).
    pub fn raw(&mut self, line: &str) -> Vec<u8> {
        self.pty.send(format!("{line}\n").as_bytes());
        if let Err(e) = self.pty.read_until(b"\n", STEP) {
            self.fail(line, &e);
        }
        let got = self.wait_prompt(line);
        let body = clean(&got[..got.len() - PROMPT.len()]);
        // What follows the last newline is the start of the prompt (a venv's prefix).
        let end = body.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        body[..end].to_vec()
    }

    /// Types a line, then dumps the shell's state and the prompt it drew.
    pub fn run(&mut self, line: &str) -> Snap {
        let output = self.raw(line);
        self.snap(output)
    }

    pub fn snap(&mut self, output: Vec<u8>) -> Snap {
        self.pty.send(if self.no_python {
            b"__t_dump\n"
        } else {
            b"__t_dump py\n"
        });
        if let Err(e) = self.pty.read_until(b"<<DONE>>\r\n", STEP) {
            self.fail("dump", &e);
        }
        let got = self.wait_prompt("prompt after dump");
        self.read_dump(clean(&got), output)
    }

    /// Types `line`, then dumps the shell's state on the same command line, before the
    /// next prompt (and its hook) comes: what the command itself did to the shell.
    pub fn run_then_dump(&mut self, line: &str) -> Snap {
        let output = self.raw(&format!("{line} ; __t_dump py"));
        self.read_dump(Vec::new(), output)
    }

    fn read_dump(&self, prompt: Vec<u8>, output: Vec<u8>) -> Snap {
        let bytes = std::fs::read(&self.dump).unwrap();
        let mut snap = Snap {
            prompt,
            output,
            ..Snap::default()
        };
        let mut it = bytes.split(|b| *b == 0);
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            let v = v.to_vec();
            match k {
                b"VIRTUAL_ENV" => snap.ve = Some(v),
                b"VIRTUAL_ENV_PROMPT" => snap.vep = Some(v),
                b"PYTHONHOME" => snap.pythonhome = Some(v),
                b"PATH" => snap.path = v,
                b"deactivate" => snap.deactivate = true,
                b"status" => snap.status = String::from_utf8_lossy(&v).into_owned(),
                b"x" => snap.x = v,
                b"prefix" => snap.prefix = Some(v),
                _ => {}
            }
        }
        snap
    }

    /// `cd` to any path, whatever bytes it holds (the shell reads it from a file).
    pub fn cd(&mut self, dir: &Path) -> Snap {
        let mut b = dir.as_os_str().as_bytes().to_vec();
        if self.sh.is_csh() {
            if b.contains(&b'\n') {
                // tcsh cannot hold a newline in a word: reach the folder by a glob.
                let glob: String = String::from_utf8_lossy(&b)
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "/-_.".contains(c) {
                            c.to_string()
                        } else {
                            "?".into()
                        }
                    })
                    .collect();
                return self.run(&format!("cd {glob}"));
            }
        } else {
            b.push(0);
        }
        std::fs::write(&self.cdto, b).unwrap();
        self.run("__t_cd")
    }

    /// Starts a child shell of the same kind with the same rc, inside this one.
    pub fn child(&mut self, exec: bool) -> Snap {
        let shell = self.sh.path().unwrap();
        let line = match self.sh {
            Sh::Bash => format!(
                "{}{} --noprofile --rcfile {} -i",
                if exec { "exec " } else { "" },
                q(&shell),
                q(&self.rc)
            ),
            Sh::Zsh | Sh::Fish | Sh::Tcsh | Sh::Csh => {
                format!("{}{} -i", if exec { "exec " } else { "" }, q(&shell))
            }
        };
        self.run(&line)
    }

    pub fn alive(&mut self) -> bool {
        self.pty.is_alive()
    }
}

/// Terminal text as a person would read it: a small terminal model. `\r` returns to the
/// start of the line and later text overwrites (fish pads a `⏎` mark out and returns
/// over it before each prompt); `ESC [ K` erases to the end of the line; other escape
/// sequences draw nothing. The last line ends at the cursor (what follows it on that line
/// is leftover padding); finished lines lose trailing blanks for the same reason.
pub fn clean(b: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = vec![Vec::new()];
    let mut col = 0usize;
    let mut i = 0;
    while i < b.len() {
        let line = lines.last_mut().unwrap();
        match b[i] {
            0x1b if b.get(i + 1) == Some(&b'[') => {
                let start = i + 2;
                i = start;
                while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                    i += 1;
                }
                if b.get(i) == Some(&b'K') && b[start..i].iter().all(|c| *c == b'0') {
                    line.truncate(col);
                }
                i += 1;
            }
            0x1b if b.get(i + 1) == Some(&b']') => {
                // OSC (a window title): up to BEL or ESC \.
                i += 2;
                while i < b.len() && b[i] != 0x07 && !(b[i] == 0x1b && b.get(i + 1) == Some(&b'\\'))
                {
                    i += 1;
                }
                i += if b.get(i) == Some(&0x07) { 1 } else { 2 };
            }
            0x1b => i += 2,
            b'\r' => {
                col = 0;
                i += 1;
            }
            b'\n' => {
                lines.push(Vec::new());
                col = 0;
                i += 1;
            }
            c => {
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.push(c);
                }
                col += 1;
                i += 1;
            }
        }
    }
    let last = lines.len() - 1;
    lines[last].truncate(col);
    for l in &mut lines[..last] {
        while l.last() == Some(&b' ') {
            l.pop();
        }
    }
    lines.join(&b'\n')
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

/// Runs `c` to its end and returns what it printed; killed, and the test failed, when it
/// takes longer than `secs`.
pub fn timeout(c: &mut Command, secs: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{c:?} took over {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
