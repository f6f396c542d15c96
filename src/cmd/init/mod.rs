//! `venvsh init [SHELL…]`: puts the hook line in each shell's startup file, once, between
//! marker lines (`rcfile`), after a backup of a file that was there (one per file, in the
//! data folder); `--undo` takes it out again, every file back byte for byte; `--dry-run`
//! says what would change.
//! A file is written whole and renamed into place, with the mode it had; a symlinked rc
//! file (a dotfile manager's) is written where the link points. A file that cannot be
//! read or written gets one line and is left as it was; the other shells still get theirs.

mod autorun;

use crate::managers::{Ctx, Dir};
use crate::paths::path_bytes;
use crate::rcfile;
use crate::shell::Shell;
use crate::show::io_reason;
use std::path::{Path, PathBuf};

/// One file to change: its lines for the block, and for nushell the hook file it sources.
struct Target {
    file: PathBuf,
    lines: Vec<String>,
    saved_hook: Option<(PathBuf, Vec<u8>)>,
}

/// Where things are: HOME, the config and data folders (by the XDG rule, on macOS too,
/// as fish and install.sh use them), and the login shell's name.
struct Places {
    home: PathBuf,
    config: PathBuf,
    data: PathBuf,
    login: Option<String>,
    /// The platform's rule for folders (managers::Ctx, platformdirs' own): where nushell
    /// and elvish keep their config (XDG_CONFIG_HOME when set, else ~/.config on Linux,
    /// Application Support on macOS, %APPDATA%).
    ctx: Ctx<'static>,
    /// PowerShell's $PROFILE (the current user's, for the console host), asked of pwsh
    /// only when PowerShell is set up.
    pwsh_profile: std::cell::OnceCell<Option<PathBuf>>,
}

impl Places {
    fn from_env() -> Option<Places> {
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
            login,
            ctx,
        })
    }

    /// Where an application keeps its config on this platform.
    fn app_config(&self, app: &str) -> Option<PathBuf> {
        self.ctx.user_dir(Dir::RoamingConfig, app)
    }

    /// The startup file a shell reads (the first one for bash; `login_bash` gives the
    /// second). Where a shell reads only the first of two files it finds, the one it
    /// reads: never a new file that would hide the user's.
    fn rc(&self, shell: Shell) -> Option<PathBuf> {
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
                legacy if legacy.exists() && elvish_reads_legacy() => legacy,
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
    fn login_bash(&self) -> PathBuf {
        read_first(
            self.home.join(".bash_profile"),
            self.home.join(".bash_login"),
        )
    }

    /// Every file a shell may have read the block from, for `--undo`.
    fn rc_all(&self, shell: Shell) -> Vec<PathBuf> {
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
    fn zdotdir(&self) -> PathBuf {
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
                .args(["-c", "print -rn -- \"<venvsh-zdotdir>${ZDOTDIR-}\""])
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
            // What ~/.zshenv itself prints comes before the marker.
            && let Some(at) = out.stdout.windows(16).rposition(|w| w == b"<venvsh-zdotdir>")
            && let Some(d) = absolute(PathBuf::from(crate::paths::os_from_bytes(
                &out.stdout[at + 16..],
            )))
        {
            return d;
        }
        self.home.clone()
    }

    /// Whether `shell` is the login shell.
    fn is_login(&self, shell: Shell) -> bool {
        self.login.as_deref().and_then(Shell::parse) == Some(shell)
    }
}

/// Of two startup files a shell tries in turn, reading only the first it finds: the one
/// it reads, or the first when neither is there.
fn read_first(first: PathBuf, then: PathBuf) -> PathBuf {
    if !first.exists() && then.exists() {
        then
    } else {
        first
    }
}

/// Whether the elvish on PATH reads ~/.elvish/rc.elv (0.19 and before), or no elvish is
/// there to ask (then the file the user has is the one in use).
fn elvish_reads_legacy() -> bool {
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

/// The `venvsh` on PATH when it is this very file: its path stays while the one the
/// system reports for a running program (`/proc/self/exe`) may be a versioned store path
/// that goes at the next upgrade.
fn on_path(exe: &Path) -> Option<PathBuf> {
    let name = exe.file_name()?;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_absolute() && crate::files::same_file(p, exe))
}

/// PowerShell's $PROFILE: pwsh says where it is when it is on PATH; else where it is by
/// default (on Windows in Documents\PowerShell, pwsh 7's; Windows PowerShell 5.1 reads
/// Documents\WindowsPowerShell's, which `powershell` gives when pwsh is not there).
fn pwsh_profile(config: &Path) -> Option<PathBuf> {
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

/// The shells `init` handles here: those loaded by a line in a file.
const SHELLS: [Shell; 8] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Tcsh,
    Shell::Elvish,
    Shell::Xonsh,
    Shell::Nu,
    Shell::Pwsh,
];

pub fn run(shells: Vec<Shell>, undo: bool, dry_run: bool) -> i32 {
    let Some(places) = Places::from_env() else {
        return super::fail("init: no home folder (HOME is not set)");
    };
    let exe = match std::env::current_exe() {
        Ok(e) => on_path(&e).unwrap_or(e),
        Err(e) => return super::fail(&format!("init: where am I? {}", io_reason(&e))),
    };
    if std::str::from_utf8(path_bytes(&exe)).is_err() {
        return super::fail(&format!(
            "init: venvsh's own path {} is not UTF-8 text, which the startup files cannot all hold; move venvsh",
            exe.display()
        ));
    }
    for sh in &shells {
        if !SHELLS.contains(sh) && *sh != Shell::Cmd {
            return super::fail(&format!(
                "init: {} is not set up by `venvsh init` yet; add its line by hand (README, `venvsh hook --help`)",
                sh.name()
            ));
        }
    }
    let chosen: Vec<Shell> = if shells.is_empty() {
        // The login shell's, and those whose startup file is already there.
        // Not PowerShell's by default on Unix, where asking pwsh would start it.
        SHELLS
            .into_iter()
            .filter(|sh| {
                undo || places.is_login(*sh)
                    || (*sh != Shell::Pwsh || cfg!(windows))
                        && places.rc(*sh).is_some_and(|f| f.exists())
                    || *sh == Shell::Bash && places.login_bash().exists()
            })
            .collect()
    } else {
        shells.clone()
    };
    if chosen.is_empty() && !shells.contains(&Shell::Cmd) && !undo {
        return super::fail(
            "init: no shell to set up (no startup file found, and SHELL names none); name one: venvsh init bash",
        );
    }
    let mut failed = false;
    // cmd only when named: AutoRun runs for every cmd.exe, scripts' too.
    if shells.contains(&Shell::Cmd) || (undo && shells.is_empty()) {
        let done = if undo {
            autorun::take_out(dry_run)
        } else {
            autorun::put_in(&exe, dry_run)
        };
        if let Err(msg) = done {
            super::say(&msg);
            failed = true;
        }
    }
    for sh in chosen {
        if sh == Shell::Cmd {
            continue;
        }
        // tcsh's line is ``eval "`…`"``: inside those double quotes tcsh expands `$` and
        // a `"` or a backquote would end them.
        if sh == Shell::Tcsh
            && !undo
            && path_bytes(&exe)
                .iter()
                .any(|b| matches!(b, b'"' | b'\n' | b'$' | b'`'))
        {
            super::say(&format!(
                "cannot set up tcsh: venvsh's path {} holds a '$', '\"', '`' or a newline, which tcsh's line cannot quote; move venvsh",
                exe.display()
            ));
            failed = true;
            continue;
        }
        for t in targets(sh, &places, &exe, undo) {
            let done = if undo {
                take_out(&t, dry_run)
            } else {
                put_in(&t, dry_run)
            };
            if let Err(msg) = done {
                super::say(&msg);
                failed = true;
            }
        }
    }
    if !dry_run && !failed {
        println!(
            "{}",
            if undo {
                "open a new terminal: the hook is gone there (a shell that loaded it keeps it until it exits)"
            } else {
                "open a new terminal: cd into a project with a .venv and it activates (run 'venvsh allow' there first)"
            }
        );
    }
    i32::from(failed)
}

/// The files one shell's block goes in, and the block's lines there.
fn targets(sh: Shell, places: &Places, exe: &Path, undo: bool) -> Vec<Target> {
    let Some(file) = places.rc(sh) else {
        return Vec::new();
    };
    let line = sh
        .rc_line_with(exe)
        .map(|l| String::from_utf8_lossy(&l).into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    match sh {
        Shell::Bash => {
            out.push(Target {
                file,
                lines: vec![line.clone()],
                saved_hook: None,
            });
            // A login bash reads a file of its own: there too when it has one, or when
            // bash is the login shell and it has none (not even ~/.profile). Undo looks
            // in both of them: the one in use may have changed since.
            if undo {
                for f in [".bash_profile", ".bash_login"] {
                    out.push(Target {
                        file: places.home.join(f),
                        lines: Vec::new(),
                        saved_hook: None,
                    });
                }
            } else {
                let login = places.login_bash();
                if login.exists() || (places.is_login(sh) && !places.home.join(".profile").exists())
                {
                    // A login bash need not be interactive (`bash -lc`, an IDE's probe).
                    out.push(Target {
                        file: login,
                        lines: vec![format!("case $- in *i*) {line} ;; esac")],
                        saved_hook: None,
                    });
                }
            }
        }
        Shell::Zsh => {
            // The completion function install.sh puts where zsh has no folder of its own.
            let functions = places.data.join("zsh/site-functions");
            let mut lines = vec![line];
            if functions.join("_venvsh").is_file() {
                let dir =
                    String::from_utf8_lossy(&sh.quote_word(path_bytes(&functions))).into_owned();
                lines.insert(0, format!("fpath=({dir} $fpath)"));
                // compinit may have run already (oh-my-zsh, prezto): register it then.
                lines.push("if (( $+functions[compdef] )); then autoload -Uz _venvsh && compdef _venvsh venvsh; fi".into());
            }
            out.push(Target {
                file,
                lines,
                saved_hook: None,
            });
        }
        // nushell cannot run text as code: the hook is saved beside config.nu, which
        // sources it by its path.
        Shell::Nu => {
            let hook = file.with_file_name("venvsh.nu");
            let source = sh.quote_word(path_bytes(&hook));
            out.push(Target {
                lines: vec![format!("source {}", String::from_utf8_lossy(&source))],
                saved_hook: Some((hook, sh.hook(exe))),
                file,
            });
        }
        _ => out.push(Target {
            file,
            lines: vec![line],
            saved_hook: None,
        }),
    }
    // Undo looks in every file the shell may have read the block from: which one it
    // reads first may have changed since.
    if undo {
        for f in places.rc_all(sh) {
            if !out.iter().any(|t| t.file == f) {
                out.push(Target {
                    file: f,
                    lines: Vec::new(),
                    saved_hook: None,
                });
            }
        }
    }
    out
}

/// Where a file really is: a symlinked rc file is changed where the link points. A link
/// that leads nowhere is an error, or with `missing_ok` no file at all.
fn real(file: &Path, missing_ok: bool) -> Result<Option<PathBuf>, String> {
    match std::fs::symlink_metadata(file) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(file) {
            Ok(p) => Ok(Some(p)),
            Err(_) if missing_ok => Ok(None),
            Err(e) => Err(format!(
                "cannot change {}: it is a link to a file that cannot be reached ({}); it is left as it was",
                file.display(),
                io_reason(&e)
            )),
        },
        _ => Ok(Some(file.to_path_buf())),
    }
}

/// The file's bytes, or None when there is none.
pub(super) fn read(file: &Path) -> Result<Option<Vec<u8>>, String> {
    crate::bounded::read_if_there(file, crate::bounded::cap::STARTUP_FILE)
        .map_err(|e| format!("{}; it is left as it was", e.line(file)))
}

fn put_in(t: &Target, dry_run: bool) -> Result<(), String> {
    let file = real(&t.file, false)?.expect("a file to write");
    let old = read(&file)?;
    let text = old.clone().unwrap_or_default();
    let damaged = |why: String| {
        format!(
            "cannot change {}: {why}; it is left as it was (fix it by hand)",
            t.file.display()
        )
    };
    // Windows PowerShell 5.1 writes UTF-16 (`>`, Out-File): ASCII bytes added there
    // would be garbage.
    if text.starts_with(&[0xff, 0xfe]) || text.starts_with(&[0xfe, 0xff]) {
        return Err(damaged(
            "it is UTF-16 text, and venvsh adds its line only to UTF-8".into(),
        ));
    }
    let new = rcfile::with_block(&text, &t.lines).map_err(damaged)?;
    let hook_stale = t
        .saved_hook
        .as_ref()
        .is_some_and(|(p, code)| read(p).ok().flatten().as_deref() != Some(code.as_slice()));
    if new == text && !hook_stale {
        println!("{} already has the venvsh hook", t.file.display());
        return Ok(());
    }
    if old.is_some() && std::fs::metadata(&file).is_ok_and(|m| m.permissions().readonly()) {
        return Err(format!(
            "cannot change {}: it is read-only; it is left as it was",
            t.file.display()
        ));
    }
    if dry_run {
        println!("would add the venvsh hook to {}:", t.file.display());
        for l in &t.lines {
            println!("    {l}");
        }
        if let Some((p, _)) = &t.saved_hook {
            println!("  and save the hook as {}", p.display());
        }
        return Ok(());
    }
    if let Some((p, code)) = &t.saved_hook {
        crate::files::write_atomic(p, code, None).map_err(|e| cannot_write(p, &e))?;
    }
    if new != text {
        // A backup of the file as the user had it: not of one that holds a block
        // already (an update), whose original the first backup keeps.
        let copy = match old.is_some() && !rcfile::has_block(&text) {
            true => Some(backup(&file, &text).map_err(|e| cannot_write(&file, &e))?),
            false => None,
        };
        if let Err(e) =
            crate::files::write_atomic(&file, &new, old.as_ref().map(|_| file.as_path()))
        {
            // The backup goes only when the file is still as it was (a file with hard
            // links is written in place, and a failed write may have cut it short).
            if let Some(c) = copy {
                if read(&file).ok().flatten().as_deref() == Some(text.as_slice()) {
                    let _ = std::fs::remove_file(c);
                } else {
                    return Err(format!(
                        "{}; it was saved before in {}",
                        cannot_write(&file, &e),
                        c.display()
                    ));
                }
            }
            return Err(cannot_write(&file, &e));
        }
        if let Some(c) = &copy {
            println!("saved {} as it was in {}", t.file.display(), c.display());
        }
    }
    println!("added the venvsh hook to {}", t.file.display());
    Ok(())
}

fn take_out(t: &Target, dry_run: bool) -> Result<(), String> {
    // A link that leads nowhere holds nothing to take out.
    let Some(file) = real(&t.file, true)? else {
        return Ok(());
    };
    let mut took_out = false;
    if let Some(text) = read(&file)?
        && !rcfile::blocks_free(&text)
    {
        let new = rcfile::without_block(&text).map_err(|why| {
            format!(
                "cannot change {}: {why}; it is left as it was (fix it by hand)",
                t.file.display()
            )
        })?;
        took_out = true;
        if std::fs::metadata(&file).is_ok_and(|m| m.permissions().readonly()) {
            return Err(format!(
                "cannot change {}: it is read-only; it is left as it was",
                t.file.display()
            ));
        }
        if dry_run {
            println!("would take the venvsh lines out of {}", t.file.display());
        } else if new.is_empty() && backups(&file).is_empty() {
            // Made by `init`, with nothing else in it: as if it had never been. A file
            // that was there before (empty, even) has a backup and stays.
            std::fs::remove_file(&file).map_err(|e| cannot_write(&file, &e))?;
            println!("removed {} (venvsh had made it)", t.file.display());
        } else {
            crate::files::write_atomic(&file, &new, Some(&file))
                .map_err(|e| cannot_write(&file, &e))?;
            println!("removed the venvsh lines from {}", t.file.display());
        }
    }
    // The hook file init saved, once nothing sources it from here (one saved by hand
    // and sourced by a line of the user's stays).
    if let Some((p, _)) = &t.saved_hook
        && took_out
        && p.exists()
    {
        if dry_run {
            println!("would remove {}", p.display());
        } else {
            std::fs::remove_file(p).map_err(|e| cannot_write(p, &e))?;
            println!("removed {}", p.display());
        }
    }
    if dry_run {
        return Ok(());
    }
    // Backups the file is now identical to (after taking a block out of the backup too:
    // install.sh's blocks were in its backups) have nothing left to keep.
    let now = read(&file).ok().flatten();
    for b in backups(&file) {
        let same = read(&b)
            .ok()
            .flatten()
            .and_then(|old| rcfile::without_block(&old).ok())
            .is_some_and(|old| Some(old) == now);
        if same {
            let _ = std::fs::remove_file(&b);
        } else {
            println!(
                "left {}: {} as it was before venvsh init, which differs from it now",
                b.display(),
                t.file.display()
            );
        }
    }
    Ok(())
}

fn cannot_write(file: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot change {}: {}; it is left as it was",
        file.display(),
        io_reason(e)
    )
}

/// Where `init` keeps the one backup of `file`: in venvsh's data folder, not beside the
/// file (a dotfiles repository that the file links into would get it), named for the
/// file's path.
fn backup_of(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_string_lossy().into_owned();
    let hash = crate::files::fnv1a64(path_bytes(file));
    Some(
        crate::places::dir(crate::places::Kind::Data)?
            .join("backups")
            .join(format!("{name}.{hash:016x}")),
    )
}

/// The backups of this file: the one in the data folder, and those beside it that
/// earlier versions made (FILE.venvsh-backup-DATE).
fn backups(file: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = backup_of(file).into_iter().filter(|b| b.exists()).collect();
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return found;
    };
    let prefix = format!("{}.venvsh-backup-", name.to_string_lossy());
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut beside: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .map(|e| e.path())
            .collect();
        beside.sort();
        found.extend(beside);
    }
    found
}

/// A copy of the file as it was, with its mode, as its one backup (a newer one replaces
/// it); where it went.
fn backup(file: &Path, text: &[u8]) -> std::io::Result<PathBuf> {
    let to = backup_of(file).ok_or_else(|| {
        std::io::Error::other("no data folder for the backup (set HOME or XDG_DATA_HOME)")
    })?;
    crate::files::write_atomic(&to, text, Some(file))?;
    Ok(to)
}
