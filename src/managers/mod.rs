//! Environments a project's own tool keeps outside the project (behaviour.md §2): uv's
//! `UV_PROJECT_ENVIRONMENT`, PDM's `.pdm-python`, and the central folders of Poetry,
//! Pipenv and Hatch. Each is computed from files and variables the way the tool computes
//! it, without starting the tool: a few reads and `stat`s, only in a folder that marks a
//! project and has no venv of its own. One file per tool; each rule's source is named in
//! its file.

mod conda;
mod hatch;
mod pdm;
mod pipenv;
mod pixi;
mod poetry;
mod pyenv;
mod uv;

pub use pixi::workspace as pixi_workspace;
pub use uv::{project as uv_project, uv_would_miss};

use crate::seen::Seen;
use std::cell::OnceCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Uv,
    Pdm,
    Poetry,
    Pipenv,
    Hatch,
    Pyenv,
    Pixi,
    Conda,
    /// No tool: the project's own `pyproject.toml` could not be read.
    Project,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Uv => "uv",
            Tool::Pdm => "PDM",
            Tool::Poetry => "Poetry",
            Tool::Pipenv => "Pipenv",
            Tool::Hatch => "Hatch",
            Tool::Pyenv => "pyenv-virtualenv",
            Tool::Pixi => "pixi",
            Tool::Conda => "conda",
            Tool::Project => "the project",
        }
    }

    /// Whether its environments are conda prefixes (`crate::conda`), not venvs.
    pub fn conda_style(self) -> bool {
        matches!(self, Tool::Pixi | Tool::Conda)
    }

    /// The file whose presence says its environment exists.
    pub fn marker(self) -> &'static str {
        if self.conda_style() {
            crate::conda::MARKER
        } else {
            "pyvenv.cfg"
        }
    }
}

/// The files that mark a project folder, which the walk up looks for.
pub const MARKS: [&str; 7] = [
    "pyproject.toml",
    "Pipfile",
    ".pdm-python",
    ".python-version",
    "pixi.toml",
    "environment.yml",
    "environment.yaml",
];

/// Which of `MARKS` a project folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub pyproject: bool,
    pub pipfile: bool,
    /// Counted only beside a `pyproject.toml` (PDM needs one).
    pub pdm_python: bool,
    /// pyenv's `.python-version`, which may name a pyenv virtualenv.
    pub python_version: bool,
    pub pixi_toml: bool,
    /// conda's `environment.yml` or `environment.yaml`.
    pub environment_yml: bool,
}

/// Which of `MARKS` a folder holds (`has` looks one up), or None for a folder that is no
/// project: six lookups in most folders, as `.pdm-python` counts only beside a
/// `pyproject.toml`.
pub fn marks(mut has: impl FnMut(&str) -> bool) -> Option<Marks> {
    let pyproject = has(MARKS[0]);
    let pipfile = has(MARKS[1]);
    let python_version = has(MARKS[3]);
    let pixi_toml = has(MARKS[4]);
    let environment_yml = has(MARKS[5]) || has(MARKS[6]);
    (pyproject || pipfile || python_version || pixi_toml || environment_yml).then(|| Marks {
        pyproject,
        pipfile,
        pdm_python: pyproject && has(MARKS[2]),
        python_version,
        pixi_toml,
        environment_yml,
    })
}

/// The rules in the order they are tried (README "Projects managed by …"): a variable or
/// file that names the environment outright first, then the computed names.
/// pixi's and conda's come after the Python tools', and pyenv-virtualenv's last:
/// `.python-version` is read by other tools too (uv writes it), and a project's own tool
/// knows its environment best.
const RULES: [(Tool, Rule); 8] = [
    (Tool::Uv, uv::find),
    (Tool::Pdm, pdm::find),
    (Tool::Poetry, poetry::find),
    (Tool::Pipenv, pipenv::find),
    (Tool::Hatch, hatch::find),
    (Tool::Pixi, pixi::find),
    (Tool::Conda, conda::find),
    (Tool::Pyenv, pyenv::find),
];

/// A rule: None when it does not apply here; where the tool keeps (or would make) the
/// environment; or what is wrong with a file it read.
type Rule = fn(&Project, &Ctx) -> Option<Result<PathBuf, String>>;

/// The environment a tool keeps for the project in `root`, and which tool, if a rule's
/// environment exists (a rule whose does not lets the next one try, and then the walk
/// goes on upward). `marks` says which of `MARKS` `root` holds.
///
/// A `pyproject.toml` that was passed over (a FIFO, a device, a huge file) and left no
/// rule an environment makes `root` a project whose environment cannot be told: the
/// walk stops there with that one line, rather than reaching past a project it could
/// not read.
///
/// With `expect`, also where the first rule that applies says the tool keeps or will make
/// the environment, existing or not, and how its marker (`pyvenv.cfg`, conda's
/// `conda-meta/history`) looks, as that path: the hook watches it,
/// so that one made there (`poetry install`, `pipenv install`) activates at the next prompt.
pub fn find(
    root: &Path,
    marks: Marks,
    ctx: &Ctx,
    expect: bool,
) -> (Option<Found>, Option<(PathBuf, Seen)>) {
    let p = Project::new(root, marks);
    let mut found = None;
    let mut expected = None;
    for (tool, rule) in RULES {
        if found.is_some() && (!expect || expected.is_some()) {
            break;
        }
        match rule(&p, ctx) {
            None => {}
            Some(Err(e)) => {
                found.get_or_insert((tool, Err(e)));
            }
            Some(Ok(path)) => {
                let marker = path.join(tool.marker());
                let seen = Seen::lookup(&marker).unwrap_or(Seen::Absent);
                if seen == Seen::File && found.is_none() {
                    found = Some((tool, Ok(path)));
                }
                if expect && expected.is_none() {
                    expected = Some((marker, seen));
                }
            }
        }
    }
    let found = found.or_else(|| Some((Tool::Project, Err(p.passed_over()?.to_string()))));
    (found, expected)
}

/// What `find` found: the tool, and its environment or what is wrong with a file it read.
pub type Found = (Tool, Result<PathBuf, String>);

/// The platform whose folders the rules follow (a parameter, so each platform's rule is
/// tested on any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux and the BSDs: the XDG folders.
    Xdg,
    Mac,
    Windows,
}

/// A process's variables, by name.
pub type Vars<'a> = Box<dyn Fn(&str) -> Option<OsString> + 'a>;

/// What the rules may read of the process: its variables and the home folder. An input,
/// made by the command (`cmd::finding`): finding reads no variable of its own.
pub struct Ctx<'a> {
    pub var: Vars<'a>,
    pub home: Option<PathBuf>,
    pub os: Os,
}

impl<'a> Ctx<'a> {
    /// `var` for the variables, with this machine's home folder and platform.
    pub fn with_vars(var: impl Fn(&str) -> Option<OsString> + 'a) -> Ctx<'a> {
        Ctx {
            var: Box::new(var),
            home: crate::paths::home_dir(),
            os: if cfg!(windows) {
                Os::Windows
            } else if cfg!(target_os = "macos") {
                Os::Mac
            } else {
                Os::Xdg
            },
        }
    }

    /// A variable that is set and not empty.
    fn var(&self, name: &str) -> Option<OsString> {
        (self.var)(name).filter(|v| !v.is_empty())
    }

    /// `~` or `~/…` at the start of `p` as the home folder.
    fn expand_user(&self, p: &Path) -> PathBuf {
        crate::paths::expand_tilde(p, self.home.as_deref())
    }

    /// `$NAME` and `${NAME}` as the variable's value, as Python's `os.path.expandvars`
    /// does: a variable that is not set stays as written.
    fn expand_vars(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let (name, len) = match after.strip_prefix('{') {
                Some(b) => match b.find('}') {
                    Some(j) => (&b[..j], j + 2),
                    None => ("", 0),
                },
                None => {
                    let n = after
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(after.len());
                    (&after[..n], n)
                }
            };
            match (self.var)(name).filter(|_| !name.is_empty()) {
                Some(v) => out.push_str(&v.to_string_lossy()),
                None => out.push_str(&rest[i..i + 1 + len]),
            }
            rest = &after[len..];
        }
        out.push_str(rest);
        out
    }

    /// An XDG variable when it is absolute (platformdirs ignores a relative one), else
    /// `~/<default>`.
    pub(crate) fn xdg(&self, name: &str, default: &str) -> Option<PathBuf> {
        crate::places::xdg(&*self.var, name, self.home.as_deref(), default)
    }

    fn xdg_set(&self, name: &str) -> Option<PathBuf> {
        crate::places::xdg_set(&*self.var, name)
    }

    /// platformdirs' `user_cache_dir(app)`, `user_config_dir(app)` and
    /// `user_data_dir(app)` (appauthor off): where Poetry and Hatch keep their files.
    pub(crate) fn user_dir(&self, kind: Dir, app: &str) -> Option<PathBuf> {
        let home = || self.home.clone();
        let base = match (self.os, kind) {
            (Os::Xdg, Dir::Cache) => self.xdg("XDG_CACHE_HOME", ".cache"),
            (Os::Xdg, Dir::Config) => self.xdg("XDG_CONFIG_HOME", ".config"),
            (Os::Xdg, Dir::Data) => self.xdg("XDG_DATA_HOME", ".local/share"),
            // platformdirs 4.6 and later take the XDG variables on macOS too.
            (Os::Mac, Dir::Cache) => self
                .xdg_set("XDG_CACHE_HOME")
                .or_else(|| Some(home()?.join("Library/Caches"))),
            (Os::Mac, Dir::Config | Dir::RoamingConfig) => self
                .xdg_set("XDG_CONFIG_HOME")
                .or_else(|| Some(home()?.join("Library/Application Support"))),
            (Os::Mac, Dir::Data) => self
                .xdg_set("XDG_DATA_HOME")
                .or_else(|| Some(home()?.join("Library/Application Support"))),
            (Os::Xdg, Dir::RoamingConfig) => self.xdg("XDG_CONFIG_HOME", ".config"),
            (Os::Windows, Dir::RoamingConfig) => self.var("APPDATA").map(PathBuf::from),
            (Os::Windows, _) => self.var("LOCALAPPDATA").map(PathBuf::from),
        }?;
        Some(match (self.os, kind) {
            // `user_cache_dir("pypoetry")` on Windows: `…\pypoetry\Cache`.
            (Os::Windows, Dir::Cache) => base.join(app).join("Cache"),
            _ => base.join(app),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    Cache,
    Config,
    /// `user_config_dir(…, roaming=True)`: `%APPDATA%` on Windows.
    RoamingConfig,
    Data,
}

/// A project folder and its files, each read at most once.
pub struct Project<'a> {
    root: &'a Path,
    marks: Marks,
    /// None: no `pyproject.toml`; Err: why it was passed over.
    text: OnceCell<Option<Result<Vec<u8>, String>>>,
    table: OnceCell<Result<toml::Table, String>>,
    real: OnceCell<Option<PathBuf>>,
}

impl Project<'_> {
    fn new(root: &Path, marks: Marks) -> Project<'_> {
        Project {
            root,
            marks,
            text: OnceCell::new(),
            table: OnceCell::new(),
            real: OnceCell::new(),
        }
    }

    fn has_pyproject(&self) -> bool {
        self.marks.pyproject
    }

    fn has_pipfile(&self) -> bool {
        self.marks.pipfile
    }

    fn has_pdm_python(&self) -> bool {
        self.marks.pdm_python
    }

    fn has_python_version(&self) -> bool {
        self.marks.python_version
    }

    /// `pyproject.toml`'s bytes, None when there is none or it cannot be read.
    fn text(&self) -> Option<&[u8]> {
        self.read_pyproject()?.as_deref().ok()
    }

    /// Why `pyproject.toml` was passed over (a FIFO, a device, too large), if it was.
    fn passed_over(&self) -> Option<&str> {
        self.read_pyproject()?.as_ref().err().map(String::as_str)
    }

    fn read_pyproject(&self) -> Option<&Result<Vec<u8>, String>> {
        self.text
            .get_or_init(|| {
                let file = self.root.join("pyproject.toml");
                self.has_pyproject().then(|| {
                    crate::bounded::read(&file, crate::bounded::cap::PROJECT_FILE)
                        .map_err(|e| e.line(&file))
                })
            })
            .as_ref()
    }

    /// Whether `pyproject.toml` holds `[tool.NAME` (a table of that tool's): a byte
    /// search, so a project that names no tool is never parsed.
    fn mentions(&self, tool: &str) -> bool {
        let needle = format!("[tool.{tool}");
        self.text()
            .is_some_and(|t| t.windows(needle.len()).any(|w| w == needle.as_bytes()))
    }

    /// `pyproject.toml` parsed, or one line saying what is wrong with it.
    fn pyproject(&self) -> Result<&toml::Table, &str> {
        self.table
            .get_or_init(|| {
                let file = self.root.join("pyproject.toml");
                let bytes = self
                    .text()
                    .ok_or_else(|| format!("cannot read {}", crate::show::show(&file)))?;
                crate::config::parse_toml(bytes)
                    .map(|(_, t)| t)
                    .map_err(|e| format!("{}{e}", crate::show::show(&file)))
            })
            .as_ref()
            .map_err(|e| e.as_str())
    }

    /// The folder with every symlink resolved (what Poetry, Pipenv and Hatch hash).
    fn real(&self) -> Option<&Path> {
        self.real
            .get_or_init(|| {
                std::fs::canonicalize(self.root)
                    .ok()
                    .map(|p| crate::paths::without_verbatim(&p))
            })
            .as_deref()
    }
}

/// A string at `keys` in a TOML table.
fn lookup<'t>(t: &'t toml::Table, keys: &[&str]) -> Option<&'t toml::Value> {
    let (last, path) = keys.split_last()?;
    let mut t = t;
    for k in path {
        t = t.get(*k)?.as_table()?;
    }
    t.get(*last)
}

fn lookup_str<'t>(t: &'t toml::Table, keys: &[&str]) -> Option<&'t str> {
    lookup(t, keys)?.as_str()
}

/// A TOML file that may be absent: None then; the table; or one line on what is wrong.
fn read_toml(path: &Path) -> Result<Option<toml::Table>, String> {
    match crate::bounded::read_if_there(path, crate::bounded::cap::PROJECT_FILE) {
        Ok(Some(bytes)) => crate::config::parse_toml(&bytes)
            .map(|(_, t)| Some(t))
            .map_err(|e| format!("{}{e}", crate::show::show(path))),
        Ok(None) => Ok(None),
        Err(e) => Err(e.line(path)),
    }
}

/// `sha256(bytes)` in URL-safe base64, its first 8 characters: the hash in the names of
/// Poetry's, Pipenv's and Hatch's environments.
fn hash8(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut s = base64::engine::general_purpose::URL_SAFE.encode(&digest[..6]);
    s.truncate(8);
    s
}

/// A project name as Python packaging compares them (PEP 503): runs of `-`, `_` and `.`
/// as one `-`, lower case.
fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !run {
                out.push('-');
            }
            run = true;
        } else {
            out.extend(c.to_lowercase());
            run = false;
        }
    }
    out
}

/// The bytes of a path as Poetry and Pipenv hash it: its text in UTF-8. On Unix a path
/// may hold bytes that are not UTF-8; Poetry's `encode` drops them.
fn path_text(p: &Path) -> Vec<u8> {
    let b = crate::paths::path_bytes(p);
    let mut out = Vec::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        out.extend_from_slice(chunk.valid().as_bytes());
    }
    out
}

#[cfg(test)]
// A table of every rule's cases reads best as one test.
#[allow(clippy::too_many_lines)]
mod tests;
