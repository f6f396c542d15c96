//! Where each shell's startup files are, and which one it reads first: init writes that
//! one, and never a new file that would hide the user's (issue 26 §5).

use crate::managers::{Ctx, Dir};
use crate::shell::Shell;
use std::path::{Path, PathBuf};

/// Where things are: HOME, the config and data folders (by the XDG rule, on macOS too,
/// as fish and install.sh use them), and the login shell's name.
pub(super) struct Places {
    pub(super) home: PathBuf,
    pub(super) config: PathBuf,
    pub(super) data: PathBuf,
    pub(super) login: Option<String>,
    /// The platform's rule for folders (managers::Ctx, platformdirs' own): where nushell
    /// and elvish keep their config (XDG_CONFIG_HOME when set, else ~/.config on Linux,
    /// Application Support on macOS, %APPDATA%).
    pub(super) ctx: Ctx<'static>,
    /// PowerShell's $PROFILE (the current user's, for the console host), asked of pwsh
    /// only when PowerShell is set up.
    pub(super) pwsh_profile: std::cell::OnceCell<Option<PathBuf>>,
    /// zsh's ZDOTDIR and whether elvish reads its old rc file, each asked of the shell
    /// once: `rc` is called for the same shell several times in one run.
    zdotdir: std::cell::OnceCell<PathBuf>,
    elvish_legacy: std::cell::OnceCell<bool>,
}

impl Places {
    pub(super) fn from_env() -> Option<Places> {
        let ctx = Ctx::here();
        let login = std::env::var_os("SHELL").and_then(|s| {
            let name = Path::new(&s).file_name()?.to_string_lossy().into_owned();
            Some(if name == "csh" { "tcsh".into() } else { name })
        });
        Some(Places {
            config: ctx.xdg("XDG_CONFIG_HOME", ".config")?,
            data: ctx.xdg("XDG_DATA_HOME", ".local/share")?,
            home: ctx.home.clone()?,
            pwsh_profile: std::cell::OnceCell::new(),
            zdotdir: std::cell::OnceCell::new(),
            elvish_legacy: std::cell::OnceCell::new(),
            login,
            ctx,
        })
    }

    /// Where an application keeps its config on this platform.
    pub(super) fn app_config(&self, app: &str) -> Option<PathBuf> {
        self.ctx.user_dir(Dir::RoamingConfig, app)
    }

    /// The startup file a shell reads (the first one for bash; `login_bash` gives the
    /// second). Where a shell reads only the first of two files it finds, the one it
    /// reads: never a new file that would hide the user's.
    pub(super) fn rc(&self, shell: Shell) -> Option<PathBuf> {
        Some(match shell {
            Shell::Bash => self.home.join(".bashrc"),
            Shell::Zsh => self.zdotdir().join(".zshrc"),
            Shell::Fish => self.config.join("fish/config.fish"),
            // tcsh reads ~/.tcshrc, and ~/.cshrc only when there is none (FreeBSD's
            // default account has only ~/.cshrc).
            Shell::Tcsh => read_first(self.home.join(".tcshrc"), self.home.join(".cshrc")),
            // elvish up to 0.19 reads ~/.elvish/rc.elv when it is there, and then not
            // its new place; 0.20 and later only the new place.
            Shell::Elvish => match self.home.join(".elvish/rc.elv") {
                legacy
                    if legacy.exists() && *self.elvish_legacy.get_or_init(elvish_reads_legacy) =>
                {
                    legacy
                }
                _ => self.app_config("elvish")?.join("rc.elv"),
            },
            Shell::Xonsh => self.home.join(".xonshrc"),
            Shell::Nu => self.app_config("nushell")?.join("config.nu"),
            Shell::Pwsh => self
                .pwsh_profile
                .get_or_init(|| pwsh_profile(&self.config))
                .clone()?,
            Shell::Cmd | Shell::Clink => return None,
        })
    }

    /// The file a login bash reads instead of ~/.bashrc (macOS's Terminal starts login
    /// shells): ~/.bash_profile, else ~/.bash_login when only that one exists. A
    /// ~/.profile is left alone: sh reads it too, and Debian's sources ~/.bashrc.
    pub(super) fn login_bash(&self) -> PathBuf {
        read_first(
            self.home.join(".bash_profile"),
            self.home.join(".bash_login"),
        )
    }

    /// Every file a shell may have read the block from, for `--undo`.
    pub(super) fn rc_all(&self, shell: Shell) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = self.rc(shell).into_iter().collect();
        let other = match shell {
            Shell::Tcsh => vec![self.home.join(".tcshrc"), self.home.join(".cshrc")],
            // Earlier versions wrote ~/.zshrc whatever ~/.zshenv said.
            Shell::Zsh => vec![self.home.join(".zshrc")],
            Shell::Elvish => vec![self.home.join(".elvish/rc.elv")]
                .into_iter()
                .chain(self.app_config("elvish").map(|d| d.join("rc.elv")))
                .collect(),
            _ => Vec::new(),
        };
        for f in other {
            if !all.contains(&f) {
                all.push(f);
            }
        }
        all
    }

    /// zsh's ZDOTDIR: this process's, else the one ~/.zshenv sets (a zsh started from
    /// another shell reads it first, then $ZDOTDIR/.zshrc), asked of zsh itself; else
    /// HOME.
    fn zdotdir(&self) -> &Path {
        self.zdotdir.get_or_init(|| self.ask_zdotdir())
    }

    fn ask_zdotdir(&self) -> PathBuf {
        const MARK: &str = "<venvsh-zdotdir>";
        let absolute = |p: PathBuf| Some(p).filter(|p| p.is_absolute());
        if let Some(d) = std::env::var_os("ZDOTDIR")
            .map(PathBuf::from)
            .and_then(absolute)
        {
            return d;
        }
        let zshenv = self.home.join(".zshenv");
        let sets_it = crate::bounded::read(&zshenv, crate::bounded::cap::STARTUP_FILE)
            .is_ok_and(|t| t.windows(7).any(|w| w == b"ZDOTDIR"));
        if sets_it
            && let Ok(out) = std::process::Command::new("zsh")
                .arg("-c")
                .arg(format!("print -rn -- \"{MARK}${{ZDOTDIR-}}\""))
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
            // What ~/.zshenv itself prints comes before the marker.
            && let Some(at) = out.stdout.windows(MARK.len()).rposition(|w| w == MARK.as_bytes())
            && let Some(d) = absolute(PathBuf::from(crate::paths::os_from_bytes(
                &out.stdout[at + MARK.len()..],
            )))
        {
            return d;
        }
        self.home.clone()
    }

    /// Whether `shell` is the login shell.
    pub(super) fn is_login(&self, shell: Shell) -> bool {
        self.login.as_deref().and_then(Shell::parse) == Some(shell)
    }
}

/// Of two startup files a shell tries in turn, reading only the first it finds: the one
/// it reads, or the first when neither is there.
pub(super) fn read_first(first: PathBuf, then: PathBuf) -> PathBuf {
    if !first.exists() && then.exists() {
        then
    } else {
        first
    }
}

/// Whether the elvish on PATH reads ~/.elvish/rc.elv (0.19 and before), or no elvish is
/// there to ask (then the file the user has is the one in use).
pub(super) fn elvish_reads_legacy() -> bool {
    let Ok(out) = std::process::Command::new("elvish")
        .arg("-version")
        .stdin(std::process::Stdio::null())
        .output()
    else {
        return true;
    };
    let v = String::from_utf8_lossy(&out.stdout);
    let mut parts = v
        .trim()
        .split(['.', '+', '-'])
        .map(|p| p.parse::<u32>().ok());
    matches!((parts.next(), parts.next()), (Some(Some(0)), Some(Some(minor))) if minor < 20)
}

/// PowerShell's $PROFILE: pwsh says where it is when it is on PATH; else where it is by
/// default (on Windows in Documents\PowerShell, pwsh 7's; Windows PowerShell 5.1 reads
/// Documents\WindowsPowerShell's, which `powershell` gives when pwsh is not there).
pub(super) fn pwsh_profile(config: &Path) -> Option<PathBuf> {
    for program in ["pwsh", "powershell"] {
        let asked = std::process::Command::new(program)
            .args([
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "$PROFILE.CurrentUserCurrentHost",
            ])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output();
        if let Ok(out) = asked
            && out.status.success()
        {
            let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if !text.is_empty() {
                return Some(PathBuf::from(text));
            }
        }
    }
    if cfg!(windows) {
        Some(dirs::document_dir()?.join("PowerShell/Microsoft.PowerShell_profile.ps1"))
    } else {
        Some(config.join("powershell/Microsoft.PowerShell_profile.ps1"))
    }
}
