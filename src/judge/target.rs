//! The core decisions about a folder and a venv (behaviour.md §2, §7, §11): which venv a
//! folder or a command's argument means, whether it may be activated here, and whether
//! this shell can hold it. No shell syntax; the commands and the hook ask here.

use crate::config::Config;
use crate::cwd::Cwd;
use crate::find::{self, Found};
use crate::managers::Ctx;
use crate::paths::join_clean;
use crate::plan::{Candidate, Target};
use crate::show::{show, show_bytes, tilde};
use crate::trust::{Store, Verdict};
use crate::venv::{Health, Venv};
use crate::world::{Disk, World};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How a venv is named in messages: its folder name when it sits in the project root,
/// else its path.
pub fn label(v: &Venv, root: Option<&Path>) -> String {
    match (v.path.parent(), root) {
        (Some(parent), Some(root)) if parent == root => {
            show_bytes(&crate::paths::file_name_bytes(&v.path))
        }
        _ => tilde(&v.path),
    }
}

/// `v` ready to activate for the project at `root`; `uv_project` is the folder uv takes
/// for the project there (`managers::uv_project`), where that matters.
pub fn candidate(
    v: &Venv,
    root: Option<&Path>,
    uv_project: Option<&Path>,
    cfg: &Config,
    ctx: &Ctx,
) -> Candidate {
    let mut detail = label(v, root);
    if let Some(ver) = v.version() {
        detail.push_str(", Python ");
        detail.push_str(&ver);
    }
    Candidate {
        venv: v.path.clone(),
        bin: v.bin.clone().into_os_string(),
        name: v.prompt_name(root, &cfg.venv_names),
        detail,
        for_uv: uv_project.is_some_and(|p| crate::managers::uv_would_miss(p, &v.path, ctx)),
        root: root.map(Path::to_path_buf),
        conda: None,
    }
}

pub fn find(dir: &Path, cfg: &Config, ctx: &Ctx) -> Option<Found> {
    seek(cfg, ctx, |seek| find::find(dir, seek))
}

/// What a walk needs, from the config and `ctx`.
pub fn seek<R>(cfg: &Config, ctx: &Ctx, f: impl FnOnce(&find::Seek) -> R) -> R {
    let home = || cfg.venv_home();
    f(&find::Seek {
        names: &cfg.venv_names,
        home: &home,
        ctx,
    })
}

/// What the shell that will print the decision can hold (behaviour.md §11): asked of the
/// shell module, so the decision itself knows no shell.
pub trait Holds {
    /// Whether it can keep these bytes in a variable.
    fn can_hold(&self, b: &[u8]) -> bool;
    /// What it cannot hold, for the refusal message.
    fn cannot_hold(&self) -> &'static str;
    fn name(&self) -> &'static str;
    /// What else the user can do, for the refusal message.
    fn instead(&self) -> &'static str {
        "use another shell"
    }
    /// Whether a conda env may not set the variable `name` here: this shell, another
    /// one, or venvsh's code in one keeps it (`shell::kept_by_any`), or it would run
    /// code where the activation scripts do not run.
    fn keeps(&self, _name: &str) -> bool {
        false
    }
    /// Whether this output leaves the variable `name` of a conda env out, as nothing it
    /// needs (`venvsh env --format dotenv`: the prompt strings).
    fn leaves_out(&self, _name: &str) -> bool {
        false
    }
}

/// behaviour.md §11: a venv whose path or name this shell cannot hold is refused whole, with
/// the reason; never half an activation.
pub fn shell_can_hold(c: &Candidate, shell: &dyn Holds) -> Result<(), String> {
    // No variable and no path holds a NUL, whatever the shell (a name from a manifest
    // could): refused as a shell refuses what it cannot write.
    let shell = &NoNul(shell);
    // conda's run of folders on Windows holds the separator between them.
    let entry = match c.conda {
        Some(_) => c.venv.as_os_str(),
        None => c.bin.as_os_str(),
    };
    on_path(&c.venv, entry)?;
    let bytes = |p: &Path| crate::paths::os_bytes(p.as_os_str()).to_vec();
    let conda_value = c.conda.as_ref().and_then(|k| {
        k.vars
            .iter()
            .find(|v| {
                v.value
                    .as_ref()
                    .is_some_and(|x| !shell.can_hold(crate::paths::os_bytes(x)))
            })
            .map(|v| &*v.name)
            .or_else(|| {
                k.enter
                    .iter()
                    .chain(&k.leave)
                    .any(|s| !shell.can_hold(&bytes(s)))
                    .then_some("a script's path")
            })
    });
    let what = if !shell.can_hold(crate::paths::os_bytes(c.venv.as_os_str()))
        || !shell.can_hold(crate::paths::os_bytes(&c.bin))
    {
        "its path".to_string()
    } else if !shell.can_hold(&c.name) {
        "its prompt name".to_string()
    } else if let Some(v) = conda_value {
        format!("its {v}")
    } else {
        return Ok(());
    };
    Err(format!(
        "not activating {}: {what} holds {}, which {} cannot keep safely in a variable; rename it, or {}",
        tilde(&c.venv),
        shell.cannot_hold(),
        shell.name(),
        shell.instead()
    ))
}

/// What a shell holds, less a NUL.
struct NoNul<'a>(&'a dyn Holds);

impl Holds for NoNul<'_> {
    fn can_hold(&self, b: &[u8]) -> bool {
        !b.contains(&0) && self.0.can_hold(b)
    }
    fn cannot_hold(&self) -> &'static str {
        self.0.cannot_hold()
    }
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn instead(&self) -> &'static str {
        self.0.instead()
    }
    fn keeps(&self, name: &str) -> bool {
        self.0.keeps(name)
    }
    fn leaves_out(&self, name: &str) -> bool {
        self.0.leaves_out(name)
    }
}

/// A venv whose `bin` holds PATH's separator (`:`, or `;` on Windows) cannot go on PATH:
/// it would become two entries, the second one a folder nobody chose (relative, even).
/// Refused for every shell, as `python -m venv` refuses to make one.
pub fn on_path(venv: &Path, bin: &std::ffi::OsStr) -> Result<(), String> {
    let sep = crate::plan::SEP;
    if crate::paths::os_bytes(bin).contains(&sep) {
        return Err(format!(
            "not using {}: its path holds a '{}', which PATH takes as a separator; move it to a path without one",
            tilde(venv),
            sep as char
        ));
    }
    Ok(())
}

/// What the prompt hook should activate in `cwd`: found, usable, allowed, and
/// something this shell can hold. What the walk looked at in `cwd` itself goes in `sight`.
/// `trust_given`: the caller vouches for the project (`venvsh env --trust` in a CI
/// checkout), so it need not be allowed; a venv others can write to, or one you denied,
/// is still refused.
#[allow(clippy::too_many_arguments)]
pub fn target_for(
    cwd: &Cwd,
    cfg: &Config,
    ctx: &Ctx,
    shell: &dyn Holds,
    sight: Option<&mut find::Sight>,
    trust_given: bool,
    store: Option<&Store>,
) -> Target {
    let found = seek(cfg, ctx, |seek| find::walk(&cwd.path, seek, sight));
    let Some(found) = found else {
        return Target::Nothing;
    };
    let root = found.root;
    // Found by the walk up, with no lookup more.
    let uv_project = found.project;
    let refused = |message: String| Target::Refused {
        root: root.clone(),
        message,
    };
    let path = match found.venv {
        Ok(p) => p,
        Err(msg) => return refused(msg),
    };
    let at = Judge {
        cwd,
        cfg,
        shell,
        root: &root,
        trust_given,
        w: &Disk,
        store,
    };
    if let find::Rule::Manager(tool) = found.rule
        && tool.conda_style()
    {
        return conda_target(&at, ctx, &path, tool);
    }
    let v = match Venv::open(&path) {
        Ok(v) => v,
        Err(msg) => return refused(msg),
    };
    let what = label(&v, Some(&root));
    // Its health after its trust: a venv nobody allowed gets the hint alone, and never a
    // line made of what its pyvenv.cfg says (issue 34 §3, §4).
    let ready = || match v.health() {
        Health::Broken(msg) => Err(msg),
        Health::Usable => Ok(candidate(&v, Some(&root), Some(&uv_project), cfg, ctx)),
    };
    at.judged((&v.path, &v.bin, None), what, ready)
}

/// An environment found for `root`, from `cwd`, for `shell`.
struct Judge<'a> {
    cwd: &'a Cwd,
    cfg: &'a Config,
    shell: &'a dyn Holds,
    root: &'a Path,
    trust_given: bool,
    /// What the trust and the permission checks ask of the machine.
    w: &'a dyn World,
    store: Option<&'a Store>,
}

impl Judge<'_> {
    /// What the trust says of the environment `env` (its PATH entry `bin`; what else an
    /// allow must cover, `also`), as a target:
    /// `ready` makes the candidate once it is allowed, or says why not; `what` names it
    /// in the hint.
    fn judged(
        &self,
        (env, bin, also): (&Path, &Path, Option<&dyn Fn() -> String>),
        what: String,
        ready: impl FnOnce() -> Result<Candidate, String>,
    ) -> Target {
        let root = self.root;
        let refused = |message: String| Target::Refused {
            root: root.to_path_buf(),
            message,
        };
        let key = |p: &Path| crate::trust::key_near(self.w, p, self.cwd);
        let verdict = crate::trust::judge(
            self.w,
            &crate::trust::Ask {
                cfg: self.cfg,
                store: self.store,
                root: Some(root),
                venv: env,
                bin,
                key: &key,
                trust_given: self.trust_given,
                also,
            },
        );
        match verdict {
            Verdict::Allowed(_) => {
                match ready().and_then(|c| shell_can_hold(&c, self.shell).map(|()| c)) {
                    Ok(c) => Target::Venv(c),
                    Err(message) => refused(message),
                }
            }
            Verdict::Denied => Target::Quiet {
                root: root.to_path_buf(),
            },
            Verdict::NotAllowed => refused(format!(
                "{what} found in {} but not allowed — run 'venvsh allow' to activate it here",
                show_bytes(&crate::paths::file_name_bytes(root)),
            )),
            Verdict::Unsafe(why) => refused(format!("not activating {}: {why}", tilde(env))),
            Verdict::Changed(why) => {
                refused(format!("{why} — run 'venvsh allow' to activate it here"))
            }
        }
    }
}

/// `target_for` for a conda prefix (pixi's, or the one an `environment.yml` names): the
/// same checks, and the activation conda's activator would do (`crate::conda`).
fn conda_target(at: &Judge, ctx: &Ctx, prefix: &Path, tool: crate::managers::Tool) -> Target {
    let root = at.root;
    let what = format!("{} env {}", tool.name(), conda_label(prefix, Some(root)));
    // Its health after its trust, as a venv's.
    let ready = || {
        if let Some(message) = crate::conda::broken(at.w, prefix) {
            return Err(message);
        }
        let c = conda_candidate(prefix, Some(root), tool, ctx, at.shell);
        // A script larger than venvsh reads cannot be covered by an allow's digest whole:
        // refused rather than run unseen.
        let cap = crate::bounded::cap::PROJECT_FILE;
        if let Some(big) = c.conda.iter().flat_map(|k| &k.enter).find(|s| {
            at.w.meta(s)
                .is_some_and(|m| m.kind == crate::world::Kind::File && m.size > cap)
        }) {
            return Err(format!(
                "not activating {}: {} is larger than the {} MiB venvsh reads of a script",
                tilde(prefix),
                crate::show::show(big),
                cap >> 20
            ));
        }
        match crate::trust::unsafe_among(at.w, tool_files(&c, tool)) {
            Some(why) => Err(format!("not activating {}: {why}", tilde(prefix))),
            None => Ok(c),
        }
    };
    // An allow of a pixi workspace covers its [activation] too (issue 34 §2), worked out
    // only when there is an allow to compare it with.
    let digest = || crate::managers::pixi_workspace(root).activation_digest();
    let also = (tool == crate::managers::Tool::Pixi).then_some(&digest as &dyn Fn() -> String);
    let bin = crate::conda::bin(at.w, prefix);
    at.judged((prefix, &bin, also), what, ready)
}

/// The files besides the prefix's own that say what activating `c` runs or sets, and
/// so are checked as the prefix is (owner, write permission): pixi's manifest, and the
/// scripts its `[activation]` table names, with their folders, wherever they are (in the
/// project, or inside the prefix, where the prefix's own check does not look).
fn tool_files(c: &Candidate, tool: crate::managers::Tool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let (crate::managers::Tool::Pixi, Some(root)) = (tool, &c.root) {
        files.extend(["pixi.toml", "pyproject.toml"].map(|m| root.join(m)));
        for s in c.conda.iter().flat_map(|k| &k.enter) {
            files.push(s.clone());
            files.extend(s.parent().map(Path::to_path_buf));
        }
    }
    files
}

/// What `venvsh activate [TARGET]` activates: the venv or conda prefix the argument
/// means (`resolve_conda`, `resolve`), with every check the hook makes but the allow
/// (you asked for it): not broken, safe permissions for it and for what its tool runs
/// (not with `force`), and something `shell` can hold.
pub fn by_hand(
    target: Option<&OsString>,
    cwd: &Path,
    cfg: &Config,
    ctx: &Ctx,
    shell: &dyn Holds,
    force: bool,
) -> Result<Candidate, String> {
    let (c, broken, files) = match resolve_conda(target, cwd, cfg, ctx) {
        Some((prefix, root, tool)) => {
            let c = conda_candidate(&prefix, root.as_deref(), tool, ctx, shell);
            let files = tool_files(&c, tool);
            (c, crate::conda::broken(&crate::world::Disk, &prefix), files)
        }
        None => {
            let (v, root) = resolve(target, cwd, cfg, ctx, "venvsh activate PATH|NAME")?;
            let uv_project = root.as_deref().map(|r| crate::managers::uv_project(cwd, r));
            let broken = match v.health() {
                Health::Broken(msg) => Some(msg),
                Health::Usable => None,
            };
            let c = candidate(&v, root.as_deref(), uv_project.as_deref(), cfg, ctx);
            (c, broken, Vec::new())
        }
    };
    if let Some(msg) = broken {
        return Err(msg);
    }
    if !force
        && let Some(why) = crate::trust::unsafe_reason(&Disk, &c.venv, Path::new(&c.bin))
            .or_else(|| crate::trust::unsafe_among(&Disk, files))
    {
        return Err(format!(
            "not activating {}: {why} (or use --force)",
            tilde(&c.venv)
        ));
    }
    shell_can_hold(&c, shell)?;
    Ok(c)
}

/// A conda prefix as it is named in messages: from its project root when inside it.
fn conda_label(prefix: &Path, root: Option<&Path>) -> String {
    match root.and_then(|r| prefix.strip_prefix(r).ok()) {
        Some(rel) => show(rel),
        None => tilde(prefix),
    }
}

/// A conda prefix ready to activate: what conda's activator would set and run
/// (`crate::conda`), for the project at `root` whose `tool` keeps it (pixi adds its
/// workspace's variables).
pub fn conda_candidate(
    prefix: &Path,
    root: Option<&Path>,
    tool: crate::managers::Tool,
    ctx: &Ctx,
    shell: &dyn Holds,
) -> Candidate {
    use crate::conda::{self, Maker};
    let (name, maker, extra) = match (tool, root) {
        (crate::managers::Tool::Pixi, Some(root)) => {
            let ws = crate::managers::pixi_workspace(root);
            let maker = Maker::Pixi {
                root: root.to_path_buf(),
                name: ws.name.clone(),
                manifest: ws.manifest,
                scripts: ws.scripts,
            };
            (ws.name, maker, ws.env)
        }
        _ => {
            let name = conda::default_env(&Disk, prefix, &Maker::Conda);
            let name = match Path::new(&name).file_name() {
                Some(n) if name != "base" => n.to_string_lossy().into_owned(),
                _ => name,
            };
            (name, Maker::Conda, Vec::new())
        }
    };
    let mut set = conda::activation(&Disk, prefix, &name, &maker, &extra, &*ctx.var);
    // What a shell keeps for itself, or venvsh's code in one, is never the env's to set
    // (issue 34 §1: `__venvsh_bin` set by a prefix ran its program at every `cd`).
    set.vars.retain(|v| {
        if shell.leaves_out(&v.name) {
            return false;
        }
        let kept = v.own && shell.keeps(&v.name);
        if kept {
            set.notes.push(format!(
                "{}: not setting the variable '{}': a shell or venvsh's code in it keeps that name",
                crate::show::show(prefix),
                v.name.escape_debug()
            ));
        }
        !kept
    });
    Candidate {
        venv: prefix.to_path_buf(),
        bin: conda::bin(&Disk, prefix).into_os_string(),
        name: name.into_bytes(),
        detail: format!("{} env {}", tool.name(), conda_label(prefix, root)),
        root: root.map(Path::to_path_buf),
        for_uv: false,
        conda: Some(set),
    }
}

/// The conda prefix a command's argument means, when it means one: a prefix folder, or
/// the pixi or conda environment of the project the folder (none given: the current one)
/// is in. With its project root
/// and the tool that keeps it.
pub fn resolve_conda(
    target: Option<&OsString>,
    cwd: &Path,
    cfg: &Config,
    ctx: &Ctx,
) -> Option<(PathBuf, Option<PathBuf>, crate::managers::Tool)> {
    let dir = match target {
        Some(t) => join_clean(cwd, Path::new(t)),
        None => cwd.to_path_buf(),
    };
    if dir.join("pyvenv.cfg").exists() {
        return None;
    }
    if crate::conda::is_prefix(&dir) {
        return Some((dir, None, crate::managers::Tool::Conda));
    }
    let found = find(&dir, cfg, ctx)?;
    match (found.rule, found.venv) {
        (find::Rule::Manager(tool), Ok(p)) if tool.conda_style() => {
            Some((p, Some(found.root), tool))
        }
        _ => None,
    }
}

/// The venv a command's argument means (a venv folder, a project folder, or a name in
/// the venv home; none: the current project's), and its project root if it has one.
/// `name_one` is how that command names a venv, for the message when there is none here
/// (`venvsh activate PATH`).
pub fn resolve(
    target: Option<&OsString>,
    cwd: &Path,
    cfg: &Config,
    ctx: &Ctx,
    name_one: &str,
) -> Result<(Venv, Option<PathBuf>), String> {
    let (path, root) = match target {
        None => {
            let found = find(cwd, cfg, ctx).ok_or_else(|| {
                format!(
                    "no venv in {} or above; create one with 'venvsh create' or name one: {name_one}",
                    tilde(cwd)
                )
            })?;
            (found.venv?, Some(found.root))
        }
        Some(t) => {
            let p = Path::new(t);
            let abs = if p.is_absolute() {
                p.to_path_buf()
            } else {
                join_clean(cwd, p)
            };
            let text = t.to_string_lossy();
            if abs.join("pyvenv.cfg").is_file() {
                (abs, None)
            } else if abs.is_dir() {
                let found = find(&abs, cfg, ctx).ok_or_else(|| {
                    format!(
                        "{} holds no venv (no pyvenv.cfg in it or a project above it)",
                        show(&abs)
                    )
                })?;
                (found.venv?, Some(found.root))
            } else if !text.contains(['/', std::path::MAIN_SEPARATOR]) && !abs.exists() {
                let home = cfg
                    .venv_home()
                    .ok_or("no venv home is known (set venv_home in the config)")?;
                let v = home.join(p);
                if !home.is_dir() {
                    return Err(format!(
                        "no venv named '{text}': the venv home {} does not exist",
                        tilde(&home)
                    ));
                }
                if !v.join("pyvenv.cfg").is_file() {
                    return Err(format!("no venv named '{text}' in {}", tilde(&home)));
                }
                (v, None)
            } else {
                return Err(format!("{} is not a venv (no pyvenv.cfg)", show(&abs)));
            }
        }
    };
    Ok((Venv::open(&path)?, root))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A shell that holds anything but a NUL.
    struct Any;

    impl Holds for Any {
        fn can_hold(&self, _b: &[u8]) -> bool {
            true
        }
        fn cannot_hold(&self) -> &'static str {
            "nothing"
        }
        fn name(&self) -> &'static str {
            "any"
        }
    }

    /// `venvsh activate` by hand checks what pixi's `[activation]` table runs, inside the
    /// prefix too, as the hook does; `--force` passes over the permissions only.
    #[cfg(unix)]
    #[test]
    fn by_hand_checks_what_pixi_runs() {
        use std::os::unix::fs::PermissionsExt;
        let t = crate::venv::tests::tmp("by-hand-pixi");
        let prefix = t.join(".pixi/envs/default");
        fs::create_dir_all(prefix.join("conda-meta")).unwrap();
        fs::write(prefix.join("conda-meta/history"), "").unwrap();
        fs::create_dir_all(prefix.join("bin")).unwrap();
        fs::write(prefix.join("bin/python"), "").unwrap();
        fs::create_dir_all(prefix.join("share")).unwrap();
        let script = prefix.join("share/x.sh");
        fs::write(&script, "echo hi\n").unwrap();
        fs::write(
            t.join("pixi.toml"),
            "[workspace]\nname = \"w\"\n[activation]\nscripts = [\".pixi/envs/default/share/x.sh\"]\n",
        )
        .unwrap();
        let cfg = Config::default();
        let ctx = Ctx::with_vars(|_| None);
        let ask = |force| by_hand(None, &t, &cfg, &ctx, &Any, force);
        let c = ask(false).expect("a safe prefix activates");
        assert_eq!(c.venv, prefix);
        fs::set_permissions(&script, fs::Permissions::from_mode(0o666)).unwrap();
        let err = ask(false).unwrap_err();
        assert!(err.contains("x.sh is writable by everyone"), "{err}");
        assert!(err.ends_with("(or use --force)"), "{err}");
        assert!(ask(true).is_ok());
        // The hook's own check says the same.
        let t2 = tool_files(&c, crate::managers::Tool::Pixi);
        assert!(t2.contains(&script), "{t2:?}");
        let _ = fs::remove_dir_all(&t);
    }

    /// A broken venv is refused by hand before anything else, with the fix.
    #[test]
    fn by_hand_refuses_a_broken_venv() {
        let t = crate::venv::tests::tmp("by-hand-broken");
        let v = t.join(".venv");
        crate::venv::tests::fake_venv(&v, "");
        let cfg = Config::default();
        let ctx = Ctx::with_vars(|_| None);
        let arg = OsString::from(v.as_os_str());
        assert!(by_hand(Some(&arg), &t, &cfg, &ctx, &Any, false).is_ok());
        fs::remove_file(v.join("bin/python")).unwrap();
        let err = by_hand(Some(&arg), &t, &cfg, &ctx, &Any, true).unwrap_err();
        assert!(
            err.contains("is broken") && !err.contains("--force"),
            "{err}"
        );
        let _ = fs::remove_dir_all(&t);
    }

    /// The refusals as the hook says them, judged on a world in memory: not allowed (the
    /// hint), denied (silent), changed, unsafe, and what the shell cannot hold.
    #[test]
    fn refusals_as_the_hook_says_them() {
        use crate::trust::Store;
        use crate::world::mem::Mem;
        let mut w = Mem::new(1000);
        w.venv("/home/u/my proj/.venv");
        let cfg = Config::default();
        let cwd = Cwd {
            path: "/home/u/my proj".into(),
            physical: false,
        };
        let root = Path::new("/home/u/my proj");
        let venv = root.join(".venv");
        let judge = |w: &Mem, shell: &dyn Holds, given: bool| {
            let store = Store::at("/data/trust".into()).read_only();
            let at = Judge {
                cwd: &cwd,
                cfg: &cfg,
                shell,
                root,
                trust_given: given,
                w,
                store: Some(&store),
            };
            let ready = || {
                Ok(Candidate {
                    venv: venv.clone(),
                    bin: venv.join("bin").into_os_string(),
                    name: b"my proj".to_vec(),
                    detail: ".venv".into(),
                    root: Some(root.to_path_buf()),
                    for_uv: false,
                    conda: None,
                })
            };
            at.judged((&venv, &venv.join("bin"), None), ".venv".into(), ready)
        };
        let message = |t: Target| match t {
            Target::Refused { message, .. } => message,
            t => panic!("not refused: {t:?}"),
        };
        assert_eq!(
            message(judge(&w, &Any, false)),
            ".venv found in my proj but not allowed — run 'venvsh allow' to activate it here"
        );
        // `venvsh env --trust` vouches for it.
        assert!(matches!(judge(&w, &Any, true), Target::Venv(_)));
        // Writable by others: refused with the fix, --trust or not.
        w.set("/home/u/my proj/.venv/bin", |m| m.mode = 0o777);
        let m = message(judge(&w, &Any, true));
        assert!(
            m.starts_with("not activating ") && m.contains("chmod go-w"),
            "{m}"
        );
        w.set("/home/u/my proj/.venv/bin", |m| m.mode = 0o755);
        // A shell that cannot hold the name refuses the whole venv, saying why.
        struct NoSpace;
        impl Holds for NoSpace {
            fn can_hold(&self, b: &[u8]) -> bool {
                !b.contains(&b' ')
            }
            fn cannot_hold(&self) -> &'static str {
                "a space"
            }
            fn name(&self) -> &'static str {
                "nospace"
            }
        }
        let m = message(judge(&w, &NoSpace, true));
        assert!(
            m.contains("its path holds a space, which nospace cannot keep"),
            "{m}"
        );
        // Denied: quiet, whatever --trust says.
        let store = Store::at("/data/trust".into());
        let file = store_file(&store, root);
        w.add(
            &file,
            crate::world::Kind::File,
            0o600,
            b"deny\n/home/u/my proj",
        );
        assert!(matches!(judge(&w, &Any, true), Target::Quiet { .. }));
    }

    /// Where the store keeps the mark of `key`.
    fn store_file(store: &crate::trust::Store, key: &Path) -> String {
        store.file_of(key).to_string_lossy().into_owned()
    }
}
