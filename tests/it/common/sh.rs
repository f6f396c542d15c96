//! Each shell's spellings of what the scenarios do, so that every scenario runs
//! unchanged in every shell.

use super::*;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sh {
    Bash,
    Zsh,
    Fish,
    Tcsh,
    /// tcsh started as `csh`, with `venvsh hook csh`.
    Csh,
    Elvish,
    Xonsh,
    Nu,
}

/// A path as a Python (xonsh) string literal.
pub fn xonsh_q(p: &Path) -> String {
    format!(
        "'{}'",
        p.to_string_lossy()
            .replace('\\', "\\\\")
            .replace('\'', "\\'")
    )
}

/// A path as a nushell raw string, `r#'…'#`, ended by no text inside.
pub fn nu_q(p: &Path) -> String {
    let text = p.to_string_lossy();
    let mut h = String::from("#");
    while text.contains(&format!("'{h}")) {
        h.push('#');
    }
    format!("r{h}'{text}'{h}")
}

/// A string as elvish reads it back: single quotes, a quote doubled.
pub fn elvish_q(p: &Path) -> String {
    format!("'{}'", p.to_string_lossy().replace('\'', "''"))
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
            Sh::Elvish => "elvish",
            Sh::Xonsh => "xonsh",
            Sh::Nu => "nu",
        }
    }

    /// The line that dumps the shell's state (`py`: with what python says its prefix
    /// is). elvish's dump is told on its own line whether `deactivate` is a function:
    /// elvish resolves a name where it is compiled, and only the REPL's current line sees
    /// a function the hook added since.
    pub fn dump_line(self, py: bool) -> String {
        let py = if py { " py" } else { "" };
        match self {
            Sh::Elvish => format!("__t_dump (resolve deactivate){py}"),
            _ => format!("__t_dump{py}"),
        }
    }

    /// behaviour.md §11: what in these bytes (a path, a prompt name) this shell cannot
    /// hold, as the refusal says it; None when it can.
    pub fn refuses(self, b: &[u8]) -> Option<&'static str> {
        match self {
            Sh::Tcsh | Sh::Csh if b.contains(&b'\n') || b.contains(&b'\r') => Some("a newline"),
            // elvish is given its values as JSON, which is text.
            Sh::Elvish | Sh::Nu if std::str::from_utf8(b).is_err() => Some("not UTF-8"),
            // xonsh also expands `$NAME` in PATH entries.
            Sh::Xonsh if std::str::from_utf8(b).is_err() || b.contains(&b'$') => {
                Some("xonsh expands")
            }
            _ => None,
        }
    }

    /// `command`, then `status=N` with its exit status.
    pub fn with_status(self, command: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("{command}; echo status=$?"),
            Sh::Fish | Sh::Tcsh | Sh::Csh => format!("{command}; echo status=$status"),
            // A command that fails raises an exception, which holds the status.
            Sh::Elvish => format!(
                "try {{ {command}; echo status=0 }} catch e {{ echo status=$e[reason][exit-status] }}"
            ),
            // `![…]` runs the command as the terminal's, and gives its pipeline back.
            Sh::Xonsh => format!("print('status=' + str(![{command}].returncode))"),
            // A program that fails raises an error, which holds its exit code.
            Sh::Nu => format!(
                "try {{ {command}; print 'status=0' }} catch {{|e| print $'status=($e.exit_code? | default 1)' }}"
            ),
        }
    }

    /// A PYTHONHOME the user may set while no venv is active. xonsh is itself Python: a
    /// child xonsh started under a made-up home dies ("No module named 'encodings'"), so
    /// there it is the home of the Python that runs xonsh.
    pub fn pythonhome_for_children(self) -> String {
        if self != Sh::Xonsh {
            return "/ph".into();
        }
        let out = Command::new(self.path().expect("xonsh"))
            .args([
                "--no-rc",
                "-c",
                "import sys; print(sys.base_prefix, end='')",
            ])
            .env_remove("PYTHONHOME")
            .output()
            .expect("xonsh -c");
        String::from_utf8(out.stdout).expect("a UTF-8 prefix")
    }

    /// Whether a person can `cd` into this folder in this shell at all. nushell's `cd`
    /// takes control characters and escape sequences out of a path that holds a control
    /// character other than tab and newline (nu_utils::strip_ansi_string_unlikely), and
    /// $env.PWD cannot be set; its paths are UTF-8 text.
    pub fn cannot_enter(self, dir: &Path) -> bool {
        let b = dir.as_os_str().as_encoded_bytes();
        self == Sh::Nu
            && (b.iter().any(|c| matches!(c, 0..=8 | 11..=31)) || std::str::from_utf8(b).is_err())
    }

    /// `a`, then `b` if `a` worked (nushell has no `&&`: a failure stops the line anyway).
    pub fn and_then(self, a: &str, b: &str) -> String {
        match self {
            Sh::Nu => format!("{a}; {b}"),
            _ => format!("{a} && {b}"),
        }
    }

    /// Whether the test's dump gives back the exit status it found. nushell's custom
    /// commands have none of their own: after the dump's line it is 0.
    pub fn dump_keeps_status(self) -> bool {
        self != Sh::Nu
    }

    /// Whether Python's venv ships an `activate` script for this shell.
    pub fn has_stock_activate(self) -> bool {
        !matches!(self, Sh::Elvish | Sh::Xonsh | Sh::Nu)
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
            // Declared by the session's rc (a `var` here would be a new variable, which
            // functions defined before do not see).
            Sh::Elvish => format!("set {name} = {value}"),
            Sh::Xonsh => format!("{name} = {value}"),
            // nushell's functions see no outer variable: the session's are in $env.
            Sh::Nu => Sh::Nu.export_var(name, value),
        }
    }

    pub fn export_var(self, name: &str, value: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("export {name}={value}"),
            Sh::Fish => format!("set -gx {name} {value}"),
            Sh::Tcsh | Sh::Csh => format!("setenv {name} {value}"),
            Sh::Elvish => format!("set-env {name} {value}"),
            // Python: a value the caller did not quote is quoted here.
            Sh::Xonsh if value.starts_with('\'') => format!("${name} = {value}"),
            Sh::Xonsh => format!("${name} = {}", xonsh_q(Path::new(value))),
            // A user's PATH in nushell is a list.
            Sh::Nu if name == "PATH" => format!(
                "$env.PATH = ({} | split row (char esep))",
                nu_q(Path::new(value))
            ),
            Sh::Nu if value.starts_with('\'') => format!("$env.{name} = {value}"),
            Sh::Nu => format!("$env.{name} = {}", nu_q(Path::new(value))),
        }
    }

    pub fn unset_env(self, name: &str) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("unset {name}"),
            Sh::Fish => format!("set -e {name}"),
            Sh::Tcsh | Sh::Csh => format!("unsetenv {name}"),
            Sh::Elvish => format!("unset-env {name}"),
            Sh::Xonsh => format!("__xonsh__.env.pop('{name}', None)"),
            Sh::Nu => format!("hide-env -i {name}"),
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
            Sh::Elvish => format!("set paths = [{front} $@paths {}]", back.unwrap_or("")),
            Sh::Xonsh => format!(
                "$PATH = ['{front}'] + list($PATH){}",
                back.map(|b| format!(" + ['{b}']")).unwrap_or_default()
            ),
            // nushell keeps PATH as a list.
            Sh::Nu => format!(
                "$env.PATH = (['{front}'] ++ $env.PATH{})",
                back.map(|b| format!(" ++ ['{b}']")).unwrap_or_default()
            ),
        }
    }

    /// Python's own activate script for this shell, sourced.
    pub fn source_activate(self, venv: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!(". {}", q(&venv.join("bin/activate"))),
            Sh::Fish => format!("source {}", q(&venv.join("bin/activate.fish"))),
            Sh::Tcsh | Sh::Csh => format!("source {}", q(&venv.join("bin/activate.csh"))),
            // Nor for xonsh: the same by hand.
            Sh::Xonsh => {
                let v = xonsh_q(venv);
                format!(
                    "__t_old = list($PATH); __t_ph = ${{...}}.get('PYTHONHOME'); ${{...}}.pop('PYTHONHOME', None); $VIRTUAL_ENV = {v}; $PATH = [{v} + '/bin'] + __t_old; aliases['deactivate'] = lambda args: None if [__xonsh__.env.update({{'PATH': __t_old}}), __xonsh__.env.update({{'PYTHONHOME': __t_ph}}) if __t_ph is not None else None, __xonsh__.env.pop('VIRTUAL_ENV', None), aliases.pop('deactivate', None)] else None"
                )
            }
            // Nor for nushell. virtualenv's activate.nu is an overlay, whose `deactivate`
            // hides it again, which puts back all the overlay's time changed, the folder
            // too; this one is the same but keeps the folder, so that the scenarios' next
            // step happens where they expect.
            Sh::Nu => {
                let file = venv.join("bin/activate.nu");
                let v = nu_q(venv);
                std::fs::write(
                    &file,
                    format!(
                        "export-env {{ hide-env -i PYTHONHOME; $env.VIRTUAL_ENV = {v}; $env.PATH = ($env.PATH | prepend ({v} | path join bin)) }}\nexport alias deactivate = overlay hide --keep-env [PWD] activate\n"
                    ),
                )
                .unwrap();
                format!("overlay use {}", nu_q(&file))
            }
            // Python ships no activate script for elvish: a venv activated by hand, with a
            // `deactivate` that puts PATH and PYTHONHOME back as they were.
            Sh::Elvish => {
                let v = elvish_q(venv);
                format!(
                    "var __t_old = $paths; var __t_ph = [(if (has-env PYTHONHOME) {{ put $E:PYTHONHOME }})]; unset-env PYTHONHOME; set-env VIRTUAL_ENV {v}; set paths = [{v}/bin $@paths]; edit:add-var deactivate~ {{|@_| set paths = $__t_old; for h $__t_ph {{ set-env PYTHONHOME $h }}; unset-env VIRTUAL_ENV; edit:del-var deactivate~ }}"
                )
            }
        }
    }

    /// A line that reads a file of this shell's code into the running shell.
    pub fn source_file(self, file: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!(". {}", q(file)),
            Sh::Fish | Sh::Tcsh | Sh::Csh => format!("source {}", q(file)),
            Sh::Elvish => format!("eval (slurp < {})", elvish_q(file)),
            Sh::Xonsh => format!("source {}", xonsh_q(file)),
            Sh::Nu => format!("source {}", nu_q(file)),
        }
    }

    /// The hook line of the rc file.
    pub fn hook_line(self, exe: &Path) -> String {
        match self {
            Sh::Bash | Sh::Zsh => format!("eval \"$({} hook {})\"", q(exe), self.name()),
            Sh::Fish => format!("{} hook fish | source", q(exe)),
            Sh::Tcsh | Sh::Csh => format!("eval \"`{} hook {}`\"", q(exe), self.name()),
            Sh::Elvish => format!("eval ({} hook elvish | slurp)", elvish_q(exe)),
            Sh::Xonsh => format!("execx($({} hook xonsh))", xonsh_q(exe)),
            // nushell sources a file, named when the line is read: the hook is saved
            // first, as the README says to.
            Sh::Nu => format!("source {}", nu_q(&nu_hook_file(exe))),
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
            // elvish's venvsh works through the hook's `venvsh` function only.
            Sh::Elvish => format!("venvsh activate # {}", elvish_q(exe)),
            Sh::Xonsh => format!("venvsh activate # {}", xonsh_q(exe)),
            Sh::Nu => format!("venvsh activate # {}", nu_q(exe)),
        }
    }

    /// Sets the user's prompt back to the plain one (as re-reading an rc does).
    pub fn reset_prompt(self) -> String {
        match self {
            Sh::Bash | Sh::Zsh => "PS1='::vs:: '".into(),
            Sh::Fish => "function fish_prompt; printf '::vs:: '; end".into(),
            Sh::Tcsh | Sh::Csh => "set prompt = '::vs:: '".into(),
            Sh::Elvish => "set edit:prompt = { put '::vs:: ' }; set edit:rprompt = { put '' }".into(),
            // One line: a scenario types it as one (two lines were two prompts, which
            // the step after read as its own now and then).
            Sh::Xonsh => "$PROMPT = '::vs:: '; $RIGHT_PROMPT = ''".into(),
            // One line: a scenario types it as one.
            Sh::Nu => "$env.PROMPT_COMMAND = {|| '::vs:: ' }; $env.PROMPT_COMMAND_RIGHT = ''; $env.PROMPT_INDICATOR = ''".into(),
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
            // elvish has no exit status to keep: its failures are exceptions.
            // The status the last command left (the session's own `__t_status`).
            (Sh::Xonsh, _) => "def __t_pc(**_):\n    global T_X\n    T_X += str(__t_status) + ','\n\nevents.on_pre_prompt(__t_pc)".into(),
            (Sh::Nu, _) => "def --env __t_pc [] { $env.T_X = $'($env.T_X? | default \"\")($env.LAST_EXIT_CODE),' }\n$env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt | append {|| __t_pc })".into(),
            (Sh::Elvish, _) => {
                "set edit:before-readline = [$@edit:before-readline { nop __t_pc; set T_X = $T_X'0,' }]".into()
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
            // Closures have no names: their bodies say whose they are.
            Sh::Elvish => "set T_X = (each {|f| try { put $f[body] } catch { put builtin } } $edit:before-readline | str:join ' ')".into(),
            Sh::Xonsh => "T_X = ' '.join(getattr(h, '__name__', '?') for h in events.on_pre_prompt)".into(),
            // Closures have no names: venvsh's is a record marked `venvsh_hook`.
            Sh::Nu => "$env.T_X = ($env.config.hooks.pre_prompt | each {|h| match $h { {venvsh_hook: true} => '__venvsh_hook', _ => (view source $h | str replace -a (char nl) ' ') } } | str join ' ')".into(),
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
            Sh::Elvish | Sh::Xonsh | Sh::Nu => "",
        }
    }

    /// The options users of each shell set in their startup files, one set a session
    /// (issue 34 §6), and functions named like the builtins venvsh's code calls.
    pub fn options_people_set(self) -> &'static [&'static str] {
        match self {
            Sh::Bash => &[
                "set -euo pipefail",
                "shopt -s failglob nullglob extglob",
                "set -o posix",
                "IFS=:",
                "unset() { :; }\nhash() { :; }",
            ],
            Sh::Zsh => &[
                "setopt ERR_EXIT",
                "setopt ERR_RETURN",
                "setopt NO_UNSET",
                "setopt KSH_ARRAYS",
                "setopt SH_WORD_SPLIT",
                "setopt POSIX_IDENTIFIERS",
                "setopt CSH_JUNKIE_QUOTES",
                "setopt NO_GLOB",
                "setopt GLOB_SUBST",
                "setopt RC_EXPAND_PARAM",
                "unset() { :; }\nrehash() { :; }",
            ],
            Sh::Fish => &["set -g fish_trace 1", "function cd; builtin cd $argv; end"],
            Sh::Tcsh | Sh::Csh => &["set noglob", "set nonomatch"],
            Sh::Elvish | Sh::Xonsh | Sh::Nu => &[],
        }
    }

    /// Options under which a prompt is most easily tricked into expanding a name: bash in
    /// POSIX mode expands PS1 whatever `promptvars` says; zsh without PROMPT_PERCENT but
    /// with PROMPT_SUBST shows text as it is yet expands `$(…)` in it.
    pub fn risky_prompt_options(self) -> &'static [&'static str] {
        match self {
            Sh::Bash => &["shopt -u promptvars", "set -o posix\nshopt -u promptvars"],
            Sh::Zsh => &[
                "setopt PROMPT_SUBST",
                "setopt NO_PROMPT_PERCENT PROMPT_SUBST",
            ],
            Sh::Fish => &["set -g fish_private_mode 1"],
            Sh::Tcsh | Sh::Csh => &["set backslash_quote"],
            Sh::Elvish | Sh::Xonsh | Sh::Nu => &[],
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
        if matches!(self, Sh::Xonsh | Sh::Nu) {
            // From PyPI (`uv tool install xonsh`) and crates.io (`cargo install nu`):
            // wherever PATH has them.
            let path = std::env::var_os("PATH")?;
            return std::env::split_paths(&path)
                .map(|d| d.join(self.name()))
                .find(|p| p.is_file());
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

/// `venvsh hook nu` from `exe`, saved where the rc line sources it: one file per binary,
/// written whole and renamed into place (sessions in parallel write the same one).
fn nu_hook_file(exe: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    exe.hash(&mut h);
    let dir = std::env::temp_dir().join("venvsh-nu-hooks");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{:016x}.nu", h.finish()));
    let out = Command::new(exe)
        .args(["hook", "nu"])
        .output()
        .expect("venvsh hook nu");
    assert!(out.status.success(), "venvsh hook nu");
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let tmp = dir.join(format!(
        "{:016x}.{}-{n}.tmp",
        h.finish(),
        std::process::id()
    ));
    std::fs::write(&tmp, out.stdout).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    file
}
