//! Issue 6.1: hostile and generated names as the project folder, the venv folder and the
//! venv's prompt, through activation, the drawn prompt, a child shell and deactivation,
//! in every shell that runs here. A name arrives byte for byte or the venv is refused with
//! a message (behaviour.md §11); no PWNED file ever appears.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use venvsh_gen::{Rng, seed, shown};

/// Generated names per shell and run (on top of the hostile-names list).
const GENERATED: usize = 30;

in_shells!(full: names_arrive_exactly_or_are_refused);

struct Case {
    /// The folder to cd into.
    project: PathBuf,
    venv: PathBuf,
    name: Vec<u8>,
    what: String,
}

fn names_arrive_exactly_or_are_refused(sh: Sh) {
    let seed = seed(&format!("injection {}", sh.name()));
    let mut rng = Rng::new(seed);
    let mut names: Vec<Vec<u8>> = common::hostile_names()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let hostile = names.len();
    names.extend((0..GENERATED).map(|_| rng.name()));

    let w = World::new("inject");
    w.trust_all();
    let mut cases = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let os = || OsString::from_vec(name.clone());
        // The listed names through CPython's own venv; generated ones by a fast copy.
        let make = |dir: &std::path::Path, prompt: Option<&[u8]>| {
            if i < hostile {
                w.venv_any(dir, prompt)
            } else {
                w.venv_copy(dir, prompt)
            }
        };
        // The project folder: the prompt shows its name.
        let project = w.p(format!("f{i}")).join(os());
        make(&project.join(".venv"), None);
        cases.push(Case {
            venv: project.join(".venv"),
            project,
            name: name.clone(),
            what: "project folder".into(),
        });
        // The venv's own folder, reached through a `.venv` link file holding its path
        // (a line of the file: names with a newline or blanks at either end cannot be
        // written there).
        if !name.contains(&b'\n') && name.trim_ascii() == name.as_slice() {
            let venv = w.p(format!("v{i}")).join(os());
            make(&venv, None);
            let project = w.p(format!("l{i}"));
            std::fs::create_dir_all(&project).unwrap();
            let mut line = venv.as_os_str().as_encoded_bytes().to_vec();
            line.push(b'\n');
            std::fs::write(project.join(".venv"), line).unwrap();
            cases.push(Case {
                project,
                venv,
                name: name.clone(),
                what: "venv folder".into(),
            });
        }
        // The venv's prompt in pyvenv.cfg.
        let project = w.p(format!("g{i}"));
        make(&project.join(".venv"), Some(name));
        cases.push(Case {
            venv: project.join(".venv"),
            project,
            name: name.clone(),
            what: "prompt".into(),
        });
    }

    let mut tried = 0;
    let mut unreachable = 0;
    // With the shell's own options, and with each set of options under which its prompt
    // is easiest to trick (bash's POSIX mode, zsh's PROMPT_SUBST without PROMPT_PERCENT).
    for pre in std::iter::once("").chain(sh.risky_prompt_options().iter().copied()) {
        let mut s = Session::start(
            &w,
            sh,
            &Rc {
                pre: pre.into(),
                ..Rc::default()
            },
        );
        for c in &cases {
            let step = format!("seed {seed}, {pre:?}, {} {}", c.what, show(&c.name));
            if sh.cannot_enter(&c.project) {
                unreachable += 1;
                continue;
            }
            let snap = s.cd(&c.project);
            let path_bytes = c.venv.as_os_str().as_encoded_bytes();
            if path_bytes.contains(&b':') {
                // A ':' would split the venv's bin into two PATH entries: refused, everywhere.
                assert_inactive(&snap, BASE_PATH, &step);
                said(&snap, "its path holds a ':'", 1, &step);
                s.cd(&w.root);
                continue;
            }
            if let Some(why) = sh.refuses(path_bytes).or(sh.refuses(&c.name)) {
                // behaviour.md §11: a name the shell cannot hold; refused, clearly.
                assert_inactive(&snap, BASE_PATH, &step);
                said(&snap, why, 1, &step);
                s.cd(&w.root);
                continue;
            }
            tried += 1;
            let name = shown(&c.name);
            assert_active_as(&snap, &c.venv, &c.name, &name, BASE_PATH, &step);
            // A child shell picks up the same venv: same values, PATH entry once.
            let snap = s.child(false);
            assert_active_as(
                &snap,
                &c.venv,
                &c.name,
                &name,
                BASE_PATH,
                &format!("{step}, child shell"),
            );
            let snap = s.run("exit");
            assert_active_as(
                &snap,
                &c.venv,
                &c.name,
                &name,
                BASE_PATH,
                &format!("{step}, back from the child"),
            );
            let snap = s.run("deactivate");
            assert_inactive(&snap, BASE_PATH, &format!("{step}, deactivate"));
            let snap = s.cd(&w.root);
            assert_inactive(&snap, BASE_PATH, &format!("{step}, left"));
        }
        assert!(s.alive());
    }
    assert_eq!(
        w.pwned(),
        Vec::<PathBuf>::new(),
        "seed {seed}: a name ran code"
    );
    eprintln!(
        "injection {}: {} names, {} cases, {tried} activated, {unreachable} folders the shell cannot enter",
        sh.name(),
        names.len(),
        cases.len()
    );
}
