//! The decision, once for every shell: from what the shell has now, what it should have,
//! as a list of `Op`s (behaviour.md §4-§6), the watch for the idle prompts included. No shell
//! syntax here, and no I/O: what the disk says comes through the `Look` trait, asked only
//! when needed, so the fast cases (foreign venv, pinned venv, deactivated here) never walk.

pub use crate::conda::{CondaSet, Name};
use crate::show::show_bytes;
use crate::state::{Active, CondaActive, State, UvEnvSet, VAR};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Set and export.
    Set(Name, OsString),
    Unset(Name),
    /// Show `(NAME) ` in front of the prompt (replacing any venvsh prefix already there).
    PromptOn(Vec<u8>),
    PromptOff,
    DefineDeactivate,
    RemoveDeactivate,
    Rehash,
    /// Shell-local, not exported: the venv whose prompt and `deactivate` this very shell
    /// has set up. A child shell starts without it, which is how it knows to adopt.
    SetUpHere(Option<PathBuf>),
    /// What the hook checks at an otherwise idle prompt: a change in any of these
    /// (a venv appearing in this folder, the active one vanishing) wakes it.
    Watch(Vec<(PathBuf, Seen)>),
    /// A stock activate script took over from venvsh without calling venvsh's
    /// `deactivate` first (csh's and fish's define their own before they call it), so
    /// what it saved to restore later holds venvsh's PATH entry and lacks the user's
    /// PYTHONHOME, and its saved prompt holds venvsh's prompt. When its
    /// `_OLD_VIRTUAL_PATH` is set, set it (when known) and `_OLD_VIRTUAL_PYTHONHOME` to
    /// what they should have been, and take venvsh's prompt out of its saved one.
    FixStockSaved {
        path: Option<OsString>,
        pythonhome: Option<OsString>,
    },
    /// Run a conda prefix's `activate.d` or `deactivate.d` script in this shell (conda's
    /// activator does): each shell runs those in its own language (`.sh`, `.fish`, …)
    /// and passes over the others (`Shell::runs`).
    Source(PathBuf),
}

pub use crate::seen::Seen;

/// What the shell has now, read from its environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub virtual_env: Option<OsString>,
    pub path: OsString,
    pub pythonhome: Option<OsString>,
    /// A stock activate script's saved PATH, where the shell exports it (fish, pwsh).
    pub stock_saved_path: Option<OsString>,
    pub uv_project_environment: Option<OsString>,
    /// direnv has an `.envrc` loaded (`DIRENV_DIR` is set).
    pub direnv: bool,
    /// `CONDA_PREFIX`: conda's own view of the active prefix, as `VIRTUAL_ENV` is a venv's.
    pub conda_prefix: Option<OsString>,
}

/// A venv ready to activate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub venv: PathBuf,
    pub bin: OsString,
    pub name: Vec<u8>,
    /// How to describe it in the "activated" line: `.venv, Python 3.12.4`.
    pub detail: String,
    /// The project it belongs to, if any.
    pub root: Option<PathBuf>,
    /// Point uv at it while active (`UV_PROJECT_ENVIRONMENT`, behaviour.md §4): the
    /// project is uv's, and uv would otherwise use another folder.
    pub for_uv: bool,
    /// A conda-style prefix (conda, pixi): activated as conda's activator does, not as a
    /// venv (no `VIRTUAL_ENV`).
    pub conda: Option<CondaSet>,
}

/// What belongs to the current folder, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Nothing,
    Venv(Candidate),
    /// Found but must not activate; `message` is said once per entry into `root`.
    Refused {
        root: PathBuf,
        message: String,
    },
    /// Denied by the user: silent.
    Quiet {
        root: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub prompt: bool,
    pub quiet: bool,
    pub auto: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prompt: true,
            quiet: false,
            auto: true,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub ops: Vec<Op>,
    /// Lines for stderr, without the `venvsh: ` prefix.
    pub say: Vec<String>,
    /// The state once the ops are applied.
    pub state: State,
    /// The `activate.d` scripts of a conda prefix activated now, every language: the
    /// shell says when none is in its own.
    pub scripts: Vec<PathBuf>,
}

impl Plan {
    /// What the hook watches at idle prompts from now on, for every request alike: before
    /// a conda prefix's activate.d scripts, so that one that stops the shell's code there
    /// (a PowerShell `throw`) leaves the watch for this folder set.
    pub fn watch(&mut self, paths: Vec<(PathBuf, Seen)>) {
        let at = self
            .ops
            .iter()
            .rposition(|op| !matches!(op, Op::Source(_)))
            .map_or(0, |i| i + 1);
        self.ops.insert(at, Op::Watch(paths));
    }

    /// The plan for a shell that can keep only what `can_hold` accepts in a variable: a
    /// watched path it cannot hold is not watched at all (behaviour.md §11), and the hook
    /// just looks again on the next `cd`.
    pub fn drop_unwritable(&mut self, can_hold: impl Fn(&[u8]) -> bool) {
        // A conda script named by a state another shell wrote: one this shell cannot
        // write is not run, and that is said.
        let before = self.ops.len();
        self.ops
            .retain(|op| !matches!(op, Op::Source(p) if !can_hold(crate::paths::path_bytes(p))));
        if self.ops.len() != before {
            self.say.push(format!(
                "{} conda script(s) not run: their paths hold what this shell cannot write",
                before - self.ops.len()
            ));
        }
        for op in &mut self.ops {
            if let Op::Watch(paths) = op
                && !paths
                    .iter()
                    .all(|(p, _)| can_hold(crate::paths::path_bytes(p)))
            {
                paths.clear();
            }
        }
    }
}

pub const SEP: u8 = if cfg!(windows) { b';' } else { b':' };

fn split_path(path: &OsStr) -> Vec<&[u8]> {
    let b = crate::paths::os_bytes(path);
    if b.is_empty() {
        Vec::new()
    } else {
        b.split(|c| *c == SEP).collect()
    }
}

fn join_path(parts: &[&[u8]]) -> OsString {
    crate::paths::os_from_bytes(&parts.join(&SEP))
}

/// PATH with `entry` first.
pub fn path_prepend(path: &OsStr, entry: &OsStr) -> OsString {
    let mut parts = split_path(path);
    parts.insert(0, crate::paths::os_bytes(entry));
    join_path(&parts)
}

/// PATH without the first occurrence of `entry`; every other entry, and its order, kept.
pub fn path_remove_first(path: &OsStr, entry: &OsStr) -> OsString {
    path_remove_nth(path, entry, 0)
}

/// Where `entry` stands in PATH's `parts`, each time. An entry is one folder, or on
/// Windows conda's run of folders for a prefix (`conda::bin`), found as that run.
fn places(parts: &[&[u8]], entry: &OsStr) -> Vec<usize> {
    let e = split_path(entry);
    if e.is_empty() || e.len() > parts.len() {
        return Vec::new();
    }
    (0..=parts.len() - e.len())
        .filter(|&i| parts[i..i + e.len()] == e[..])
        .collect()
}

/// PATH without the `n`th (from 0) occurrence of `entry`.
fn path_remove_nth(path: &OsStr, entry: &OsStr, n: usize) -> OsString {
    let mut parts = split_path(path);
    if let Some(&i) = places(&parts, entry).get(n) {
        parts.drain(i..i + split_path(entry).len());
    }
    join_path(&parts)
}

/// PATH with `entry` exactly once: where it already is (the user may have put things in
/// front since), else first.
pub fn path_once(path: &OsStr, entry: &OsStr) -> OsString {
    let mut parts = split_path(path);
    let at = places(&parts, entry);
    let Some(&first) = at.first() else {
        return path_prepend(path, entry);
    };
    let len = split_path(entry).len();
    // Later ones out, from the last, skipping any that overlap one kept.
    let mut end = usize::MAX;
    for &i in at.iter().rev() {
        if i != first && i + len <= end && i >= first + len {
            parts.drain(i..i + len);
            end = i;
        }
    }
    join_path(&parts)
}

/// The prompt name as the prompt shows it: control characters made visible the way zsh
/// shows them (`\n`, `\t`, `^[`), so a venv's `prompt` cannot send escape sequences to
/// the terminal or break the prompt over lines; C1 controls (U+0080–U+009F, CSI among
/// them) and the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
/// make a prompt read as other text, as `<U+XXXX>`, as `less` shows them. Bytes that are
/// not UTF-8 show as U+FFFD, as a UTF-8 terminal would draw them. Every other character
/// is kept.
pub fn prompt_display(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    for c in String::from_utf8_lossy(name).chars() {
        match c {
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\0'..='\x1f' => out.extend_from_slice(&[b'^', c as u8 + 0x40]),
            '\x7f' => out.extend_from_slice(b"^?"),
            '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.extend_from_slice(format!("<U+{:04X}>", c as u32).as_bytes())
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out
}

struct Builder {
    env: Env,
    st: State,
    settings: Settings,
    plan: Plan,
    vars: Vec<(Name, Option<OsString>)>,
    /// direnv loaded another venv over the active one (see `reconcile`).
    under_direnv: bool,
    /// What runs before any variable changes: a conda prefix's `deactivate.d` scripts,
    /// which expect the prefix still active.
    first: Vec<Op>,
    /// The user this shell runs as (`Inputs::uid`).
    uid: u32,
}

impl Builder {
    fn new(now: &Inputs) -> Builder {
        Builder::with(now.env, now.state, now.settings, now.uid)
    }

    fn with(env: &Env, st: &State, settings: Settings, uid: u32) -> Builder {
        Builder {
            uid,
            env: env.clone(),
            st: st.clone(),
            settings,
            plan: Plan::default(),
            vars: Vec::new(),
            under_direnv: false,
            first: Vec::new(),
        }
    }

    fn set(&mut self, name: impl Into<Name>, v: Option<OsString>) {
        let name = name.into();
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, v));
    }

    /// A variable's value as the ops so far leave it, if they change it.
    fn pending(&self, name: &str) -> Option<Option<OsString>> {
        self.vars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }

    fn say(&mut self, s: String) {
        if !self.settings.quiet {
            self.plan.say.push(s);
        }
    }

    /// The shell's own view of a venv venvsh activated no longer matches: someone
    /// unset `VIRTUAL_ENV` (treated as a deactivation by hand) or activated another venv
    /// over it (which then owns `VIRTUAL_ENV`, `PYTHONHOME` and `deactivate`).
    fn reconcile(&mut self, cwd: &Path) {
        let Some(a) = self.st.active.clone() else {
            return;
        };
        if let Some(k) = &a.conda {
            self.reconcile_conda(cwd, &a, k);
            return;
        }
        // The same venv's stock script sourced over venvsh's activation leaves
        // `VIRTUAL_ENV` as it was; what it saved (venvsh's PATH, entry and all) tells.
        let same = self.env.virtual_env.as_deref() == Some(a.venv.as_os_str());
        let stock_over_us = same
            && self
                .env
                .stock_saved_path
                .as_deref()
                .is_some_and(|s| split_path(s).contains(&crate::paths::os_bytes(&a.bin)));
        if same && !stock_over_us {
            return;
        }
        // direnv loaded another venv over ours (an `.envrc` that sets VIRTUAL_ENV): when
        // its folder is left, direnv puts back the whole environment it saw, ours with
        // it. So ours stays as it is under direnv's, not venvsh's to change meanwhile, and
        // is venvsh's again once direnv is done (behaviour.md §6).
        // (A stock activate script sourced there is not direnv's: it saved PATH.) uv is
        // no longer pointed at ours meanwhile: direnv's project is uv's to look up.
        if !same
            && self.env.virtual_env.is_some()
            && self.env.direnv
            && self.env.stock_saved_path.is_none()
        {
            self.under_direnv = true;
            if let Some(UvEnvSet { before }) = &a.uv_env
                && self.env.uv_project_environment.as_deref() == Some(a.venv.as_os_str())
            {
                self.env.uv_project_environment = before.clone();
                self.set("UV_PROJECT_ENVIRONMENT", before.clone());
            }
            return;
        }
        if let Some(ve) = &self.env.virtual_env {
            // What the stock script saved: exported (fish, pwsh; bash and zsh for the
            // hook's call), or else PATH after the entry it put in front.
            let mut front = crate::paths::os_bytes(ve).to_vec();
            front.extend_from_slice(if cfg!(windows) {
                b"\\Scripts;"
            } else {
                b"/bin:"
            });
            let saved = self.env.stock_saved_path.clone().or_else(|| {
                crate::paths::os_bytes(&self.env.path)
                    .strip_prefix(front.as_slice())
                    .map(crate::paths::os_from_bytes)
            });
            // Always: the stock script also saved venvsh's prompt, to restore later.
            let path = saved.map(|s| path_remove_first(&s, &a.bin));
            self.plan.ops.push(Op::FixStockSaved {
                path,
                pythonhome: a.pythonhome.clone(),
            });
        }
        // Over the same venv, PATH has the stock script's entry first, then venvsh's.
        self.env.path = path_remove_nth(&self.env.path, &a.bin, usize::from(stock_over_us));
        self.set("PATH", Some(self.env.path.clone()));
        self.plan.ops.push(Op::PromptOff);
        if self.env.virtual_env.is_none() {
            self.restore_saved(&a);
            self.set("VIRTUAL_ENV_PROMPT", None);
            self.plan.ops.push(Op::RemoveDeactivate);
        } else if let Some(UvEnvSet { before }) = &a.uv_env {
            // Another venv over ours owns PYTHONHOME and the prompt now, but a stock
            // script never sets UV_PROJECT_ENVIRONMENT: venvsh's own value goes.
            self.env.uv_project_environment = before.clone();
            self.set("UV_PROJECT_ENVIRONMENT", before.clone());
        }
        if self.env.virtual_env.is_none() || stock_over_us {
            // Deactivated by hand, or the stock script owns this very venv now: once it
            // is deactivated, it stays off in this folder.
            self.st.deactivated_in = Some(cwd.to_path_buf());
        }
        self.plan.ops.push(Op::SetUpHere(None));
        self.st.active = None;
    }

    /// A conda prefix venvsh activated whose `CONDA_PREFIX` is no longer its own:
    /// `conda activate` or `conda deactivate` ran over it, and conda's variables are
    /// conda's now. venvsh takes back its PATH entry, prompt and `deactivate`, and puts
    /// back the env's own variables, and stays off in this folder.
    fn reconcile_conda(&mut self, cwd: &Path, a: &Active, k: &CondaActive) {
        if self.env.conda_prefix.as_deref() == Some(a.venv.as_os_str()) {
            return;
        }
        self.env.path = path_remove_first(&self.env.path, &a.bin);
        self.set("PATH", Some(self.env.path.clone()));
        for (name, before) in &k.saved {
            if !name.starts_with("CONDA_") {
                let before = self.saved(a, before);
                self.set(name.clone(), before);
            }
        }
        let pythonhome = self.saved(a, &a.pythonhome);
        self.env.pythonhome = pythonhome.clone();
        self.set("PYTHONHOME", pythonhome);
        self.plan
            .ops
            .extend([Op::PromptOff, Op::RemoveDeactivate, Op::SetUpHere(None)]);
        self.st.deactivated_in = Some(cwd.to_path_buf());
        self.st.active = None;
    }

    /// By hand, nothing can change under direnv's venv: direnv would put back what it saw.
    fn not_under_direnv(&self) -> Result<(), String> {
        match (&self.env.virtual_env, self.under_direnv) {
            (Some(ve), true) => Err(format!(
                "{} was loaded by direnv; it goes when you leave its folder (or 'direnv deny' it)",
                crate::show::show(Path::new(ve))
            )),
            _ => Ok(()),
        }
    }

    /// What activation saved, back: `PYTHONHOME`, and `UV_PROJECT_ENVIRONMENT` where it
    /// set that.
    fn restore_saved(&mut self, a: &Active) {
        let pythonhome = self.saved(a, &a.pythonhome);
        self.env.pythonhome = pythonhome.clone();
        self.set("PYTHONHOME", pythonhome);
        if let Some(UvEnvSet { before }) = &a.uv_env {
            let before = self.saved(a, before);
            self.env.uv_project_environment = before.clone();
            self.set("UV_PROJECT_ENVIRONMENT", before);
        }
    }

    /// A value `a` saved, to put back: only in a shell of the user who activated it. A
    /// state from another user's shell (`su`, `sudo -E`), a forged one, or one from
    /// before venvsh recorded whose it is says what was there before, which may point
    /// at that user's files (a PYTHONHOME, an `LD_PRELOAD`): unset instead.
    fn saved(&self, a: &Active, v: &Option<OsString>) -> Option<OsString> {
        if a.is_of(self.uid) { v.clone() } else { None }
    }

    fn deactivate(&mut self, a: &Active) {
        self.deactivate_because(a, "");
    }

    /// `deactivate`, with `why` after the name in the line said.
    fn deactivate_because(&mut self, a: &Active, why: &str) {
        self.env.path = path_remove_first(&self.env.path, &a.bin);
        self.set("PATH", Some(self.env.path.clone()));
        if let Some(k) = &a.conda {
            // conda's order: the scripts while the prefix is still active, then its
            // variables back as they were.
            self.first.extend(k.leave.iter().cloned().map(Op::Source));
            for (name, before) in &k.saved {
                let before = self.saved(a, before);
                self.set(name.clone(), before);
            }
            self.env.conda_prefix = k
                .saved
                .iter()
                .find(|(n, _)| *n == "CONDA_PREFIX")
                .and_then(|(_, v)| self.saved(a, v));
        } else {
            self.env.virtual_env = None;
            self.set("VIRTUAL_ENV", None);
            self.set("VIRTUAL_ENV_PROMPT", None);
        }
        self.restore_saved(a);
        self.plan.ops.extend([
            Op::PromptOff,
            Op::RemoveDeactivate,
            Op::Rehash,
            Op::SetUpHere(None),
        ]);
        self.st.active = None;
        self.say(format!("deactivated {}{why}", show_bytes(&a.name)));
    }

    fn activate(&mut self, c: &Candidate, pinned: bool) {
        let pythonhome = self.env.pythonhome.take();
        if pythonhome.is_some() {
            self.set("PYTHONHOME", None);
        }
        self.env.path = path_prepend(&self.env.path, &c.bin);
        let conda = c.conda.as_ref().map(|k| {
            let mut saved = Vec::with_capacity(k.vars.len());
            for v in &k.vars {
                let before = self.pending(&v.name).unwrap_or_else(|| v.now.clone());
                saved.push((v.name.clone(), before));
                self.set(v.name.clone(), v.value.clone());
            }
            self.env.conda_prefix = Some(c.venv.clone().into_os_string());
            CondaActive {
                saved,
                leave: k.leave.clone(),
            }
        });
        if conda.is_none() {
            self.env.virtual_env = Some(c.venv.clone().into_os_string());
            self.set("VIRTUAL_ENV", Some(c.venv.clone().into_os_string()));
            self.set(
                "VIRTUAL_ENV_PROMPT",
                Some(crate::paths::os_from_bytes(&c.name)),
            );
        }
        self.set("PATH", Some(self.env.path.clone()));
        let uv_env = c.for_uv.then(|| {
            let before = self.env.uv_project_environment.take();
            self.env.uv_project_environment = Some(c.venv.clone().into_os_string());
            self.set(
                "UV_PROJECT_ENVIRONMENT",
                Some(c.venv.clone().into_os_string()),
            );
            UvEnvSet { before }
        });
        if self.settings.prompt {
            self.plan.ops.push(Op::PromptOn(prompt_display(&c.name)));
        }
        self.plan.ops.extend([
            Op::DefineDeactivate,
            Op::Rehash,
            Op::SetUpHere(Some(c.venv.clone())),
        ]);
        if let Some(k) = &c.conda {
            self.plan
                .ops
                .extend(k.enter.iter().cloned().map(Op::Source));
            self.plan.scripts.clone_from(&k.enter);
            for n in &k.notes {
                self.say(n.clone());
            }
        }
        self.st.active = Some(Active {
            venv: c.venv.clone(),
            bin: c.bin.clone(),
            name: c.name.clone(),
            pinned,
            pythonhome,
            uv_env,
            conda,
            by: Some(self.uid),
        });
        self.say(format!("activated {} ({})", show_bytes(&c.name), c.detail));
    }

    /// A shell that inherited an active venv (child shell, `exec zsh`, a re-sourced rc)
    /// gets the prompt and `deactivate` back, and the PATH entry exactly once.
    fn adopt(&mut self, a: &Active) {
        let fixed = path_once(&self.env.path, &a.bin);
        if fixed != self.env.path {
            self.env.path = fixed;
            self.set("PATH", Some(self.env.path.clone()));
        }
        // Back from under direnv's venv, which had uv look for its own.
        let ours = Some(a.venv.clone().into_os_string());
        if a.uv_env.is_some() && self.env.uv_project_environment != ours {
            self.env.uv_project_environment = ours.clone();
            self.set("UV_PROJECT_ENVIRONMENT", ours);
        }
        if self.settings.prompt {
            self.plan.ops.push(Op::PromptOn(prompt_display(&a.name)));
        }
        self.plan
            .ops
            .extend([Op::DefineDeactivate, Op::SetUpHere(Some(a.venv.clone()))]);
    }

    fn finish(mut self, before: &State) -> Plan {
        let as_op = |(n, v): (Name, Option<OsString>)| match v {
            Some(v) => Op::Set(n, v),
            None => Op::Unset(n),
        };
        let mut state = (self.st != *before).then(|| {
            if self.st.is_empty() {
                Op::Unset(VAR.into())
            } else {
                Op::Set(VAR.into(), crate::paths::os_from_bytes(&self.st.encode()))
            }
        });
        let mut ops = Vec::new();
        if !self.first.is_empty() {
            // conda's order on leaving a prefix (`_yield_commands`): PATH, then its
            // deactivate.d scripts (which may change PATH again), then the variables.
            // The state goes before the scripts too: one that stops the shell's code
            // halfway leaves the prefix left, not left again at every prompt.
            if let Some(i) = self.vars.iter().position(|(n, _)| *n == "PATH") {
                ops.push(as_op(self.vars.remove(i)));
            }
            ops.extend(state.take());
            ops.append(&mut self.first);
        }
        ops.extend(self.vars.drain(..).map(as_op));
        ops.extend(state);
        ops.append(&mut self.plan.ops);
        self.plan.ops = ops;
        self.plan.state = self.st;
        self.plan
    }
}

/// The input every request shares.
pub struct Inputs<'a> {
    pub env: &'a Env,
    /// What `VENVSH_STATE` says; an absent one is the empty state, and so is a corrupt
    /// one (the caller reports it).
    pub state: &'a State,
    pub cwd: &'a Path,
    /// The venv whose prompt and `deactivate` this shell has set up, if any.
    pub set_up_here: Option<&'a Path>,
    pub settings: Settings,
    /// The user this shell runs as: a conda prefix's scripts run only in the shells of
    /// the user who activated it.
    pub uid: u32,
}

/// How the active environment went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gone {
    /// `venvsh remove` deleted it just now: the user knows why.
    Removed,
    /// This file that marks it (`Active::marker`) is gone or out of reach.
    Vanished(PathBuf),
}

impl Gone {
    /// The end of the "deactivated NAME" line.
    fn why(&self) -> String {
        match self {
            Gone::Removed => String::new(),
            Gone::Vanished(marker) => {
                format!(": {} is gone or out of reach", crate::show::show(marker))
            }
        }
    }
}

/// What the decision asks of the world for one `cd`, and all it asks: the hook's answers
/// come from the disk (`cmd::export::Disk`), the tests' from a table. Each is asked only
/// when the decision needs it, so the fast cases (a foreign venv, a pinned one,
/// deactivated here) never touch the disk.
pub trait Look {
    /// Whether the active venv is gone, and how; None while it is there.
    fn gone(&self, active: &Active) -> Option<Gone>;
    /// What belongs to the current folder.
    fn target(&mut self) -> Target;
    /// On entering `root` with `venv` just activated: a line when its packages are behind
    /// its lock or requirements file (behaviour.md §4).
    fn behind(&self, root: &Path, venv: &Path) -> Option<String>;
    /// What the hook must watch at idle prompts from now on, `marker` being the active
    /// venv's (`Active::marker`): a change in any of them wakes it.
    fn watch(&mut self, marker: Option<&Path>) -> Vec<(PathBuf, Seen)>;
    /// What `venvsh activate [TARGET]` means here, with every check but the allow
    /// (`--force`: but the permissions too), or why not.
    fn by_hand(&mut self, target: Option<&OsString>, force: bool) -> Result<Candidate, String>;
    /// Whether the conda script `script` of the prefix `prefix` may run now, and the path
    /// to run it by; or why not.
    fn may_run(&self, script: &Path, prefix: &Path) -> Result<PathBuf, String>;
    /// Whether a conda env may not set or put back the variable `name` here
    /// (`target::Holds::keeps`).
    fn keeps(&self, name: &str) -> bool;
}

/// What the prompt hook runs on a change (behaviour.md §6): the complete list of
/// operations for this shell, the lines to say, the watch for the idle prompts after it.
/// `corrupt`: `VENVSH_STATE` could not be read (the caller said so); it is dropped.
pub fn export(now: &Inputs, look: &mut dyn Look, corrupt: bool) -> Plan {
    let (mut plan, entered) = decide(now, look);
    // A venv activated now (not the one already active): entering its project.
    let was = now.state.active.as_ref().map(|a| &a.venv);
    if let Some((root, venv)) = &entered
        && plan.state.active.as_ref().map(|a| &a.venv) != was
        && plan.state.active.as_ref().is_some_and(|a| &a.venv == venv)
        && !now.settings.quiet
        && let Some(line) = look.behind(root, venv)
    {
        plan.say.push(line);
    }
    if corrupt
        && !plan
            .ops
            .iter()
            .any(|op| matches!(op, Op::Set(n, _) if n == VAR))
    {
        plan.ops.insert(0, Op::Unset(VAR.into()));
    }
    let marker = plan.state.active.as_ref().map(Active::marker);
    plan.watch(look.watch(marker.as_deref()));
    plan
}

/// `export` without what follows the decision: the plan, and the project and venv of a
/// venv the folder named (to tell entering it).
fn decide(now: &Inputs, look: &mut dyn Look) -> (Plan, Option<(PathBuf, PathBuf)>) {
    let mut entered = None;
    let mut b = Builder::new(now);
    b.reconcile(now.cwd);
    if b.under_direnv {
        // Under direnv's venv: no prompt name or `deactivate` of ours meanwhile.
        if now.set_up_here.is_some() {
            b.plan
                .ops
                .extend([Op::PromptOff, Op::RemoveDeactivate, Op::SetUpHere(None)]);
        }
        return (b.finish(now.state), None);
    }
    if b.st.deactivated_in.as_deref() != Some(now.cwd) {
        b.st.deactivated_in = None;
    }
    if b.env.virtual_env.is_some() && b.st.active.as_ref().is_none_or(|a| a.conda.is_some()) {
        // Activated some other way (over a conda prefix of venvsh's, too): leave it
        // alone until it is deactivated.
        return (b.finish(now.state), None);
    }
    let active = b.st.active.clone();
    if let Some(a) = &active {
        if let Some(gone) = look.gone(a) {
            // Its deactivate.d scripts went with it (conda lists them when it leaves).
            let mut a = a.clone();
            if let Some(k) = &mut a.conda {
                k.leave.clear();
            }
            b.deactivate_because(&a, &gone.why());
            return (b.finish(now.state), None);
        }
        if a.pinned || !now.settings.auto {
            if now.set_up_here != Some(a.venv.as_path()) {
                b.adopt(a);
            }
            return (b.finish(now.state), None);
        }
    }
    if !now.settings.auto {
        return (b.finish(now.state), None);
    }
    let want = if b.st.deactivated_in.is_some() {
        None
    } else {
        match look.target() {
            Target::Nothing => {
                b.st.hinted_in = None;
                None
            }
            Target::Venv(c) => {
                b.st.hinted_in = None;
                entered = c.root.clone().map(|r| (r, c.venv.clone()));
                Some(c)
            }
            Target::Refused { root, message } => {
                if b.st.hinted_in.as_ref() != Some(&root) {
                    b.plan.say.push(message);
                    b.st.hinted_in = Some(root);
                }
                None
            }
            Target::Quiet { root } => {
                b.st.hinted_in = Some(root);
                None
            }
        }
    };
    match (&active, &want) {
        (Some(a), Some(c)) if a.venv == c.venv => {
            if now.set_up_here != Some(a.venv.as_path()) {
                b.adopt(a);
            }
        }
        _ => {
            if let Some(a) = &active {
                b.deactivate(a);
            }
            if let Some(c) = &want {
                b.activate(c, false);
            }
        }
    }
    (b.finish(now.state), entered)
}

/// The shell's variables as they would be without venvsh's active venv or prefix, left
/// whole as `deactivate` leaves it, whatever became of it (`venvsh env` starts there). A
/// venv some other way activated over it stays, for the caller to refuse.
pub fn without_ours(env: &Env, st: &State, uid: u32) -> Env {
    let mut b = Builder::with(env, st, Settings::default(), uid);
    if let Some(a) = &st.active {
        let over = env
            .virtual_env
            .clone()
            .filter(|v| v.as_os_str() != a.venv.as_os_str());
        b.deactivate(a);
        if over.is_some() {
            b.env.virtual_env = over;
        }
    }
    b.env
}

/// The shell ready for `venvsh activate`, whatever it would activate: not under
/// direnv's venv, nor over one activated some other way.
fn ready_to_activate(now: &Inputs) -> Result<Builder, String> {
    let mut b = Builder::new(now);
    b.reconcile(now.cwd);
    b.not_under_direnv()?;
    if let (Some(ve), None) = (&b.env.virtual_env, &b.st.active) {
        return Err(format!(
            "{} is active and was not activated by venvsh; run 'deactivate' first",
            crate::show::show(Path::new(ve))
        ));
    }
    Ok(b)
}

/// `venvsh activate`: by hand, pinned until `venvsh deactivate`. `candidate` says what
/// to activate, asked once the shell is known to be ready for it: what stops any
/// activation is said before what this one means.
pub fn activate(
    now: &Inputs,
    candidate: impl FnOnce() -> Result<Candidate, String>,
) -> Result<Plan, String> {
    let mut b = ready_to_activate(now)?;
    let c = &candidate()?;
    if let Some(a) = b.st.active.clone() {
        b.deactivate(&a);
    }
    b.st.deactivated_in = None;
    b.activate(c, true);
    Ok(b.finish(now.state))
}

/// `venvsh deactivate` / `deactivate`. `nondestructive` is what the stock activate
/// scripts call before activating another venv: it does not keep this folder off.
pub fn deactivate(now: &Inputs, nondestructive: bool) -> Result<Plan, String> {
    let mut b = Builder::new(now);
    b.reconcile(now.cwd);
    b.not_under_direnv()?;
    match (b.st.active.clone(), &b.env.virtual_env) {
        (Some(a), _) => {
            b.deactivate(&a);
            if !nondestructive {
                b.st.deactivated_in = Some(now.cwd.to_path_buf());
            }
            Ok(b.finish(now.state))
        }
        _ if nondestructive => Ok(b.finish(now.state)),
        (None, Some(ve)) => Err(format!(
            "{} was not activated by venvsh; use the 'deactivate' that came with it",
            crate::show::show(Path::new(ve))
        )),
        (None, None) => Err("no venv is active".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conda::CondaVar;

    fn cand(p: &str) -> Candidate {
        Candidate {
            venv: PathBuf::from(p),
            bin: OsString::from(format!("{p}/bin")),
            name: b"proj".to_vec(),
            detail: ".venv, Python 3.11.2".into(),
            for_uv: false,
            root: None,
            conda: None,
        }
    }

    fn env(path: &str) -> Env {
        Env {
            stock_saved_path: None,
            virtual_env: None,
            path: path.into(),
            pythonhome: None,
            uv_project_environment: None,
            direnv: false,
            conda_prefix: None,
        }
    }

    fn get<'a>(plan: &'a Plan, name: &str) -> Option<Option<&'a OsStr>> {
        plan.ops.iter().find_map(|op| match op {
            Op::Set(n, v) if *n == name => Some(Some(v.as_os_str())),
            Op::Unset(n) if *n == name => Some(None),
            _ => None,
        })
    }

    /// Applies a plan's variable ops to an Env and State, as a shell would.
    fn apply(e: &mut Env, st: &mut State, plan: &Plan) {
        for op in &plan.ops {
            let (name, v) = match op {
                Op::Set(n, v) => (&**n, Some(v.clone())),
                Op::Unset(n) => (&**n, None),
                _ => continue,
            };
            match name {
                "PATH" => e.path = v.unwrap_or_default(),
                "VIRTUAL_ENV" => e.virtual_env = v,
                "PYTHONHOME" => e.pythonhome = v,
                "UV_PROJECT_ENVIRONMENT" => e.uv_project_environment = v,
                VAR => {
                    *st = v.map_or_else(State::default, |v| {
                        State::decode(crate::paths::os_bytes(&v)).unwrap()
                    })
                }
                _ => {}
            }
        }
    }

    /// The decision's questions answered from a table: what `target` finds, what `gone`
    /// says; nothing is behind, nothing watched.
    struct Table {
        target: Option<Target>,
        gone: Option<Gone>,
    }

    impl Look for Table {
        fn gone(&self, _active: &Active) -> Option<Gone> {
            self.gone.clone()
        }
        fn target(&mut self) -> Target {
            self.target
                .clone()
                .expect("the decision needed no target here")
        }
        fn behind(&self, _root: &Path, _venv: &Path) -> Option<String> {
            None
        }
        fn watch(&mut self, _marker: Option<&Path>) -> Vec<(PathBuf, Seen)> {
            Vec::new()
        }
        fn by_hand(&mut self, _t: Option<&OsString>, _f: bool) -> Result<Candidate, String> {
            Err("no by hand here".into())
        }
        fn may_run(&self, script: &Path, _prefix: &Path) -> Result<PathBuf, String> {
            Ok(script.to_path_buf())
        }
        fn keeps(&self, _name: &str) -> bool {
            false
        }
    }

    /// `export` with the table's answers, without the (empty) watch at its end.
    fn export_with(now: &Inputs, target: Option<Target>, gone: Option<Gone>) -> Plan {
        let mut plan = export(now, &mut Table { target, gone }, false);
        let at = plan.ops.iter().position(|op| matches!(op, Op::Watch(_)));
        assert_eq!(at.map(|i| plan.ops.remove(i)), Some(Op::Watch(Vec::new())));
        plan
    }

    fn run(e: &mut Env, st: &mut State, cwd: &str, set_up: Option<&Path>, t: Target) -> Plan {
        let before = st.clone();
        let now = Inputs {
            env: &e.clone(),
            state: &before,
            cwd: Path::new(cwd),
            set_up_here: set_up,
            settings: Settings::default(),
            uid: 1000,
        };
        let plan = export_with(&now, Some(t), None);
        apply(e, st, &plan);
        plan
    }

    #[test]
    fn prompt_display_shows_control_characters() {
        assert_eq!(
            prompt_display(b"a\nb\tc\x1bd\x7f\xff$(x)"),
            "a\\nb\\tc^[d^?\u{fffd}$(x)".as_bytes().to_vec()
        );
        assert_eq!(
            prompt_display("a\u{9b}31mb\u{85}\u{202e}c\u{2069}\u{a0}é".as_bytes()),
            "a<U+009B>31mb<U+0085><U+202E>c<U+2069>\u{a0}é"
                .as_bytes()
                .to_vec()
        );
    }

    #[test]
    fn the_same_venvs_stock_script_over_venvsh_takes_over_and_keeps_it_off_here() {
        let (mut e, mut st) = (env("/u/x:/usr/bin"), State::default());
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert_eq!(e.path, "/p/.venv/bin:/u/x:/usr/bin");
        // `source .venv/bin/activate`, the user having put /u/y in front meanwhile.
        e.stock_saved_path = Some("/u/y:/p/.venv/bin:/u/x:/usr/bin".into());
        e.path = "/p/.venv/bin:/u/y:/p/.venv/bin:/u/x:/usr/bin".into();
        let plan = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert!(plan.ops.contains(&Op::FixStockSaved {
            path: Some("/u/y:/u/x:/usr/bin".into()),
            pythonhome: None,
        }));
        assert!(plan.ops.contains(&Op::PromptOff));
        assert_eq!(e.path, "/p/.venv/bin:/u/y:/u/x:/usr/bin");
        assert_eq!(st.active, None);
        // Its `deactivate`: the venv does not come back in this folder.
        e.virtual_env = None;
        e.stock_saved_path = None;
        e.path = "/u/y:/u/x:/usr/bin".into();
        let plan = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert_eq!(get(&plan, "VIRTUAL_ENV"), None, "{plan:?}");
        // A stale saved PATH without venvsh's entry is no takeover.
        let (mut e, mut st) = (env("/usr/bin"), State::default());
        run(&mut e, &mut st, "/q", None, Target::Venv(cand("/q/.venv")));
        e.stock_saved_path = Some("/usr/bin".into());
        let plan = run(&mut e, &mut st, "/q", None, Target::Venv(cand("/q/.venv")));
        assert!(st.active.is_some(), "{plan:?}");
    }

    /// A conda prefix over conda's base: its variables set with what they were saved, its
    /// scripts run after the variables on entry and before they go back on leaving, and
    /// then another project's venv: base's variables exactly as they were.
    #[test]
    fn conda_prefix_over_base_goes_back_exactly() {
        let mut e = env("/opt/conda/bin:/bin");
        e.conda_prefix = Some("/opt/conda".into());
        let mut st = State::default();
        let var = |name: &'static str, value: Option<&str>, now: Option<&str>| CondaVar {
            name: name.into(),
            own: false,
            value: value.map(OsString::from),
            now: now.map(OsString::from),
        };
        let mut c = cand("/p/.pixi/envs/default");
        c.conda = Some(CondaSet {
            notes: vec!["a note".into()],
            vars: vec![
                var(
                    "CONDA_PREFIX",
                    Some("/p/.pixi/envs/default"),
                    Some("/opt/conda"),
                ),
                var("CONDA_DEFAULT_ENV", Some("p"), Some("base")),
                var("MY_VAR", Some("1"), None),
            ],
            enter: vec![PathBuf::from(
                "/p/.pixi/envs/default/etc/conda/activate.d/a.sh",
            )],
            leave: vec![PathBuf::from(
                "/p/.pixi/envs/default/etc/conda/deactivate.d/z.sh",
            )],
        });
        let p = run(&mut e, &mut st, "/p", None, Target::Venv(c));
        assert_eq!(get(&p, "VIRTUAL_ENV"), None, "conda sets no VIRTUAL_ENV");
        assert_eq!(get(&p, "MY_VAR"), Some(Some(OsStr::new("1"))));
        assert_eq!(
            p.ops.last(),
            Some(&Op::Source(
                "/p/.pixi/envs/default/etc/conda/activate.d/a.sh".into()
            ))
        );
        assert_eq!(p.say, ["a note", "activated proj (.venv, Python 3.11.2)"]);
        assert_eq!(e.path, "/p/.pixi/envs/default/bin:/opt/conda/bin:/bin");
        e.conda_prefix = Some("/p/.pixi/envs/default".into());
        // The state a child shell reads says it all.
        let again = State::decode(&st.encode()).unwrap();
        assert_eq!(again, st);
        let p = run(&mut e, &mut st, "/q", None, Target::Venv(cand("/q/.venv")));
        // conda's order: PATH, then the script, then the variables (the state with PATH).
        assert!(matches!(&p.ops[0], Op::Set(n, _) if n == "PATH"), "{p:?}");
        assert!(matches!(&p.ops[1], Op::Set(n, _) if n == VAR), "{p:?}");
        assert_eq!(
            p.ops[2],
            Op::Source("/p/.pixi/envs/default/etc/conda/deactivate.d/z.sh".into()),
            "{p:?}"
        );
        assert_eq!(
            get(&p, "CONDA_PREFIX"),
            Some(Some(OsStr::new("/opt/conda")))
        );
        assert_eq!(get(&p, "CONDA_DEFAULT_ENV"), Some(Some(OsStr::new("base"))));
        assert_eq!(get(&p, "MY_VAR"), Some(None));
        assert_eq!(e.path, "/q/.venv/bin:/opt/conda/bin:/bin");
        // `conda activate` over a prefix of venvsh's: conda's variables are conda's.
        let mut e = env("/p/.pixi/envs/default/bin:/bin");
        let mut st2 = State::default();
        let mut c = cand("/p/.pixi/envs/default");
        c.conda = Some(CondaSet {
            vars: vec![var("CONDA_PREFIX", Some("/p/.pixi/envs/default"), None)],
            ..CondaSet::default()
        });
        e.path = "/bin".into();
        run(&mut e, &mut st2, "/p", None, Target::Venv(c.clone()));
        e.conda_prefix = Some("/other".into());
        let p = run(&mut e, &mut st2, "/p", None, Target::Venv(c));
        assert_eq!(get(&p, "CONDA_PREFIX"), None, "{p:?}");
        assert_eq!(e.path, "/bin");
        assert!(st2.active.is_none() && st2.deactivated_in.is_some());
    }

    /// A script a state names that this shell cannot write is not run, and that is said.
    #[test]
    fn drop_unwritable_drops_a_script_the_shell_cannot_write() {
        let mut plan = Plan {
            ops: vec![
                Op::Source("/p/a\nb.csh".into()),
                Op::Source("/p/c.csh".into()),
            ],
            ..Plan::default()
        };
        plan.drop_unwritable(|b| !b.contains(&b'\n'));
        assert_eq!(plan.ops, [Op::Source("/p/c.csh".into())]);
        assert_eq!(plan.say.len(), 1);
    }

    #[test]
    fn path_helpers() {
        assert_eq!(path_prepend("".as_ref(), "/v/bin".as_ref()), "/v/bin");
        assert_eq!(
            path_remove_first("/a:/v/bin:/b:/v/bin".as_ref(), "/v/bin".as_ref()),
            "/a:/b:/v/bin"
        );
        assert_eq!(
            path_once("/a:/v/bin:/b:/v/bin".as_ref(), "/v/bin".as_ref()),
            "/a:/v/bin:/b"
        );
        assert_eq!(path_once("/a".as_ref(), "/v/bin".as_ref()), "/v/bin:/a");
        // A run of entries (conda's on Windows) is taken out and kept once as a run.
        let s = |v: &[&str]| OsString::from(v.join(&(SEP as char).to_string()));
        let run = s(&["/p", "/p/bin"]);
        assert_eq!(
            path_remove_first(&s(&["/x", "/p", "/p/bin", "/p", "/y"]), &run),
            s(&["/x", "/p", "/y"])
        );
        assert_eq!(
            path_once(&s(&["/p", "/p/bin", "/a", "/p", "/p/bin", "/p"]), &run),
            s(&["/p", "/p/bin", "/a", "/p"])
        );
        assert_eq!(
            path_once(&s(&["/a", "/p/bin"]), &run),
            s(&["/p", "/p/bin", "/a", "/p/bin"])
        );
        // Empty entries (meaning "."), are the user's and stay.
        assert_eq!(
            path_remove_first("/v/bin::/a:".as_ref(), "/v/bin".as_ref()),
            ":/a:"
        );
    }

    #[test]
    fn enter_move_leave_keeps_user_edits() {
        let mut e = env("/usr/bin:/bin");
        let mut st = State::default();
        let p = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert_eq!(e.path, "/p/.venv/bin:/usr/bin:/bin");
        assert_eq!(e.virtual_env.as_deref(), Some(OsStr::new("/p/.venv")));
        assert!(p.ops.contains(&Op::PromptOn(b"proj".to_vec())));
        assert_eq!(p.say, vec!["activated proj (.venv, Python 3.11.2)"]);
        let set_up = PathBuf::from("/p/.venv");
        let p = run(
            &mut e,
            &mut st,
            "/p/sub",
            Some(&set_up),
            Target::Venv(cand("/p/.venv")),
        );
        assert!(p.ops.is_empty(), "{p:?}");
        e.path = OsString::from(format!("/mine:{}:/late", e.path.to_str().unwrap()));
        run(&mut e, &mut st, "/", Some(&set_up), Target::Nothing);
        assert_eq!(e.path, "/mine:/usr/bin:/bin:/late");
        assert_eq!(e.virtual_env, None);
        assert!(st.is_empty());
    }

    #[test]
    fn switch_in_one_step_and_pythonhome_restored() {
        for home in [None, Some(OsString::new()), Some(OsString::from("/ph"))] {
            let mut e = env("/bin");
            e.pythonhome = home.clone();
            let mut st = State::default();
            run(&mut e, &mut st, "/a", None, Target::Venv(cand("/a/.venv")));
            assert_eq!(e.pythonhome, None);
            let set_up = PathBuf::from("/a/.venv");
            run(
                &mut e,
                &mut st,
                "/b",
                Some(&set_up),
                Target::Venv(cand("/b/.venv")),
            );
            assert_eq!(e.path, "/b/.venv/bin:/bin");
            assert_eq!(e.pythonhome, None);
            let set_up = PathBuf::from("/b/.venv");
            run(&mut e, &mut st, "/", Some(&set_up), Target::Nothing);
            assert_eq!(e.pythonhome, home);
            assert_eq!(e.path, "/bin");
        }
    }

    /// behaviour.md §4: a venv for a uv project that is not the one uv would use points
    /// uv at it while active; what the variable was comes back on leaving, on a switch,
    /// and on a deactivation by hand.
    #[test]
    fn uv_project_environment_set_while_active_and_restored() {
        let uv = |p: &str| Candidate {
            for_uv: true,
            ..cand(p)
        };
        for before in [None, Some(OsString::new()), Some(OsString::from("rel/env"))] {
            let mut e = env("/bin");
            e.uv_project_environment = before.clone();
            let mut st = State::default();
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            assert_eq!(
                e.uv_project_environment.as_deref(),
                Some(OsStr::new("/store/a"))
            );
            // Switching to a project that needs no pointing restores it first.
            let set_up = PathBuf::from("/store/a");
            run(
                &mut e,
                &mut st,
                "/b",
                Some(&set_up),
                Target::Venv(cand("/b/.venv")),
            );
            assert_eq!(e.uv_project_environment, before);
            let set_up = PathBuf::from("/b/.venv");
            run(
                &mut e,
                &mut st,
                "/a",
                Some(&set_up),
                Target::Venv(uv("/store/a")),
            );
            let set_up = PathBuf::from("/store/a");
            run(&mut e, &mut st, "/", Some(&set_up), Target::Nothing);
            assert_eq!(e.uv_project_environment, before);
            assert_eq!(e.path, "/bin");
            // Another venv activated over it (a stock script): venvsh's value goes too.
            run(&mut e, &mut st, "/", None, Target::Nothing);
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            e.virtual_env = Some("/other".into());
            e.stock_saved_path = Some(e.path.clone());
            let set_up = PathBuf::from("/store/a");
            run(
                &mut e,
                &mut st,
                "/a",
                Some(&set_up),
                Target::Venv(uv("/store/a")),
            );
            assert_eq!(e.uv_project_environment, before);
            e.virtual_env = None;
            e.stock_saved_path = None;
            e.path = "/bin".into();
            st = State::default();
            // Under a venv direnv loaded, uv looks for its own; back, it is pointed again.
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            let saved_path = e.path.clone();
            e.virtual_env = Some("/d/.venv".into());
            e.direnv = true;
            run(
                &mut e,
                &mut st,
                "/d",
                Some(&set_up),
                Target::Venv(cand("/d/.venv")),
            );
            assert_eq!(e.uv_project_environment, before);
            assert_eq!(e.path, saved_path, "PATH is direnv's to put back");
            e.virtual_env = Some("/store/a".into());
            e.direnv = false;
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            assert_eq!(
                e.uv_project_environment.as_deref(),
                Some(OsStr::new("/store/a"))
            );
            run(&mut e, &mut st, "/", Some(&set_up), Target::Nothing);
            assert_eq!(e.uv_project_environment, before);
            // Deactivated by hand (VIRTUAL_ENV unset): restored as well.
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            e.virtual_env = None;
            run(&mut e, &mut st, "/a", None, Target::Venv(uv("/store/a")));
            assert_eq!(e.uv_project_environment, before);
        }
    }

    #[test]
    fn foreign_venv_left_alone() {
        let mut e = env("/f/bin:/bin");
        e.virtual_env = Some("/f".into());
        let mut st = State::default();
        let p = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert!(p.ops.is_empty());
        assert_eq!(e.path, "/f/bin:/bin");
    }

    #[test]
    fn deactivate_stays_off_until_folder_changes() {
        let mut e = env("/bin");
        let mut st = State::default();
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        let now = Inputs {
            env: &e.clone(),
            state: &st.clone(),
            cwd: Path::new("/p"),
            set_up_here: None,
            settings: Settings::default(),
            uid: 1000,
        };
        let plan = deactivate(&now, false).unwrap();
        apply(&mut e, &mut st, &plan);
        assert_eq!(e.path, "/bin");
        assert_eq!(st.deactivated_in.as_deref(), Some(Path::new("/p")));
        let p = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert!(p.ops.is_empty());
        run(
            &mut e,
            &mut st,
            "/p/sub",
            None,
            Target::Venv(cand("/p/.venv")),
        );
        assert_eq!(e.virtual_env.as_deref(), Some(OsStr::new("/p/.venv")));
    }

    #[test]
    fn pinned_ignores_cd_and_deleted_venv_goes() {
        let mut e = env("/bin");
        let mut st = State::default();
        let now = Inputs {
            env: &e.clone(),
            state: &st.clone(),
            cwd: Path::new("/"),
            set_up_here: None,
            settings: Settings::default(),
            uid: 1000,
        };
        let plan = activate(&now, || Ok(cand("/m/.venv"))).unwrap();
        apply(&mut e, &mut st, &plan);
        let set_up = PathBuf::from("/m/.venv");
        let p = run(
            &mut e,
            &mut st,
            "/p",
            Some(&set_up),
            Target::Venv(cand("/p/.venv")),
        );
        assert!(p.ops.is_empty());
        let before = st.clone();
        let now = Inputs {
            env: &e.clone(),
            state: &before,
            cwd: Path::new("/p"),
            set_up_here: Some(&set_up),
            settings: Settings::default(),
            uid: 1000,
        };
        let plan = export_with(
            &now,
            None,
            Some(Gone::Vanished("/p/.venv/pyvenv.cfg".into())),
        );
        assert_eq!(
            plan.say,
            ["deactivated proj: /p/.venv/pyvenv.cfg is gone or out of reach"]
        );
        apply(&mut e, &mut st, &plan);
        assert_eq!(e.path, "/bin");
        assert!(st.active.is_none());
    }

    #[test]
    fn refusal_said_once_per_entry() {
        let mut e = env("/bin");
        let mut st = State::default();
        let refused = Target::Refused {
            root: "/p".into(),
            message: "not allowed".into(),
        };
        assert_eq!(
            run(&mut e, &mut st, "/p", None, refused.clone()).say.len(),
            1
        );
        assert_eq!(
            run(&mut e, &mut st, "/p/sub", None, refused.clone())
                .say
                .len(),
            0
        );
        run(&mut e, &mut st, "/", None, Target::Nothing);
        assert_eq!(run(&mut e, &mut st, "/p", None, refused).say.len(), 1);
    }

    #[test]
    fn child_shell_adopts_without_second_path_entry() {
        let mut e = env("/bin");
        let mut st = State::default();
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        let path = e.path.clone();
        let p = run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert!(p.ops.contains(&Op::DefineDeactivate));
        assert!(p.ops.contains(&Op::PromptOn(b"proj".to_vec())));
        assert_eq!(get(&p, "PATH"), None);
        assert_eq!(e.path, path);
    }

    /// `venvsh env` starts from the shell as `deactivate` would leave it: venvsh's entry
    /// out of PATH (the user's edits kept), `PYTHONHOME` back; a venv activated some
    /// other way over it stays, for `env` to refuse.
    #[test]
    fn without_ours_is_the_shell_as_deactivate_leaves_it() {
        let (mut e, mut st) = (env("/usr/bin"), State::default());
        e.pythonhome = Some("/ph".into());
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        e.path = "/u/x:/p/.venv/bin:/usr/bin".into();
        let left = without_ours(&e, &st, 1000);
        assert_eq!(left.path, "/u/x:/usr/bin");
        assert_eq!(left.virtual_env, None);
        assert_eq!(left.pythonhome, Some("/ph".into()));
        e.virtual_env = Some("/other/.venv".into());
        assert_eq!(
            without_ours(&e, &st, 1000).virtual_env,
            Some("/other/.venv".into())
        );
        assert_eq!(without_ours(&e, &State::default(), 1000), e);
        // In another user's shell what was saved is not put back.
        assert_eq!(without_ours(&e, &st, 0).pythonhome, None);
    }

    /// A state carried into another user's shell (`su`, `sudo -E`), or forged, says what
    /// was there before: leaving there unsets it instead of putting it back (a
    /// PYTHONHOME naming that user's folder would run their code in root's Python).
    #[test]
    fn leaving_in_another_users_shell_puts_nothing_back() {
        let (mut e, mut st) = (env("/usr/bin"), State::default());
        e.pythonhome = Some("/home/a/py".into());
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        assert_eq!(st.active.as_ref().unwrap().by, Some(1000));
        let now = Inputs {
            env: &e,
            state: &st,
            cwd: Path::new("/"),
            set_up_here: None,
            settings: Settings::default(),
            uid: 0,
        };
        let plan = export_with(&now, Some(Target::Nothing), None);
        assert_eq!(get(&plan, "PYTHONHOME"), Some(None), "{plan:?}");
        assert_eq!(get(&plan, "PATH"), Some(Some(OsStr::new("/usr/bin"))));
        // The same user's shell puts it back.
        let now = Inputs { uid: 1000, ..now };
        let plan = export_with(&now, Some(Target::Nothing), None);
        assert_eq!(
            get(&plan, "PYTHONHOME"),
            Some(Some(OsStr::new("/home/a/py")))
        );
    }

    #[test]
    fn unset_virtual_env_counts_as_deactivation() {
        let mut e = env("/bin");
        let mut st = State::default();
        run(&mut e, &mut st, "/p", None, Target::Venv(cand("/p/.venv")));
        e.virtual_env = None;
        let set_up = PathBuf::from("/p/.venv");
        run(
            &mut e,
            &mut st,
            "/p",
            Some(&set_up),
            Target::Venv(cand("/p/.venv")),
        );
        assert_eq!(e.path, "/bin");
        assert_eq!(e.virtual_env, None);
    }
}
