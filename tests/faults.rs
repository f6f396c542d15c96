//! Issue 6.4 (part): faults. Each gives at most one clear line, the shell stays usable,
//! PATH is never damaged.

#[macro_use]
mod common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};

in_shells!(folder_faults_in_a_shell);

/// The current folder deleted while its venv is active; a symlink loop and a 4,000-byte
/// path on the way.
fn folder_faults_in_a_shell(sh: Sh) {
    let w = World::new("faults");
    w.trust_all();
    let proj = w.project("proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    let mut s = Session::start(&w, sh, &Rc::default());
    s.no_python = true;
    let snap = s.cd(&proj.join("sub"));
    assert!(snap.ve.is_some(), "{}", snap.out());
    // The whole project, venv included, deleted under the shell.
    std::fs::remove_dir_all(&proj).unwrap();
    let snap = s.run("true");
    assert_eq!(snap.ve, None, "{}", snap.out());
    assert_eq!(show(&snap.path), show(BASE_PATH), "PATH restored");
    assert!(snap.venvsh_lines().len() <= 1, "{}", snap.out());
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "after the deleted folder");

    // A symlink loop next to the way up, and a link into it.
    let loopy = w.p("loopy");
    std::fs::create_dir_all(&loopy).unwrap();
    std::os::unix::fs::symlink(loopy.join("b"), loopy.join("a")).unwrap();
    std::os::unix::fs::symlink(loopy.join("a"), loopy.join("b")).unwrap();
    std::os::unix::fs::symlink(loopy.join("a"), loopy.join(".venv")).unwrap();
    let snap = s.cd(&loopy);
    assert_eq!(snap.ve, None);
    assert_eq!(show(&snap.path), show(BASE_PATH));
    assert!(snap.venvsh_lines().len() <= 1, "{}", snap.out());

    // 4,000 bytes of path (folders of 200), a venv at the bottom.
    let mut deep = w.p("deep");
    while deep.as_os_str().len() < 4000 {
        deep = deep.join("d".repeat(200));
    }
    w.venv(&deep.join(".venv"), &[]);
    s.no_python = false;
    let snap = s.cd(&deep);
    if sh.is_csh() && snap.ve.is_none() {
        // tcsh's own `cd` may give up on such a path; then it must have said so itself.
        assert!(s.alive());
    } else {
        assert_active(
            &snap,
            &deep.join(".venv"),
            &b(deep.file_name().unwrap().as_ref()),
            BASE_PATH,
            "4000-byte path",
        );
    }
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "back from the deep path");
    assert!(s.alive());
}

/// HOME unset, the config folder missing, a read-only data folder: the hook's export
/// still works (no venv home, no trust store: nothing activates that needs them) and
/// says at most one line.
#[test]
fn environment_faults() {
    let w = World::new("env-faults");
    let proj = w.project("proj");
    // HOME unset and no XDG folders.
    let mut c = w.command(&["export", "bash"], &proj);
    c.env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("VENVSH_CONFIG");
    let out = c.output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.lines().count() <= 1, "{err}");
    // The config folder missing.
    std::fs::remove_dir_all(w.p("config")).unwrap();
    let out = w.venvsh(&["export", "bash"], &proj);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not allowed"),
        "the hint as usual"
    );
    // `allow` with a data folder that cannot be written: one line, exit 1.
    std::fs::write(w.p("data-file"), "").unwrap();
    let out = w.venvsh_env(
        &["allow"],
        &proj,
        &[("XDG_DATA_HOME", &w.p("data-file/x").to_string_lossy())],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// Two shells allowing and denying at once: every write is atomic, so the store always
/// reads as one whole verdict per venv, never a torn or corrupt file.
#[test]
fn concurrent_allows_never_corrupt_the_store() {
    let w = World::new("concurrent");
    let projects: Vec<_> = (0..4).map(|i| w.project(format!("p{i}"))).collect();
    let mut children = Vec::new();
    for round in 0..40 {
        for (i, p) in projects.iter().enumerate() {
            let verb = if (round + i) % 2 == 0 {
                "allow"
            } else {
                "deny"
            };
            children.push(w.command(&[verb], p).spawn().unwrap());
        }
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let store = w.p("data/venvsh/trust");
    let files: Vec<_> = std::fs::read_dir(&store).unwrap().flatten().collect();
    assert_eq!(files.len(), 4, "one entry per venv, no leftovers");
    for f in files {
        let text = std::fs::read_to_string(f.path()).unwrap();
        let mut lines = text.lines();
        assert!(matches!(lines.next(), Some("allow" | "deny")), "{text:?}");
        let root = w.root.to_string_lossy().into_owned();
        assert!(
            lines.next().is_some_and(|p| p.starts_with(&root)),
            "{text:?}"
        );
        assert_eq!(lines.next(), None, "{text:?}");
    }
    for p in &projects {
        let out = w.venvsh(&["status"], p);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
