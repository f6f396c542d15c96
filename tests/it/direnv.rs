//! Issue 19.5: direnv and venvsh loaded in the same shell, and a project whose `.envrc`
//! brings in its venv itself (`export VIRTUAL_ENV=…` and `PATH_add .venv/bin`, as
//! `layout python`-style set-ups do). In bash and zsh, with the two hooks in either
//! order in the rc file: inside, PATH holds the venv's entry once; after leaving, PATH is
//! exactly what it was.

use crate::common;
use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::path::PathBuf;

/// A project in `w` with a venv, and an `.envrc` that brings it in, allowed by direnv.
fn direnv_project(w: &World, name: &str) -> PathBuf {
    let proj = w.project(name);
    std::fs::write(
        proj.join(".envrc"),
        "export VIRTUAL_ENV=$PWD/.venv\nPATH_add .venv/bin\n",
    )
    .unwrap();
    let mut allow = w.run_in("direnv", &proj);
    allow.arg("allow");
    succeeded(&common::timeout(&mut allow, 60));
    proj
}

/// An interactive session in bash and in zsh, each with direnv's hook before venvsh's in
/// the rc and after it, and the case's name for messages.
fn each_order(w: &World, mut check: impl FnMut(&mut Session, &str)) {
    for sh in [Sh::Bash, Sh::Zsh] {
        if sh.require().is_none() {
            continue;
        }
        let direnv = format!("eval \"$(direnv hook {})\"\n", sh.name());
        for direnv_first in [true, false] {
            let rc = if direnv_first {
                Rc {
                    pre: direnv.clone(),
                    ..Rc::default()
                }
            } else {
                Rc {
                    post: direnv.clone(),
                    ..Rc::default()
                }
            };
            let case = format!(
                "{} with direnv's hook {}",
                sh.name(),
                if direnv_first { "first" } else { "last" }
            );
            check(&mut Session::start(w, sh, &rc), &case);
        }
    }
}

#[test]
#[ignore = "full tier"]
fn direnv_and_venvsh_never_add_the_entry_twice() {
    if !common::have("direnv") {
        return;
    }
    let w = World::new("direnv");
    let proj = direnv_project(&w, "proj");
    // venvsh would activate this venv too.
    succeeded(&w.venvsh(&["allow"], &proj));
    let venv = proj.join(".venv");
    let entry = b(&venv.join("bin"));
    each_order(&w, |s, case| {
        let before = s.run("true").path;
        assert_eq!(before, BASE_PATH, "{case}");
        for _ in 0..2 {
            let snap = s.cd(&proj);
            assert_eq!(
                snap.ve.as_deref(),
                Some(b(&venv).as_slice()),
                "{case}: {}",
                snap.out()
            );
            let entries = snap
                .path
                .split(|c| *c == b':')
                .filter(|e| *e == entry.as_slice())
                .count();
            assert_eq!(entries, 1, "{case}: PATH {}", show(&snap.path));
            assert_eq!(snap.prefix.as_deref(), Some(b(&venv).as_slice()), "{case}");
            // A prompt later, still once.
            let snap = s.run("true");
            assert_eq!(
                snap.path,
                [entry.as_slice(), b":", BASE_PATH].concat(),
                "{case}"
            );
            let snap = s.cd(&w.root);
            assert_eq!(snap.path, before, "{case}: {}", snap.out());
            assert_eq!(snap.ve, None, "{case}");
            let snap = s.run("true");
            assert_eq!(snap.path, before, "{case}");
        }
    });
}

/// From a project venvsh activated into one direnv loads, and back, and out: direnv puts
/// back what it saw (venvsh's venv) when its folder is left, so venvsh leaves its venv
/// under direnv's as it is, and has it again after; PATH ends exactly as it began.
#[test]
#[ignore = "full tier"]
fn from_a_venvsh_project_into_a_direnv_one_and_back() {
    if !common::have("direnv") {
        return;
    }
    let w = World::new("direnv-cross");
    w.trust_all();
    let a = w.project("a");
    let d = direnv_project(&w, "d");
    let (a_venv, d_venv) = (a.join(".venv"), d.join(".venv"));
    let line = |v: &std::path::Path| [b(&v.join("bin")).as_slice(), b":", BASE_PATH].concat();
    each_order(&w, |s, case| {
        let snap = s.cd(&a);
        assert_eq!(snap.path, line(&a_venv), "{case}");
        let snap = s.cd(&d);
        assert_eq!(
            snap.ve.as_deref(),
            Some(b(&d_venv).as_slice()),
            "{case}: {}",
            snap.out()
        );
        assert_eq!(
            snap.prefix.as_deref(),
            Some(b(&d_venv).as_slice()),
            "{case}"
        );
        assert!(
            !snap.prompt.starts_with(b"(a) "),
            "{case}: {}",
            show(&snap.prompt)
        );
        let snap = s.cd(&a);
        assert_eq!(
            snap.ve.as_deref(),
            Some(b(&a_venv).as_slice()),
            "{case}: {}",
            snap.out()
        );
        assert_eq!(snap.path, line(&a_venv), "{case}");
        assert!(
            snap.prompt.starts_with(b"(a) "),
            "{case}: {}",
            show(&snap.prompt)
        );
        s.cd(&d);
        let snap = s.cd(&w.root);
        assert_eq!(snap.ve, None, "{case}: {}", snap.out());
        assert_eq!(snap.path, BASE_PATH, "{case}: {}", snap.out());
        let snap = s.run("true");
        assert_eq!(snap.path, BASE_PATH, "{case}");
    });
}
