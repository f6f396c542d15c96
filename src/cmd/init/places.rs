//! What the shell modules ask to say where their startup files are (`shell::startup::Ask`),
//! answered from this machine: its folders, its files, and the shells themselves.

use crate::managers::{Ctx, Dir};
use crate::shell::Shell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Where things are: HOME, the config and data folders (by the XDG rule, on macOS too,
/// as fish and install.sh use them), and the login shell.
pub(super) struct Places {
    pub(super) home: PathBuf,
    config: PathBuf,
    data: PathBuf,
    login: Option<Shell>,
    /// The platform's rule for folders (managers::Ctx, platformdirs' own).
    ctx: Ctx<'static>,
}

impl Places {
    pub(super) fn from_env() -> Option<Places> {
        let ctx = Ctx::with_vars(|name| std::env::var_os(name));
        let login = std::env::var_os("SHELL")
            .and_then(|s| Shell::parse(&Path::new(&s).file_name()?.to_string_lossy()));
        Some(Places {
            config: ctx.xdg("XDG_CONFIG_HOME", ".config")?,
            data: ctx.xdg("XDG_DATA_HOME", ".local/share")?,
            home: ctx.home.clone()?,
            login,
            ctx,
        })
    }

    /// Whether `shell` is the login shell.
    pub(super) fn is_login(&self, shell: Shell) -> bool {
        self.login == Some(shell)
    }
}

impl crate::shell::startup::Ask for Places {
    fn home(&self) -> &Path {
        &self.home
    }
    fn config(&self) -> &Path {
        &self.config
    }
    fn data(&self) -> &Path {
        &self.data
    }
    fn app_config(&self, app: &str) -> Option<PathBuf> {
        self.ctx.user_dir(Dir::RoamingConfig, app)
    }
    fn documents(&self) -> Option<PathBuf> {
        dirs::document_dir()
    }
    fn exists(&self, p: &Path) -> bool {
        p.exists()
    }
    fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }
    fn read(&self, p: &Path) -> Option<Vec<u8>> {
        crate::bounded::read(p, crate::bounded::cap::STARTUP_FILE).ok()
    }
    fn output(&self, program: &str, args: &[&str]) -> Option<Vec<u8>> {
        std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| o.stdout)
    }
    fn login(&self) -> Option<Shell> {
        self.login
    }
}
