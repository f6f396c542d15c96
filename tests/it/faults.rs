//! Issue 6.4 (part): faults. Each gives at most one clear line, the shell stays usable,
//! PATH is never damaged.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World, nu_q};
use std::os::unix::ffi::OsStrExt;

in_shells!(
    folder_faults_in_a_shell,
    permission_faults_in_a_shell,
    base_python_deleted_in_a_shell
);

/// The active venv's base Python deleted during a session (a system upgrade). An idle
/// prompt starts no process, so it stays active until the next look (a `cd`); then one
/// line names it and the fix, it is deactivated, PATH is back, and it is not activated
/// again.
fn base_python_deleted_in_a_shell(sh: Sh) {
    let w = World::new("base-gone");
    w.trust_all();
    let proj = w.p("proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    let base = w.venv_from_copy(&proj.join(".venv"));
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&proj);
    assert_active(&snap, &proj.join(".venv"), b"proj", BASE_PATH, "before");
    std::fs::remove_dir_all(&base).unwrap();
    let snap = s.cd(&proj.join("sub"));
    assert_inactive(&snap, BASE_PATH, "base Python gone");
    let lines = snap.venvsh_lines();
    assert!(
        lines.len() == 2
            && lines[0].contains("is broken")
            && lines[0].contains("venvsh create --clear")
            && lines[1].contains("deactivated proj"),
        "{lines:?}"
    );
    // Said once per entry, not at every prompt.
    let snap = s.run("true");
    assert!(snap.venvsh_lines().is_empty(), "{}", snap.out());
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "left");
    assert!(s.alive());
}

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
    // nushell runs nothing in a folder that is gone, its prompt hook included, and says
    // to `cd` away: the cd below is where venvsh deactivates there.
    if sh != Sh::Nu {
        let snap = s.run("true");
        assert_eq!(snap.ve, None, "{}", snap.out());
        assert_eq!(show(&snap.path), show(BASE_PATH), "PATH restored");
        assert!(snap.venvsh_lines().len() <= 1, "{}", snap.out());
    }
    let snap = if sh == Sh::Nu {
        s.run(&format!("cd {}", nu_q(&w.root)))
    } else {
        s.cd(&w.root)
    };
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

/// Permissions, in a shell of a user they stop (`nobody` when the tests run as root): a
/// folder on the way up that cannot be listed, the active venv made unreadable and
/// readable again, a `.venv` link file that cannot be read, a data folder that cannot
/// be written (`venvsh allow`).
fn permission_faults_in_a_shell(sh: Sh) {
    use std::os::unix::fs::PermissionsExt;
    let chmod = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let w = World::new("perm-faults");
    w.trust_all();
    // The world's root and everything in it can be read but not written by that user,
    // but for its session files, HOME, and others' data (fish's history).
    chmod(&w.root, 0o755);
    chmod(&w.p("data"), 0o777);
    std::fs::create_dir_all(w.p("data/venvsh")).unwrap();
    chmod(&w.p("data/venvsh"), 0o555);
    let exe = w.p("bin/venvsh");
    std::fs::create_dir_all(w.p("bin")).unwrap();
    std::fs::copy(&w.exe, &exe).unwrap();
    // `locked` can be passed through but not listed.
    let proj = w.project("locked/proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    chmod(&w.p("locked"), 0o111);
    // A link file no one but root can read.
    let linked = w.p("linked");
    std::fs::create_dir_all(&linked).unwrap();
    std::fs::write(
        linked.join(".venv"),
        proj.join(".venv").as_os_str().as_bytes(),
    )
    .unwrap();
    chmod(&linked.join(".venv"), 0o000);

    let rc = Rc {
        exe: Some(exe),
        as_nobody: true,
        ..Rc::default()
    };
    let mut s = Session::start(&w, sh, &rc);
    let name = b"proj";
    let snap = s.cd(&proj.join("sub"));
    assert_active(
        &snap,
        &proj.join(".venv"),
        name,
        BASE_PATH,
        "below a folder that cannot be listed",
    );

    // The active venv made unreadable: the next prompt deactivates it, PATH back.
    chmod(&proj.join(".venv"), 0o000);
    let snap = s.run("true");
    assert_inactive(&snap, BASE_PATH, "venv made unreadable");
    let lines = snap.venvsh_lines();
    assert!(
        lines.len() == 1
            && lines[0].contains("deactivated proj: ")
            && lines[0].contains("out of reach"),
        "one line, saying why: {lines:?}"
    );
    // Entering its project while it cannot be read: one line, nothing active.
    let snap = s.cd(&proj);
    assert_inactive(&snap, BASE_PATH, "unreadable venv entered");
    let lines = snap.venvsh_lines();
    assert!(
        lines.len() == 1
            && lines[0].contains("cannot read")
            && lines[0].contains("Permission denied"),
        "one line, saying what and why: {lines:?}"
    );
    // Readable again: the watch sees it, and it comes back without a cd.
    chmod(&proj.join(".venv"), 0o755);
    let snap = s.run("true");
    assert_active(
        &snap,
        &proj.join(".venv"),
        name,
        BASE_PATH,
        "readable again",
    );

    // A link file that cannot be read: one line saying so (after the one for leaving
    // proj), nothing active.
    let snap = s.cd(&linked);
    assert_inactive(&snap, BASE_PATH, "unreadable link file");
    let lines = snap.venvsh_lines();
    assert_eq!(lines.len(), 2, "{}", snap.out());
    assert!(
        lines[0].contains("cannot read") && lines[0].contains("Permission denied"),
        "says what and why: {lines:?}"
    );

    // `allow` with a data folder that cannot be written: one line, exit status 1,
    // nothing half-written; the shell goes on.
    let snap = s.run(&sh.with_status("venvsh allow"));
    let lines = snap.venvsh_lines();
    assert_eq!(lines.len(), 1, "{}", snap.out());
    assert!(snap.out().contains("status=1"), "{}", snap.out());
    assert_eq!(std::fs::read_dir(w.p("data/venvsh")).unwrap().count(), 0);
    let snap = s.cd(&proj);
    assert_active(
        &snap,
        &proj.join(".venv"),
        name,
        BASE_PATH,
        "after the failed allow",
    );
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

/// BSD csh (Debian's `csh` package) has no prompt hook. `venvsh hook csh` there says so in
/// one line on stderr; `venvsh activate` says what works instead and changes nothing;
/// other commands run; the shell goes on. tcsh started as `csh` is the `Csh` of the
/// scenarios above.
#[test]
fn bsd_csh_is_told_that_switching_needs_tcsh() {
    let bsd = std::path::Path::new("/bin/bsd-csh");
    if !bsd.exists() {
        assert!(
            !common::in_ci(),
            "bsd-csh is not installed (apt-get install csh), and CI=true"
        );
        eprintln!("\n!!! SKIPPED: bsd-csh is not installed (apt-get install csh) !!!\n");
        return;
    }
    let w = World::new("bsd-csh");
    w.trust_all();
    let proj = w.project("proj");
    let script = w.p("t.csh");
    std::fs::write(
        &script,
        format!(
            "eval \"`{} hook csh`\"\necho loaded=$status\nvenvsh activate\necho active=$?VIRTUAL_ENV\nvenvsh --version\necho end\n",
            q(&w.exe)
        ),
    )
    .unwrap();
    let out = common::timeout(w.run_in(bsd, &proj).arg("-f").arg(&script), 20);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.len() == 2
            && lines[0].contains("not tcsh")
            && lines[0].contains("switching is off")
            && lines[1].contains("activate needs tcsh")
            && lines[1].contains("bin/activate.csh"),
        "one line at load, one for activate, on stderr: {stderr:?}"
    );
    let want = format!(
        "loaded=0\nactive=0\nvenvsh {}\nend\n",
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(stdout, want);
}
