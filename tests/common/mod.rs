//! Shared test harness: throwaway worlds (HOME, data and config folders, real venvs)
//! and real interactive shells driven through a pty.
#![allow(dead_code)]

pub mod pty;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub const PROMPT: &[u8] = b"::vs:: ";
pub const BASE_PATH: &[u8] = b"/usr/bin:/bin";
const STEP: Duration = Duration::from_secs(20);

pub fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_venvsh"))
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
}

impl Sh {
    pub fn name(self) -> &'static str {
        match self {
            Sh::Bash => "bash",
            Sh::Zsh => "zsh",
        }
    }

    pub fn path(self) -> Option<PathBuf> {
        let name = self.name();
        ["/usr/bin", "/bin", "/usr/local/bin"]
            .iter()
            .map(|d| Path::new(d).join(name))
            .find(|p| p.exists())
    }

    /// The shell's path; in CI a missing shell fails the test, locally it skips loudly.
    pub fn require(self) -> Option<PathBuf> {
        match self.path() {
            Some(p) => Some(p),
            None if std::env::var_os("CI").is_some_and(|v| v == "true") => {
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

/// Whether a tool is installed; in CI its absence fails the test, locally it skips loudly.
pub fn have(tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false);
    if !found {
        if std::env::var_os("CI").is_some_and(|v| v == "true") {
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

    /// A real venv: `python -m venv --without-pip [args] DIR`.
    pub fn venv(&self, dir: &Path, args: &[&OsStr]) {
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        let out = Command::new(python())
            .args(["-m", "venv", "--without-pip"])
            .args(args)
            .arg(dir)
            .output()
            .unwrap();
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
        let utf8 = std::str::from_utf8(dir.as_os_str().as_bytes()).is_ok()
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
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let tmp = self.p(format!("tmp/venv-{n}"));
        self.venv(&tmp, &[]);
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
        let mut c = Command::new(&self.exe);
        c.args(args).current_dir(cwd).env_clear();
        for (k, v) in self.env() {
            c.env(k, v);
        }
        c.env("PWD", cwd);
        c.output().unwrap()
    }

    pub fn env(&self) -> Vec<(String, PathBuf)> {
        vec![
            ("HOME".into(), self.home.clone()),
            ("PATH".into(), PathBuf::from(OsStr::from_bytes(BASE_PATH))),
            ("TERM".into(), "dumb".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("XDG_DATA_HOME".into(), self.p("data")),
            ("XDG_CONFIG_HOME".into(), self.p("config")),
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

impl Drop for World {
    fn drop(&mut self) {
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

/// The test's own functions in the shell under test: `__t_dump` writes what the shell
/// has to a file (NUL-separated, so any bytes survive) and prints a mark; `__t_cd` goes
/// to a path read from a file, whatever bytes it holds.
fn dump_fn(sh: Sh) -> String {
    let (emulate, has_deactivate, extra) = match sh {
        Sh::Bash => ("", "declare -F deactivate >/dev/null", ""),
        Sh::Zsh => (
            "emulate -L zsh",
            "(( ${+functions[deactivate]} ))",
            "unsetopt PROMPT_SP PROMPT_CR BEEP",
        ),
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
            format!("eval \"$({} hook {})\"", q(&exe), sh.name())
        };
        let text = format!(
            "PS1='::vs:: '\nT_DUMP={}\nT_CDTO={}\nT_RC={}\n{}\n{}\n{hook}\n{}\n",
            q(&dump),
            q(&cdto),
            q(&rcfile),
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
            None => Command::new(&shell),
        };
        match sh {
            Sh::Bash => {
                cmd.args(["--noprofile", "--rcfile"]).arg(&rcfile).arg("-i");
            }
            Sh::Zsh => {
                // ZDOTDIR's .zshrc is the rc: link it to this session's file.
                let zdot = w.p(format!("tmp/zdot-{n}"));
                std::fs::create_dir_all(&zdot).unwrap();
                std::os::unix::fs::symlink(&rcfile, zdot.join(".zshrc")).unwrap();
                cmd.arg("-i").env("ZDOTDIR", &zdot);
            }
        }
        cmd.env_clear().current_dir(&w.root);
        for (k, v) in w.env() {
            cmd.env(k, v);
        }
        if sh == Sh::Zsh {
            let zdot = w.p(format!("tmp/zdot-{n}"));
            cmd.env("ZDOTDIR", zdot);
        }
        cmd.env("SHELL", &shell).env("PWD", &w.root);
        let mut s = Session {
            sh,
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
    /// line itself removed).
    pub fn raw(&mut self, line: &str) -> Vec<u8> {
        self.pty.send(format!("{line}\n").as_bytes());
        let got = self.wait_prompt(line);
        let body = &got[..got.len() - PROMPT.len()];
        let after_echo = match body.iter().position(|b| *b == b'\n') {
            Some(i) => &body[i + 1..],
            None => &[][..],
        };
        // What follows the last newline is the start of the prompt (a venv's prefix).
        let end = after_echo
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        clean(&after_echo[..end])
    }

    /// Types a line, then dumps the shell's state and the prompt it drew.
    pub fn run(&mut self, line: &str) -> Snap {
        let output = self.raw(line);
        self.snap(output)
    }

    pub fn snap(&mut self, output: Vec<u8>) -> Snap {
        self.pty.send(b"__t_dump py\n");
        if let Err(e) = self.pty.read_until(b"<<DONE>>\r\n", STEP) {
            self.fail("dump", &e);
        }
        let got = self.wait_prompt("prompt after dump");
        let prompt = clean(&got);
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
        b.push(0);
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
            Sh::Zsh => format!("{}{} -i", if exec { "exec " } else { "" }, q(&shell)),
        };
        self.run(&line)
    }

    /// Types `exit` and waits for the shell to end.
    pub fn exit(&mut self) {
        self.pty.send(b"exit\n");
        let _ = self.pty.read_until(b"\x00never\x00", STEP);
    }

    pub fn alive(&mut self) -> bool {
        self.pty.is_alive()
    }
}

/// Terminal text as bytes a person would read: CRLF folded, escape sequences dropped.
pub fn clean(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x1b => {
                // CSI: ESC [ params final; other escapes: ESC + one byte.
                if b.get(i + 1) == Some(&b'[') {
                    i += 2;
                    while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                        i += 1;
                    }
                    i += 1;
                } else {
                    i += 2;
                }
            }
            b'\r' if b.get(i + 1) == Some(&b'\n') => i += 1,
            b'\r' => i += 1,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
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
