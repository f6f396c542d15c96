//! The judge's questions (`plan::Look`) answered from this machine: what belongs to
//! the folder (`target`), whether the active environment is gone, what the hook watches,
//! and whether a conda script may run now.

use crate::find;
use crate::judge::target::Holds;
use crate::plan::{Candidate, Gone, Look, Seen, Target};
use crate::world::World;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The decision's questions (`plan::Look`), answered from the disk.
pub struct Disk<'a> {
    pub here: &'a crate::cwd::Cwd,
    pub cfg: &'a crate::config::Config,
    pub ctx: &'a crate::managers::Ctx<'a>,
    /// What the output can hold: the shell's, or `venvsh env`'s format's.
    pub holds: &'a dyn Holds,
    /// `venvsh env --trust`: the project need not be allowed.
    pub trust_given: bool,
    /// A venv `venvsh remove` just deleted.
    pub removed: Option<&'a Path>,
    /// What the walk for `target` looked at in this folder.
    pub sight: Option<find::Sight>,
    /// A project the user denied, found by `target` (the hook passes over it in silence,
    /// `venvsh env` says so).
    pub denied: Option<PathBuf>,
    /// The request only reports (`status`): the trust store is only read.
    pub read_only: bool,
}

impl<'a> Disk<'a> {
    /// The disk's answers in `here`, for a shell or format that holds what `holds` does.
    pub fn new(
        here: &'a crate::cwd::Cwd,
        cfg: &'a crate::config::Config,
        ctx: &'a crate::managers::Ctx<'a>,
        holds: &'a dyn Holds,
    ) -> Disk<'a> {
        Disk {
            here,
            cfg,
            ctx,
            holds,
            trust_given: false,
            removed: None,
            sight: None,
            denied: None,
            read_only: false,
        }
    }

    /// For a request that only reports (`status`): the trust store is never written.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
}

impl Look for Disk<'_> {
    fn gone(&self, active: &crate::state::Active) -> Option<Gone> {
        let marker = active.marker();
        if self.removed == Some(active.venv.as_path()) {
            Some(Gone::Removed)
        } else if marker.is_file() {
            None
        } else {
            Some(Gone::Vanished(marker))
        }
    }

    fn target(&mut self) -> Target {
        let mut sight = find::Sight::new();
        let store = crate::trust::Store::open().map(|s| match self.read_only {
            true => s.read_only(),
            false => s,
        });
        let t = super::target::target_for(
            self.here,
            self.cfg,
            self.ctx,
            self.holds,
            Some(&mut sight),
            self.trust_given,
            store.as_ref(),
        );
        self.sight = Some(sight);
        if let Target::Quiet { root } = &t {
            self.denied = Some(root.clone());
        }
        t
    }

    fn by_hand(&mut self, target: Option<&OsString>, force: bool) -> Result<Candidate, String> {
        super::target::by_hand(
            target,
            &self.here.path,
            self.cfg,
            self.ctx,
            self.holds,
            force,
        )
    }

    fn may_run(&self, script: &Path, prefix: &Path) -> Result<PathBuf, String> {
        may_run(&crate::world::Disk, script, prefix)
    }

    fn keeps(&self, name: &str) -> bool {
        self.holds.keeps(name)
    }

    fn behind(&self, root: &Path, venv: &Path) -> Option<String> {
        crate::stale::hint(root, venv)
    }

    fn watch(&mut self, marker: Option<&Path>) -> Vec<(PathBuf, Seen)> {
        watch(self.here, self.cfg, self.ctx, self.sight.take(), marker)
    }
}

/// What must wake the hook at an idle prompt: a change in what the walk looked at in this
/// folder (a venv appearing, `python -m venv .venv`, a `.venv` link file, a tool's
/// environment made), or the active venv vanishing (`marker`, its `Active::marker`).
/// Without a walk this time (a pinned venv, one deactivated here), this folder alone is
/// looked at the same way.
pub fn watch(
    here: &crate::cwd::Cwd,
    cfg: &crate::config::Config,
    ctx: &crate::managers::Ctx,
    sight: Option<find::Sight>,
    marker: Option<&Path>,
) -> Vec<(PathBuf, Seen)> {
    let mut w = match sight {
        Some(sight) => sight,
        None if cfg.auto => super::target::seek(cfg, ctx, |seek| find::sight(&here.path, seek)),
        None => Vec::new(),
    };
    if let Some(c) = marker
        && !w.iter().any(|(p, _)| p == c)
    {
        w.push((c.to_path_buf(), Seen::File));
    }
    w
}

/// Whether a conda prefix's script may run in this shell now (behaviour.md §7), asked
/// at the moment it would run, whichever request runs it; and the path to run it by.
/// It must be an absolute path to a regular file, and neither it nor any folder on its
/// real path down from `/` may be owned by another user (root aside) or writable by
/// others (a root-owned sticky folder such as `/tmp` aside): so nobody else can put
/// another file there between this check and the shell reading it, by a link or by a
/// folder swapped. The shell runs that real path.
pub fn may_run(w: &dyn World, script: &Path, _prefix: &Path) -> Result<PathBuf, String> {
    use crate::show::show;
    if !script.is_absolute() {
        return Err(format!(
            "not running {}: a script's path must be absolute",
            show(script)
        ));
    }
    let real = w
        .real_path(script)
        .filter(|r| {
            w.meta(r)
                .is_some_and(|m| m.kind == crate::world::Kind::File)
        })
        .ok_or_else(|| {
            format!(
                "not running {}: it is no longer a regular file",
                show(script)
            )
        })?;
    let mut guarded: Vec<PathBuf> = real.ancestors().map(Path::to_path_buf).collect();
    guarded.reverse();
    match crate::trust::unsafe_on_the_way(w, guarded) {
        Some(why) => Err(format!("not running {}: {why}", show(script))),
        None => Ok(real),
    }
}
