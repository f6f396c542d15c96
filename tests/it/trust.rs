//! Issue 26 §2: an allow covers a project and the venv it resolved to. Another venv in
//! the project, the venv made again, or a venv named from a project nobody allowed does
//! not activate; entering says what changed, in one line. Allow files written before
//! venvsh recorded venvs keep working, and are rewritten with their venv.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::path::Path;

in_shells!(an_allow_covers_one_venv);

fn allow(w: &World, dir: &Path, what: &[&str]) {
    let mut args = vec!["allow"];
    args.extend_from_slice(what);
    let out = w.venvsh(&args, dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The trust store's file for `path` (the file holds the path after its first line).
fn store_file(w: &World, path: &Path) -> std::path::PathBuf {
    let dir = w.p("data/venvsh/trust");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|f| {
            let text = std::fs::read(f).unwrap();
            let rest = &text[text.iter().position(|c| *c == b'\n').unwrap() + 1..];
            rest.split(|c| *c == 0).next() == Some(b(path).as_slice())
        })
        .unwrap_or_else(|| panic!("no store file for {}", path.display()))
}

fn an_allow_covers_one_venv(sh: Sh) {
    let w = World::new("allow-venv");
    let proj = w.p("proj");
    w.venv(&proj.join("venv"), &[]);
    allow(&w, &proj, &[]);
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&proj);
    assert_active(&snap, &proj.join("venv"), b"proj", BASE_PATH, "allowed");
    s.cd(&w.root);

    // A `git pull` brings a `.venv` next to the allowed `venv` (and `.venv` comes first).
    w.venv(&proj.join(".venv"), &[]);
    let snap = s.cd(&proj);
    assert_inactive(&snap, BASE_PATH, "another venv");
    said(&snap, "was allowed with", 1, "another venv");
    said(&snap, "run 'venvsh allow'", 1, "another venv");
    let snap = s.run("true");
    assert!(snap.venvsh_lines().is_empty(), "once: {}", snap.out());
    s.cd(&w.root);
    allow(&w, &proj, &[]);
    let snap = s.cd(&proj);
    assert_active(
        &snap,
        &proj.join(".venv"),
        b"proj",
        BASE_PATH,
        "allowed again",
    );
    s.cd(&w.root);

    // The venv made again (`rm -rf .venv; python -m venv .venv`).
    std::fs::remove_dir_all(proj.join(".venv")).unwrap();
    w.venv(&proj.join(".venv"), &[]);
    let snap = s.cd(&proj);
    assert_inactive(&snap, BASE_PATH, "made again");
    said(&snap, "was made again", 1, "made again");
    s.cd(&w.root);
    // Packages installed (a file in site-packages) keep the allow.
    allow(&w, &proj, &[]);
    let sp = std::fs::read_dir(proj.join(".venv/lib"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("site-packages");
    std::fs::write(sp.join("pkg.py"), "").unwrap();
    let snap = s.cd(&proj);
    assert_active(&snap, &proj.join(".venv"), b"proj", BASE_PATH, "installed");
    s.cd(&w.root);

    // A repository nobody allowed names the user's allowed venv `tools` in the venv home.
    let tools = w.home.join(".venvs/tools");
    w.venv(&tools, &[]);
    allow(&w, &w.root, &[tools.to_str().unwrap()]);
    let evil = w.p("evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(evil.join(".venv"), "tools\n").unwrap();
    std::fs::write(evil.join("uv.lock"), "").unwrap();
    std::fs::write(evil.join("pyproject.toml"), "[project]\nname = 'x'\n").unwrap();
    let snap = s.cd(&evil);
    assert_inactive(&snap, BASE_PATH, "named from a project nobody allowed");
    said(
        &snap,
        "is allowed by itself, not from",
        1,
        "named from elsewhere",
    );

    // An allow file from before venvsh recorded venvs (`allow\nPATH`) still works, and
    // is rewritten with the venv it let activate.
    let old = w.project("old");
    allow(&w, &old, &[]);
    let file = store_file(&w, &old);
    let mut legacy = b"allow\n".to_vec();
    legacy.extend_from_slice(&b(&old));
    std::fs::write(&file, &legacy).unwrap();
    let snap = s.cd(&old);
    assert_active(
        &snap,
        &old.join(".venv"),
        b"old",
        BASE_PATH,
        "old allow file",
    );
    let now = std::fs::read(&file).unwrap();
    assert!(now.starts_with(&legacy) && now.len() > legacy.len() && now.contains(&0));
    // `status` says what the allow covers.
    let status = String::from_utf8(w.venvsh(&["status"], &old).stdout).unwrap();
    assert!(
        status
            .lines()
            .any(|l| l.starts_with("covers:")
                && l.contains(&old.join(".venv").display().to_string())),
        "{status}"
    );
    s.cd(&w.root);

    // Issue 26 §3: the venv's root or site-packages writable by others is refused, as
    // bin and pyvenv.cfg were.
    use std::os::unix::fs::PermissionsExt;
    for (dir, mode, at) in [(old.join(".venv"), 0o777, &old), (sp.clone(), 0o775, &proj)] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
        let snap = s.cd(at);
        let step = format!("{} {mode:o}", dir.display());
        assert_inactive(&snap, BASE_PATH, &step);
        said(&snap, "is writable by", 1, &step);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        s.cd(&w.root);
    }
    assert!(s.alive());
}

/// Issue 34 §3: a repository nobody allowed can link its `.venv` (or `.pdm-python`) to a
/// file you can read (`~/.git-credentials`, `/proc/self/environ`). What that file holds
/// reaches no output: not the hook's hint, not `status` (text or JSON), not `venvsh env`
/// (a CI log). The line says what kind of file is where instead. (`venvsh env --trust`
/// vouches for the checkout: its text is then the project's own.)
#[test]
fn a_linked_secret_never_reaches_the_screen() {
    let w = World::new("secret");
    let secret = w.p("home/.git-credentials");
    std::fs::create_dir_all(secret.parent().unwrap()).unwrap();
    std::fs::write(&secret, "https://me:TOKEN-s3cr3t@example.invalid\n").unwrap();
    // An INI file of yours, as `pyvenv.cfg` of a venv folder in the repository.
    let ini = w.p("home/.aws/credentials");
    std::fs::create_dir_all(ini.parent().unwrap()).unwrap();
    std::fs::write(
        &ini,
        "[default]\nhome = /TOKEN-s3cr3t\nprompt = TOKEN-s3cr3t\nversion = TOKEN-s3cr3t\n",
    )
    .unwrap();
    let cases: [(&str, &str, &Path); 4] = [
        ("cred", ".venv", &secret),
        ("environ", ".venv", Path::new("/proc/self/environ")),
        ("pdm", ".pdm-python", &secret),
        ("ini", ".venv/pyvenv.cfg", &ini),
    ];
    for (name, link, to) in cases {
        let proj = w.p(name);
        std::fs::create_dir_all(&proj).unwrap();
        if link == ".pdm-python" {
            std::fs::write(proj.join("pyproject.toml"), "[project]\nname = \"x\"\n").unwrap();
        }
        if link == ".venv/pyvenv.cfg" {
            std::fs::create_dir_all(proj.join(".venv/bin")).unwrap();
            std::fs::write(proj.join(".venv/bin/python"), "").unwrap();
        }
        std::os::unix::fs::symlink(to, proj.join(link)).unwrap();
        for args in [
            &["export", "bash"][..],
            &["status"],
            &["status", "--json"],
            &["env"],
            &["env", "--format", "json"],
        ] {
            let out = w.venvsh_env(args, &proj, &[("SECRET_IN_ENVIRON", "TOKEN-s3cr3t")]);
            let all = [out.stdout, out.stderr].concat();
            let text = String::from_utf8_lossy(&all);
            assert!(
                !text.contains("TOKEN-s3cr3t") && !text.contains("SECRET_IN_ENVIRON"),
                "{name} {args:?}: {text}"
            );
        }
        // The hint still says where the problem is.
        let out = w.venvsh(&["export", "bash"], &proj);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(link) || err.contains("not allowed"),
            "{name}: {err}"
        );
    }
}
