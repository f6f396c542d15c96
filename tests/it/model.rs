//! Issue 6.2: a model-based test. A small model says what should be active after each
//! step; a seeded sequence of steps (cd among projects, subfolders and plain folders,
//! manual activate/deactivate, a stock `activate` sourced, venvs deleted and made again,
//! allow/deny, PATH and PYTHONHOME edits, child shells) runs in a real interactive shell,
//! and after every step the shell's VIRTUAL_ENV, PATH, PYTHONHOME and drawn prompt must
//! equal the model's. 1,000 steps per shell by default (`VENVSH_MODEL_STEPS`); the seed
//! is printed, and `VENVSH_SEED=<seed>` replays a run.

use crate::common;

use common::{Rc, Session, Sh, Snap, World};
use std::path::PathBuf;
use venvsh_gen::{Rng, seed};

const PROJECTS: usize = 4;
const PLAIN: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Loc {
    Root,
    Plain(usize),
    Proj(usize),
    Sub(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum How {
    Auto,
    Pinned,
    /// Python's own activate script, sourced.
    Foreign,
}

/// What one shell should have.
#[derive(Clone, Debug)]
struct Shell {
    cwd: Loc,
    active: Option<(usize, How)>,
    /// After a manual deactivate: off in this folder until the folder changes.
    off_in: Option<Loc>,
    path: Vec<String>,
    pythonhome: Option<String>,
    /// PYTHONHOME as it was before venvsh activated (unset while active).
    saved_ph: Option<String>,
    /// What the stock activate script saved, for its deactivate.
    foreign_saved: Option<(Vec<String>, Option<String>)>,
}

/// What the machine has (shared by a shell and its children).
struct Disk {
    exists: [bool; PROJECTS],
    /// Some(true) allowed, Some(false) denied, None never said.
    trust: [Option<bool>; PROJECTS],
}

impl Shell {
    fn project(&self) -> Option<usize> {
        match self.cwd {
            Loc::Proj(i) | Loc::Sub(i) => Some(i),
            _ => None,
        }
    }

    fn activate(&mut self, i: usize, how: How, bins: &[String]) {
        self.path.insert(0, bins[i].clone());
        self.active = Some((i, how));
        if how != How::Foreign {
            self.saved_ph = self.pythonhome.take();
        }
    }

    fn deactivate(&mut self, bins: &[String]) {
        if let Some((i, how)) = self.active.take() {
            if let Some(at) = self.path.iter().position(|p| *p == bins[i]) {
                self.path.remove(at);
            }
            if how != How::Foreign {
                self.pythonhome = self.saved_ph.take();
            }
        }
    }

    /// What the prompt hook does when it looks (behaviour.md §6).
    fn look(&mut self, disk: &Disk, bins: &[String]) {
        if self.off_in != Some(self.cwd) {
            self.off_in = None;
        }
        match self.active {
            Some((_, How::Foreign)) => return,
            Some((i, _)) if !disk.exists[i] => {
                self.deactivate(bins);
                return;
            }
            Some((_, How::Pinned)) => return,
            _ => {}
        }
        let want = match (self.off_in, self.project()) {
            (None, Some(i)) if disk.exists[i] && disk.trust[i] == Some(true) => Some(i),
            _ => None,
        };
        if self.active.map(|a| a.0) != want {
            self.deactivate(bins);
            if let Some(i) = want {
                self.activate(i, How::Auto, bins);
            }
        }
    }
}

struct Run {
    w: World,
    sh: Sh,
    s: Session,
    stack: Vec<Shell>,
    disk: Disk,
    bins: Vec<String>,
    user_dirs: usize,
    /// Stock scripts sourced over a venvsh activation: (another venv, the same one).
    over: (usize, usize),
}

impl Run {
    fn dir(&self, l: Loc) -> PathBuf {
        let m = self.w.p("m");
        match l {
            Loc::Root => m,
            Loc::Plain(k) => m.join(format!("plain{k}")),
            Loc::Proj(i) => m.join(format!("p{i}")),
            Loc::Sub(i) => m.join(format!("p{i}/sub")),
        }
    }

    fn venv(&self, i: usize) -> PathBuf {
        self.dir(Loc::Proj(i)).join(".venv")
    }

    fn top(&mut self) -> &mut Shell {
        self.stack.last_mut().unwrap()
    }

    fn q(&self, p: &std::path::Path) -> String {
        common::check::q(p)
    }

    /// One step, chosen by `rng` among those that make sense now; returns its text.
    fn step(&mut self, rng: &mut Rng) -> (String, Snap) {
        let bins = self.bins.clone();
        let sh = self.sh;
        let m = self.top().clone();
        let in_child = self.stack.len() > 1;
        loop {
            match rng.below(100) {
                // cd somewhere else
                0..=39 => {
                    let to = match rng.below(4) {
                        0 => Loc::Root,
                        1 => Loc::Plain(rng.below(PLAIN)),
                        2 => Loc::Proj(rng.below(PROJECTS)),
                        _ => Loc::Sub(rng.below(PROJECTS)),
                    };
                    if to == m.cwd {
                        continue;
                    }
                    let snap = self.s.cd(&self.dir(to));
                    let t = self.stack.last_mut().unwrap();
                    t.cwd = to;
                    t.look(&self.disk, &bins);
                    return (format!("cd {to:?}"), snap);
                }
                // venvsh activate PATH (pinned)
                40..=46 => {
                    let i = rng.below(PROJECTS);
                    if !self.disk.exists[i] || matches!(m.active, Some((_, How::Foreign))) {
                        continue;
                    }
                    let line = format!("venvsh activate {}", self.q(&self.venv(i)));
                    let snap = self.s.run(&line);
                    let t = self.top();
                    t.deactivate(&bins);
                    t.off_in = None;
                    t.activate(i, How::Pinned, &bins);
                    return (line, snap);
                }
                // deactivate (venvsh's, or the stock script's)
                47..=55 => {
                    let Some((_, how)) = m.active else { continue };
                    let snap = self.s.run("deactivate");
                    let disk = &self.disk;
                    let t = self.stack.last_mut().unwrap();
                    if how == How::Foreign {
                        let (path, ph) = t.foreign_saved.take().unwrap();
                        t.active = None;
                        t.path = path;
                        if !sh.is_csh() {
                            t.pythonhome = ph;
                        }
                        t.look(disk, &bins);
                    } else {
                        t.deactivate(&bins);
                        t.off_in = Some(t.cwd);
                    }
                    return (format!("deactivate ({how:?})"), snap);
                }
                // source .venv/bin/activate (the stock script), with or without a venv
                // venvsh activated (the same one or another). It takes over: venvsh steps
                // aside and fixes what the script saved (PATH without venvsh's entry,
                // the user's PYTHONHOME, the prompt without venvsh's name), so that
                // its `deactivate` puts back the shell as it was before venvsh's venv.
                56..=61 => {
                    let i = rng.below(PROJECTS);
                    // Python ships no activate script for elvish and xonsh (spec_6_rows
                    // covers a venv activated there by hand).
                    if !self.disk.exists[i]
                        || matches!(m.active, Some((_, How::Foreign)))
                        || !sh.has_stock_activate()
                    {
                        continue;
                    }
                    let line = sh.source_activate(&self.venv(i));
                    let snap = self.s.run(&line);
                    let t = self.top();
                    if sh.is_csh() {
                        // activate.csh defines its own `deactivate` before it calls it,
                        // so venvsh's is never called, and it leaves PYTHONHOME alone:
                        // the value venvsh kept aside is lost with the takeover.
                        if t.active.is_some() {
                            t.saved_ph = None;
                        }
                        t.deactivate(&bins);
                        t.foreign_saved = Some((t.path.clone(), None));
                    } else {
                        t.deactivate(&bins);
                        t.foreign_saved = Some((t.path.clone(), t.pythonhome.take()));
                    }
                    t.activate(i, How::Foreign, &bins);
                    // Over venvsh's own activation of this very venv: once the stock
                    // script's `deactivate` runs, the venv stays off in this folder.
                    if m.active.is_some_and(|a| a.0 == i) {
                        t.off_in = Some(t.cwd);
                        self.over.1 += 1;
                    } else if m.active.is_some() {
                        self.over.0 += 1;
                    }
                    return (line, snap);
                }
                // a venv deleted, or made again (not from a child: the parent's view of
                // the disk is then checked only through its own hook)
                62..=67 if !in_child => {
                    let i = rng.below(PROJECTS);
                    let venv = self.venv(i);
                    let aside = self.w.p(format!("aside/p{i}"));
                    if self.disk.exists[i] {
                        std::fs::rename(&venv, &aside).unwrap();
                    } else {
                        std::fs::rename(&aside, &venv).unwrap();
                    }
                    self.disk.exists[i] = !self.disk.exists[i];
                    let snap = self.s.run("true");
                    let disk = &self.disk;
                    let t = self.stack.last_mut().unwrap();
                    // The hook watches the current folder's `.venv` and the active venv;
                    // a venv appearing in a parent folder waits for the next cd.
                    let watched = t.cwd == Loc::Proj(i) || t.active.is_some_and(|a| a.0 == i);
                    if watched {
                        t.look(disk, &bins);
                    }
                    let what = if disk.exists[i] {
                        "made again"
                    } else {
                        "deleted"
                    };
                    return (format!("venv p{i} {what}"), snap);
                }
                // venvsh allow / deny
                68..=73 if !in_child => {
                    let i = rng.below(PROJECTS);
                    if !self.disk.exists[i] {
                        continue;
                    }
                    let allow = rng.chance(60);
                    let line = format!(
                        "venvsh {} {}",
                        if allow { "allow" } else { "deny" },
                        self.q(&self.dir(Loc::Proj(i)))
                    );
                    let snap = self.s.run(&line);
                    self.disk.trust[i] = Some(allow);
                    let disk = &self.disk;
                    self.stack.last_mut().unwrap().look(disk, &bins);
                    return (line, snap);
                }
                // the user's own PATH edits
                74..=83 => {
                    let line = if m.path.len() > 8 || (rng.chance(30) && m.path.len() > 2) {
                        // drop the first entry that is the user's
                        let Some(at) = m.path.iter().position(|p| p.starts_with("/opt/u")) else {
                            continue;
                        };
                        let mut path = m.path.clone();
                        path.remove(at);
                        self.top().path = path.clone();
                        set_path(sh, &path)
                    } else {
                        self.user_dirs += 1;
                        let d = format!("/opt/u{}", self.user_dirs);
                        let front = rng.chance(50);
                        let t = self.top();
                        if front {
                            t.path.insert(0, d.clone());
                        } else {
                            t.path.push(d.clone());
                        }
                        if front {
                            sh.path_wrap(&d, None)
                        } else {
                            set_path(sh, &t.path.clone())
                        }
                    };
                    let snap = self.s.run(&line);
                    return (line, snap);
                }
                // PYTHONHOME set or unset while nothing is active
                84..=87 => {
                    if m.active.is_some() {
                        continue;
                    }
                    let line = if m.pythonhome.is_some() {
                        self.top().pythonhome = None;
                        sh.unset_env("PYTHONHOME")
                    } else {
                        let home = sh.pythonhome_for_children();
                        let line = sh.export_var("PYTHONHOME", &home);
                        self.top().pythonhome = Some(home);
                        line
                    };
                    let snap = self.s.run(&line);
                    return (line, snap);
                }
                // a child shell, and back
                88..=93 => {
                    if matches!(m.active, Some((_, How::Foreign))) {
                        continue;
                    }
                    if self.stack.len() < 3 && rng.chance(60) {
                        let snap = self.s.child(false);
                        let mut child = m.clone();
                        // The child looks once at its first prompt.
                        child.look(&self.disk, &bins);
                        self.stack.push(child);
                        return ("child shell".into(), snap);
                    }
                    if in_child {
                        let snap = self.s.run("exit");
                        self.stack.pop();
                        return ("exit".into(), snap);
                    }
                }
                _ => {}
            }
        }
    }

    #[track_caller]
    fn check(&self, snap: &Snap, seed: u64, n: usize, line: &str, log: &[String]) {
        let m = self.stack.last().unwrap();
        let show = |v: Option<&[u8]>| v.map(|b| String::from_utf8_lossy(b).into_owned());
        let want_ve = m
            .active
            .map(|(i, _)| self.venv(i).to_string_lossy().into_owned());
        let want_prompt = match m.active {
            None => Some("::vs:: ".to_string()),
            Some((i, How::Auto | How::Pinned)) => Some(format!("(p{i}) ::vs:: ")),
            // The stock scripts draw their own prompt, differently in each shell.
            Some((_, How::Foreign)) => None,
        };
        let got_prompt = String::from_utf8_lossy(&snap.prompt).into_owned();
        let ok = show(snap.ve.as_deref()) == want_ve
            && String::from_utf8_lossy(&snap.path) == m.path.join(":")
            && show(snap.pythonhome.as_deref()) == m.pythonhome
            && want_prompt.as_ref().is_none_or(|p| *p == got_prompt);
        if !ok {
            let tail: Vec<&String> = log.iter().rev().take(15).rev().collect();
            panic!(
                "{} step {n} '{line}' (seed {seed}; replay: VENVSH_SEED={seed}):\n\
                 VIRTUAL_ENV  got {:?}\n             want {want_ve:?}\n\
                 PATH         got {:?}\n             want {:?}\n\
                 PYTHONHOME   got {:?}\n             want {:?}\n\
                 prompt       got {got_prompt:?}\n             want {want_prompt:?}\n\
                 model: {m:?}\noutput: {:?}\nlast steps: {tail:#?}\n--- terminal ---\n{}",
                self.sh.name(),
                show(snap.ve.as_deref()),
                String::from_utf8_lossy(&snap.path),
                m.path.join(":"),
                show(snap.pythonhome.as_deref()),
                m.pythonhome,
                snap.out(),
                self.s.terminal_tail(4000),
            );
        }
    }
}

fn set_path(sh: Sh, path: &[String]) -> String {
    match sh {
        Sh::Fish => format!("set -gx PATH {}", path.join(" ")),
        _ => sh.export_var("PATH", &path.join(":")),
    }
}

in_shells!(full: model_based);

fn model_based(sh: Sh) {
    let steps: usize = std::env::var("VENVSH_MODEL_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let seed = seed(&format!("model {}", sh.name()));
    let mut rng = Rng::new(seed);
    let w = World::new("model");
    std::fs::create_dir_all(w.p("aside")).unwrap();
    for k in 0..PLAIN {
        std::fs::create_dir_all(w.p(format!("m/plain{k}"))).unwrap();
    }
    let mut bins = Vec::new();
    for i in 0..PROJECTS {
        let p = w.p(format!("m/p{i}"));
        std::fs::create_dir_all(p.join("sub")).unwrap();
        // Real venvs: the stock activate scripts hold their path.
        w.venv(&p.join(".venv"), &[]);
        bins.push(p.join(".venv/bin").to_string_lossy().into_owned());
    }
    let mut disk = Disk {
        exists: [true; PROJECTS],
        trust: [None; PROJECTS],
    };
    // p0, p1, p3 allowed; p2 not (a hint, nothing active).
    for i in [0, 1, 3] {
        let out = w.venvsh(&["allow"], &w.p(format!("m/p{i}")));
        assert!(out.status.success());
        disk.trust[i] = Some(true);
    }
    let mut s = Session::start(&w, sh, &Rc::default());
    s.no_python = true;
    let first = s.cd(&w.p("m"));
    let start = Shell {
        cwd: Loc::Root,
        active: None,
        off_in: None,
        path: vec!["/usr/bin".into(), "/bin".into()],
        pythonhome: None,
        saved_ph: None,
        foreign_saved: None,
    };
    let mut run = Run {
        w,
        sh,
        s,
        stack: vec![start],
        disk,
        bins,
        user_dirs: 0,
        over: (0, 0),
    };
    run.check(&first, seed, 0, "cd root", &[]);
    let mut log = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for n in 1..=steps {
        let (line, snap) = run.step(&mut rng);
        log.push(line.clone());
        let kind = line.split_whitespace().next().unwrap_or("").to_string();
        *counts.entry(kind).or_insert(0) += 1;
        run.check(&snap, seed, n, &line, &log);
    }
    assert!(run.s.alive());
    eprintln!(
        "model {}: {steps} steps, seed {seed}: {counts:?}; stock scripts sourced over \
         venvsh's activation of another venv: {}, of the same venv: {}",
        sh.name(),
        run.over.0,
        run.over.1
    );
}
