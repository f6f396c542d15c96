//! A real interactive shell in a world, driven through a pty: its rc, each step, and
//! what the shell had after it (`Snap`), read from a dump the shell wrote itself.

use super::*;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;

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
    if sh == Sh::Xonsh {
        // Python: the dump and the cd are callable aliases.
        return r#"
import os as __t_os, subprocess as __t_sp
T_X = ''
__t_status = 0

def __t_post(cmd=None, rtn=0, **_):
    global __t_status
    __t_status = rtn

events.on_postcommand(__t_post)

def __t_dump_impl(args):
    env = __xonsh__.env
    o = b''
    for k in ('VIRTUAL_ENV', 'VIRTUAL_ENV_PROMPT', 'PYTHONHOME'):
        if k in env:
            o += k.encode() + b'\0' + __t_os.fsencode(env[k]) + b'\0'
    o += b'PATH\0' + __t_os.fsencode(__t_os.pathsep.join(env['PATH'])) + b'\0'
    if 'deactivate' in aliases:
        o += b'deactivate\0yes\0'
    # (The running command's own pipeline cannot be asked: it is this one.)
    o += b'status\0' + str(__t_status).encode() + b'\0'
    o += b'x\0' + __t_os.fsencode(T_X) + b'\0'
    if args and args[0] == 'py' and 'VIRTUAL_ENV' in env:
        r = __t_sp.run(['python', '-c', 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))'], stdout=__t_sp.PIPE, env=env.detype())
        o += b'prefix\0' + r.stdout + b'\0'
    with open(T_DUMP, 'wb') as f:
        f.write(o)
    print('<<DONE>>')
    return __t_status

aliases['__t_dump'] = __t_dump_impl

def __t_cd_impl(args):
    with open(T_CDTO, 'rb') as f:
        p = f.read().rstrip(b'\0')
    aliases['cd']([__t_os.fsdecode(p)])

aliases['__t_cd'] = __t_cd_impl
"#
        .into();
    }
    if sh == Sh::Nu {
        // A terminal as plain as nushell draws it (no colours, hints, banner or
        // shell-integration marks); its variables are in $env (functions see no others).
        return r#"
$env.config.show_banner = false
$env.config.use_ansi_coloring = false
$env.config.show_hints = false
$env.config.bracketed_paste = false
$env.config.footer_mode = "never"
$env.config.error_style = "plain"
$env.config.shell_integration = {osc2: false, osc7: false, osc8: false, osc9_9: false, osc133: false, osc633: false, reset_application_mode: false}
$env.T_X = ''
def --env __t_dump [...a] {
    let s = $env.LAST_EXIT_CODE
    let z = (char nul)
    mut o = ''
    for k in [VIRTUAL_ENV VIRTUAL_ENV_PROMPT PYTHONHOME] {
        if $k in $env { $o = $o + $k + $z + ($env | get $k) + $z }
    }
    $o = $o + 'PATH' + $z + ($env.PATH | str join (char esep)) + $z
    # venvsh's `deactivate` is always there (nushell cannot add a command later): it
    # counts while venvsh has one to undo; a venv's own is its overlay's.
    if ($env.__VENVSH?.deactivate? | default false) or ('activate' in (overlay list | where active | get name)) {
        $o = $o + 'deactivate' + $z + 'yes' + $z
    }
    $o = $o + 'status' + $z + ($s | into string) + $z + 'x' + $z + $env.T_X + $z
    if ($a | first 1) == ['py'] and 'VIRTUAL_ENV' in $env {
        let p = (^python -c 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))' | complete).stdout
        $o = $o + 'prefix' + $z + $p + $z
    }
    $o | save -f --raw $env.T_DUMP
    print '<<DONE>>'
}
# A `/` at the end: nushell's `cd` takes blanks off the end of a path (a folder named TAB).
def --env __t_cd [] { cd ((open --raw $env.T_CDTO | decode utf-8 | str trim --right --char (char nul)) + '/') }
"#
        .into();
    }
    if sh == Sh::Elvish {
        // No exit status in elvish (failures are exceptions); whether `deactivate` is a
        // function is what `resolve` says on the dump's own command line (see `snap`).
        return r#"
use str
var T_X = ''
fn __t_dump {|d @a|
    var o = ''
    if (has-env VIRTUAL_ENV) { set o = $o"VIRTUAL_ENV\x00"$E:VIRTUAL_ENV"\x00" }
    if (has-env VIRTUAL_ENV_PROMPT) { set o = $o"VIRTUAL_ENV_PROMPT\x00"$E:VIRTUAL_ENV_PROMPT"\x00" }
    if (has-env PYTHONHOME) { set o = $o"PYTHONHOME\x00"$E:PYTHONHOME"\x00" }
    set o = $o"PATH\x00"$E:PATH"\x00"
    if (not-eq $d '(external deactivate)') { set o = $o"deactivate\x00yes\x00" }
    set o = $o"status\x000\x00x\x00"$T_X"\x00"
    if (and (eq $a [py]) (has-env VIRTUAL_ENV)) {
        var p = ''
        try { set p = (python -c 'import os,sys; sys.stdout.buffer.write(os.fsencode(sys.prefix))' | slurp) } catch { }
        set o = $o"prefix\x00"$p"\x00"
    }
    print $o > $T_DUMP
    echo '<<DONE>>'
}
fn __t_cd { cd (str:trim-suffix (slurp < $T_CDTO) "\x00") }
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
        Sh::Fish | Sh::Tcsh | Sh::Csh | Sh::Elvish | Sh::Xonsh | Sh::Nu => {
            unreachable!("their dumps are above")
        }
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
        .map(|(k, v)| match sh {
            Sh::Elvish => format!("var {k} = {}\n", elvish_q(v)),
            Sh::Xonsh => format!("{k} = {}\n", xonsh_q(v)),
            Sh::Nu => format!("$env.{k} = {}\n", nu_q(v)),
            _ => format!("{}\n", sh.set_var(k, &q(v))),
        })
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
            Sh::Elvish => {
                cmd.arg("-rc").arg(&rcfile);
            }
            Sh::Nu => {
                let env = w.p(format!("tmp/env-{n}.nu"));
                std::fs::write(&env, "").unwrap();
                cmd.args(["--no-history", "--config"])
                    .arg(&rcfile)
                    .arg("--env-config")
                    .arg(env);
            }
            Sh::Xonsh => {
                cmd.arg("--rc")
                    .arg(&rcfile)
                    .args(["-i", "--shell-type", "readline"]);
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
            Sh::Elvish => {}
            // nushell's config folder (and the system's autoload folders) are this
            // session's, empty.
            Sh::Nu => {
                std::fs::create_dir_all(own.join("nushell")).unwrap();
                cmd.env("XDG_CONFIG_HOME", &own)
                    .env("XDG_DATA_DIRS", own.join("none"));
            }
            // xonsh makes its config and data folders at start: one of its own, which
            // the session's user (`nobody`, for the permission tests) can write.
            Sh::Xonsh => {
                std::fs::create_dir_all(&own).unwrap();
                cmd.env("XONSH_CONFIG_DIR", &own)
                    .env("XONSH_DATA_DIR", &own);
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
        let line = self.sh.dump_line(!self.no_python);
        self.pty.send(format!("{line}\n").as_bytes());
        if let Err(e) = self.pty.read_until(b"<<DONE>>\r\n", STEP) {
            self.fail("dump", &e);
        }
        let got = self.wait_prompt("prompt after dump");
        self.read_dump(clean(&got), output)
    }

    /// Types `line`, then dumps the shell's state on the same command line, before the
    /// next prompt (and its hook) comes: what the command itself did to the shell.
    pub fn run_then_dump(&mut self, line: &str) -> Snap {
        let output = self.raw(&format!("{line} ; {}", self.sh.dump_line(true)));
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
            // A quoted word first would be Python: `exec` or `![…]` makes it a command.
            Sh::Xonsh => {
                let run = format!(
                    "{} --rc {} -i --shell-type readline",
                    xonsh_q(&shell),
                    xonsh_q(&self.rc)
                );
                if exec {
                    format!("exec {run}")
                } else {
                    format!("![{run}]")
                }
            }
            // The child reads the same config (`$nu.config-path`, `$nu.env-path`).
            Sh::Nu => format!(
                "{}{} --no-history --config $nu.config-path --env-config $nu.env-path",
                if exec { "exec " } else { "^" },
                nu_q(&shell)
            ),
            Sh::Elvish => format!(
                "{}{} -rc {}",
                if exec { "exec " } else { "" },
                elvish_q(&shell),
                elvish_q(&self.rc)
            ),
        };
        self.run(&line)
    }

    pub fn alive(&mut self) -> bool {
        self.pty.is_alive()
    }

    /// The end of what the terminal showed (`bytes` of it), cleaned, for a failure message.
    /// How much the terminal has shown so far, for `terminal_since`.
    pub fn shown(&self) -> usize {
        self.pty.log.len()
    }

    /// What the terminal showed after `shown()` said `from`, cleaned of escapes.
    pub fn terminal_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&clean(&self.pty.log[from..])).into_owned()
    }

    pub fn terminal_tail(&self, bytes: usize) -> String {
        let log = &self.pty.log;
        let from = log.len().saturating_sub(bytes);
        String::from_utf8_lossy(&clean(&log[from..])).into_owned()
    }
}
