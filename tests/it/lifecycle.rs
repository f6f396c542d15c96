//! A venv's life beyond activation (issue 5): create, on real venvs.

use crate::common;

use common::{Rc, Session, Sh, World};
use std::path::Path;

#[track_caller]
fn ok(out: &std::process::Output) -> String {
    common::check::succeeded(out);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn failed(out: &std::process::Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

fn cfg(venv: &Path) -> String {
    std::fs::read_to_string(venv.join("pyvenv.cfg")).unwrap()
}

fn python_arg() -> String {
    common::python().to_string_lossy().into_owned()
}

#[test]
fn create_with_each_option() {
    let w = World::new("create");
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    let py = python_arg();
    let run = |args: &[&str]| {
        let mut a = vec!["create", "--python", py.as_str()];
        a.extend_from_slice(args);
        w.venvsh(&a, &proj)
    };

    // Default path, without pip, and allowed.
    let err = ok(&run(&["--without-pip"]));
    assert!(err.contains("created"), "{err}");
    assert!(proj.join(".venv/pyvenv.cfg").is_file());
    assert!(!proj.join(".venv/bin/pip").exists());
    let status = String::from_utf8(w.venvsh(&["status"], &proj).stdout).unwrap();
    assert!(
        status.contains("trust:    allowed: by you (venvsh allow or venvsh create)"),
        "{status}"
    );

    // Over an existing venv: said, not silently ignored.
    let err = failed(&run(&["--without-pip"]));
    assert!(
        err.contains("--clear") && err.contains("--upgrade"),
        "{err}"
    );
    std::fs::write(proj.join(".venv/marker"), "").unwrap();
    ok(&run(&["--without-pip", "--clear"]));
    assert!(!proj.join(".venv/marker").exists(), "--clear empties it");
    ok(&run(&["--without-pip", "--upgrade"]));

    // Several paths, each with the options.
    ok(&run(&[
        "--without-pip",
        "--prompt",
        "it's a \"name\"",
        "--system-site-packages",
        "--copies",
        "a",
        "b/c",
    ]));
    for v in [proj.join("a"), proj.join("b/c")] {
        let c = cfg(&v);
        assert!(c.contains("prompt = 'it\\'s a \"name\"'"), "{c}");
        assert!(c.contains("include-system-site-packages = true"), "{c}");
        assert!(
            !v.join("bin/python")
                .symlink_metadata()
                .unwrap()
                .file_type()
                .is_symlink(),
            "--copies"
        );
    }
    ok(&run(&["--without-pip", "--symlinks", "s"]));
    assert!(
        proj.join("s/bin/python")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // By version, found on PATH (PATH holds /usr/bin).
    let version = String::from_utf8(
        std::process::Command::new(common::python())
            .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let out = w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            version.trim(),
            "byversion",
        ],
        &proj,
    );
    ok(&out);
    assert!(cfg(&proj.join("byversion")).contains(&format!("version = {}", version.trim())));
}

/// `create` without `--python` uses the version `.python-version` asks for (the file uv
/// and pyenv write), found from the folder up.
#[test]
fn create_follows_the_python_version_file() {
    let w = World::new("pyver");
    let proj = w.p("proj/sub");
    std::fs::create_dir_all(&proj).unwrap();
    let version = common::python_on(b"", "import sys; print('%d.%d' % sys.version_info[:2])");
    let version = version.trim();
    let file = w.p("proj/.python-version");
    std::fs::write(&file, format!("# pinned\n{version}\n")).unwrap();
    let err = ok(&w.venvsh(&["create", "--without-pip"], &proj));
    assert!(
        err.contains(&format!("Python {version}, as ")) && err.contains(".python-version asks"),
        "{err}"
    );
    let cfg = std::fs::read_to_string(proj.join(".venv/pyvenv.cfg")).unwrap();
    assert!(cfg.contains(&format!("version = {version}.")), "{cfg}");
    // A version that is not there: the error names the file.
    std::fs::write(&file, "2.9\n").unwrap();
    let err = failed(&w.venvsh(&["create", "--without-pip", "other"], &proj));
    assert!(
        err.contains("no Python 2.9") && err.contains(".python-version"),
        "{err}"
    );
    assert!(!proj.join("other").exists());
    // Not a version number (pyenv's `system`, an env's name): said, and the default used.
    std::fs::write(&file, "system\n").unwrap();
    let err = ok(&w.venvsh(&["create", "--without-pip", "third"], &proj));
    assert!(err.contains("'system' is not a Python version"), "{err}");
    assert!(proj.join("third/pyvenv.cfg").is_file());
    // --python wins over the file.
    std::fs::write(&file, "2.9\n").unwrap();
    ok(&w.venvsh(
        &["create", "--without-pip", "--python", version, "fourth"],
        &proj,
    ));
}

#[test]
fn create_refuses_bad_input_and_leaves_nothing() {
    let w = World::new("create-bad");
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    let err = failed(&w.venvsh(&["create", "--without-pip", "--python", "3.99", "x"], &proj));
    assert!(err.contains("no Python 3.99"), "{err}");
    assert!(!proj.join("x").exists());
    let err = failed(&w.venvsh(&["create", "--python", "/no/such/python", "x"], &proj));
    assert!(err.contains("/no/such/python"), "{err}");
    std::fs::write(proj.join("afile"), "").unwrap();
    let err = failed(&w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            &python_arg(),
            "afile",
        ],
        &proj,
    ));
    assert!(err.contains("not a folder"), "{err}");
    // Several paths: one bad one, none made.
    let err = failed(&w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            &python_arg(),
            "good",
            "afile",
        ],
        &proj,
    ));
    assert!(
        err.contains("afile") && !proj.join("good").exists(),
        "{err}"
    );
    // A venv module that fails: nothing half-made.
    let fake = w.p("fakepy");
    std::fs::write(&fake, "#!/bin/sh\nmkdir -p \"$3\"; exit 3\n").unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let err = failed(&w.venvsh(
        &["create", "--python", &fake.to_string_lossy(), "half"],
        &proj,
    ));
    assert!(
        err.contains("failed") && err.contains("nothing was left"),
        "{err}"
    );
    assert!(!proj.join("half").exists());
}

/// `--home NAME`: made in the venv home, the project linked with a .venv file, and a cd
/// into the project activates the linked venv (it was created, so it is allowed).
#[test]
fn create_in_home_links_and_activates() {
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("create-home");
    let proj = w.p("proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    let err = ok(&w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            &python_arg(),
            "--home",
            "tools",
        ],
        &proj,
    ));
    assert!(err.contains("linked"), "{err}");
    let venv = w.home.join(".venvs/tools");
    assert!(venv.join("pyvenv.cfg").is_file());
    assert_eq!(
        std::fs::read_to_string(proj.join(".venv")).unwrap(),
        "tools\n"
    );
    // Written by rename, whole, with a mode others can read; no temporary file left.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(proj.join(".venv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    let left: Vec<_> = std::fs::read_dir(&proj)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    let err = failed(&w.venvsh(&["create", "--without-pip", "--home", "other"], &proj));
    assert!(err.contains(".venv exists already"), "{err}");

    let mut s = Session::start(&w, Sh::Bash, &Rc::default());
    let snap = s.cd(&proj.join("sub"));
    assert_eq!(
        snap.ve.as_deref(),
        Some(venv.to_string_lossy().as_bytes()),
        "{}",
        snap.out()
    );
    // And through the shell function, a new venv here is active at the next prompt.
    s.cd(&w.root);
    let fresh = w.p("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    s.cd(&fresh);
    let snap = s.run(&format!(
        "venvsh create --without-pip --python {}",
        python_arg()
    ));
    assert_eq!(
        snap.ve.as_deref(),
        Some(fresh.join(".venv").to_string_lossy().as_bytes()),
        "{}",
        snap.out()
    );
}

/// `venvsh run`: the venv's python and environment, the exit status passed through,
/// the shell's own environment untouched; default venv = the current project's.
#[test]
fn run_passes_environment_and_status() {
    let w = World::new("run");
    let proj = w.project("proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    let other = w.home.join(".venvs/tools");
    w.venv(&other, &[]);
    let out = w.venvsh_env(
        &[
            "run",
            "--",
            "python",
            "-c",
            "import os,sys; print(sys.prefix); print(os.environ.get('PYTHONHOME')); sys.exit(7)",
        ],
        &proj.join("sub"),
        &[("PYTHONHOME", "/bad")],
    );
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, format!("{}\nNone\n", proj.join(".venv").display()));
    let out = w.venvsh(
        &[
            "run",
            "--venv",
            "tools",
            "--",
            "sh",
            "-c",
            "echo \"$VIRTUAL_ENV\"; exit 0",
        ],
        &w.root,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        other.to_string_lossy()
    );
    let out = w.venvsh(&["run", "--", "no-such-command-xyz"], &proj);
    let err = failed(&out);
    assert!(err.contains("cannot run no-such-command-xyz"), "{err}");
    let err = failed(&w.venvsh(&["run", "--", "true"], &w.root));
    assert!(
        err.contains("no venv") && err.contains("venvsh run --venv PATH|NAME"),
        "the fix for run is --venv: {err}"
    );
    assert_eq!(
        w.venvsh(&["run"], &proj).status.code(),
        Some(2),
        "no command is bad usage"
    );
}

#[test]
fn remove_refuses_what_is_not_a_venv_asks_and_forgets_trust() {
    let w = World::new("remove");
    let proj = w.p("proj");
    std::fs::create_dir_all(proj.join("notvenv")).unwrap();
    let err = failed(&w.venvsh(&["remove", "--yes", "notvenv"], &proj));
    assert!(
        err.contains("not a venv") || err.contains("holds no venv"),
        "{err}"
    );
    assert!(proj.join("notvenv").exists());

    ok(&w.venvsh(
        &["create", "--without-pip", "--python", &python_arg()],
        &proj,
    ));
    let store = w.p("data/venvsh/trust");
    assert_eq!(std::fs::read_dir(&store).unwrap().count(), 1);
    // On a terminal it asks; "n" keeps it.
    let ask = |answer: &[u8]| {
        let mut pty = common::pty::Pty::spawn(w.command(&["remove"], &proj));
        pty.read_until(b"[y/N] ", std::time::Duration::from_secs(10))
            .unwrap();
        pty.send(answer);
        let _ = pty.drain_for(std::time::Duration::from_millis(300));
        pty.wait()
    };
    assert_eq!(ask(b"n\n"), Some(1));
    assert!(proj.join(".venv/pyvenv.cfg").is_file());
    assert_eq!(ask(b"y\n"), Some(0));
    assert!(!proj.join(".venv").exists());
    assert_eq!(
        std::fs::read_dir(&store).unwrap().count(),
        0,
        "its trust mark is forgotten"
    );
}

/// Not elvish: it has no exit status for `doctor`'s, and its dump cannot see on the same
/// line a `deactivate` removed there (elvish resolves names where a line is compiled).
const SHELLS: [Sh; 7] = [
    Sh::Bash,
    Sh::Zsh,
    Sh::Fish,
    Sh::Tcsh,
    Sh::Csh,
    Sh::Xonsh,
    Sh::Nu,
];

/// Removing the active venv from a shell: the `remove` command itself deactivates it
/// (seen on the same command line, before any prompt hook), in every shell.
#[test]
fn remove_active_venv_in_a_shell() {
    for sh in SHELLS {
        let Some(_) = sh.require() else { continue };
        let w = World::new("remove-active");
        w.trust_all();
        let proj = w.project("proj");
        let mut s = Session::start(&w, sh, &Rc::default());
        let snap = s.cd(&proj);
        assert!(snap.ve.is_some(), "{}: {}", sh.name(), snap.out());
        let snap = s.run_then_dump("venvsh remove --yes");
        assert_eq!(snap.ve, None, "{}: {}", sh.name(), snap.out());
        assert_eq!(snap.vep, None, "{}", sh.name());
        assert!(!snap.deactivate, "{}: deactivate is gone", sh.name());
        assert_eq!(
            String::from_utf8_lossy(&snap.path),
            "/usr/bin:/bin",
            "{}",
            sh.name()
        );
        assert!(!proj.join(".venv").exists());
        // What the user did, and that it is off: not why it could not stay on.
        let lines = snap.venvsh_lines();
        assert!(
            lines.len() == 2
                && lines[0].trim().starts_with("venvsh: removed ")
                && lines[1].trim() == "venvsh: deactivated proj",
            "{}: {lines:?}",
            sh.name()
        );
        // The prompt is clean at the next prompt, and nothing is said again.
        let snap = s.run("true");
        assert_eq!(
            String::from_utf8_lossy(&snap.prompt),
            "::vs:: ",
            "{}",
            sh.name()
        );
        assert_eq!(snap.venvsh_lines(), Vec::<String>::new(), "{}", sh.name());
        // `--help` through the function prints help, runs nothing.
        let out = s.raw("venvsh remove --help");
        assert!(
            String::from_utf8_lossy(&out).contains("Example"),
            "{}",
            sh.name()
        );
    }
}

#[test]
fn list_json_names_home_and_allowed_venvs_with_health() {
    let w = World::new("list");
    let home = w.home.join(".venvs");
    w.venv(&home.join("tools"), &[]);
    let base = w.venv_from_copy(&home.join("old"));
    std::fs::remove_dir_all(&base).unwrap();
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    ok(&w.venvsh(
        &["create", "--without-pip", "--python", &python_arg()],
        &proj,
    ));
    let venv = proj.join(".venv").to_string_lossy().into_owned();
    let out = w.venvsh_env(&["list", "--json"], &w.root, &[("VIRTUAL_ENV", &venv)]);
    ok(&out);
    let lines = common::python_on(
        &out.stdout,
        "import json,sys; d=json.load(sys.stdin); print('\\n'.join(f\"{e['name']}|{e['health']}|{e['active']}|{e['source']}|{e['python'] is not None}|{e['size_bytes'] > 0}\" for e in d))",
    );
    assert_eq!(
        lines,
        "old|broken|False|home|True|True\ntools|usable|False|home|True|True\nproj|usable|True|allowed|True|True\n"
    );
    let text = String::from_utf8(w.venvsh(&["list"], &w.root).stdout).unwrap();
    assert!(
        text.contains("BROKEN") && text.contains("(allowed)"),
        "{text}"
    );
}

/// `venvsh doctor` in every real shell: the hook is seen and fired; a broken venv and a
/// PATH entry twice are found, with exit 1; a clean setup exits 0.
#[test]
fn doctor_finds_hook_broken_venvs_and_path_twice() {
    for sh in SHELLS {
        let Some(_) = sh.require() else { continue };
        let w = World::new("doctor");
        let proj = w.p("proj");
        std::fs::create_dir_all(&proj).unwrap();
        let mut s = Session::start(&w, sh, &Rc::default());
        s.cd(&proj);
        let snap = s.run("venvsh doctor");
        let out = snap.out();
        assert_eq!(snap.status, "0", "{}: {out}", sh.name());
        let shell = if sh.is_csh() { "tcsh" } else { sh.name() };
        assert!(
            out.contains(&format!("the hook is loaded ({shell})"))
                && out.contains("it ran at the last prompt"),
            "{}: {out}",
            sh.name()
        );
        let base = w.venv_from_copy(&w.home.join(".venvs/old"));
        std::fs::remove_dir_all(&base).unwrap();
        s.run(&sh.path_wrap("/usr/bin", None));
        let snap = s.run("venvsh doctor");
        let out = snap.out();
        assert_eq!(snap.status, "1", "{}: {out}", sh.name());
        assert!(
            out.contains("PATH has these twice: /usr/bin"),
            "{}: {out}",
            sh.name()
        );
        assert!(
            out.contains("old is broken") && out.contains("venvsh create --clear"),
            "{}: {out}",
            sh.name()
        );
        // Without the hook (the bare binary), doctor says so.
        let out = w.venvsh(&["doctor"], &proj);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stdout).contains("the hook is not loaded"));
    }
}

/// `venvsh status --json`: parsed, and every field says what it should.
#[test]
fn status_json_reports_project_venv_base_and_trust() {
    let w = World::new("status");
    let proj = w.p("proj");
    std::fs::create_dir_all(proj.join("sub")).unwrap();
    ok(&w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            &python_arg(),
            "--prompt",
            "api",
        ],
        &proj,
    ));
    let venv = proj.join(".venv").to_string_lossy().into_owned();
    let out = w.venvsh_env(
        &["status", "--json"],
        &proj.join("sub"),
        &[("VIRTUAL_ENV", &venv)],
    );
    ok(&out);
    let text = common::python_on(
        &out.stdout,
        "import json,sys; d=json.load(sys.stdin); print('|'.join(str(d[k]) for k in ['active','why','project','found_by','venv','name','base_python_exists','health','trust'])); print(d['pyvenv_cfg']['prompt'], d['python'] == d['pyvenv_cfg']['version'])",
    );
    let p = proj.to_string_lossy();
    assert_eq!(
        text,
        format!(
            "{venv}|foreign|{p}|.venv folder|{venv}|api|True|usable|allowed: by you (venvsh allow or venvsh create)\n'api' True\n"
        )
    );
}

/// venvs made by `virtualenv` and `uv venv` (each with its own pyvenv.cfg dialect):
/// a cd activates them with their prompt, and status, list, run, remove treat them as
/// they treat `python -m venv`'s.
#[test]
#[ignore = "full tier"]
fn virtualenv_and_uv_venvs_work_the_same() {
    let Some(_) = Sh::Bash.require() else { return };
    let tools: [(&str, &[&str]); 2] = [
        (
            "virtualenv",
            &[
                "-m",
                "virtualenv",
                "-q",
                "--no-pip",
                "--no-setuptools",
                "--no-wheel",
            ],
        ),
        ("uv", &["-m", "uv", "venv", "-q", "--no-config"]),
    ];
    for (tool, args) in tools {
        let Some(runner) = common::python_with(tool) else {
            return;
        };
        let w = World::new(tool);
        let proj = w.p(format!("proj-{tool}"));
        std::fs::create_dir_all(proj.join("sub")).unwrap();
        let venv = proj.join(".venv");
        let out = std::process::Command::new(&runner)
            .args(args)
            .arg("--python")
            .arg(common::python())
            .args(["--prompt", "my app"])
            .arg(&venv)
            .env("UV_NO_CACHE", "1")
            .env("UV_PYTHON_DOWNLOADS", "never")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let venv_s = venv.to_string_lossy().into_owned();
        ok(&w.venvsh(&["allow"], &proj));

        let mut s = Session::start(&w, Sh::Bash, &Rc::default());
        let snap = s.cd(&proj.join("sub"));
        assert_eq!(
            snap.ve.as_deref(),
            Some(venv_s.as_bytes()),
            "{tool}: {}",
            snap.out()
        );
        assert_eq!(snap.vep.as_deref(), Some(&b"my app"[..]), "{tool}");
        assert_eq!(
            String::from_utf8_lossy(&snap.prompt),
            "(my app) ::vs:: ",
            "{tool}"
        );
        assert_eq!(snap.prefix.as_deref(), Some(venv_s.as_bytes()), "{tool}");
        let snap = s.cd(&w.root);
        assert_eq!(snap.ve, None, "{tool}");
        assert_eq!(
            String::from_utf8_lossy(&snap.path),
            "/usr/bin:/bin",
            "{tool}"
        );

        let version =
            common::python_on(b"", "import sys; print('%d.%d.%d' % sys.version_info[:3])");
        let json = common::python_on(
            &w.venvsh_env(&["status", "--json"], &proj, &[("VIRTUAL_ENV", &venv_s)])
                .stdout,
            "import json,sys; d=json.load(sys.stdin); print(d['name'], d['python'], d['health'], d['base_python_exists'])",
        );
        assert_eq!(
            json,
            format!("my app {} usable True\n", version.trim()),
            "{tool} status"
        );
        let json = common::python_on(
            &w.venvsh(&["list", "--json"], &w.root).stdout,
            "import json,sys; print([(e['python'], e['health']) for e in json.load(sys.stdin)])",
        );
        assert_eq!(
            json,
            format!("[('{}', 'usable')]\n", version.trim()),
            "{tool} list"
        );
        let out = w.venvsh(
            &[
                "run",
                "--",
                "python",
                "-c",
                "import sys; print(sys.prefix); sys.exit(4)",
            ],
            &proj,
        );
        assert_eq!(out.status.code(), Some(4), "{tool} run");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            venv_s,
            "{tool} run"
        );
        ok(&w.venvsh(&["remove", "--yes"], &proj));
        assert!(!venv.exists(), "{tool} remove");
    }
}

/// Runs `c` as an ordinary user: root may write anywhere, so "not writable" can only be
/// shown as someone else (nobody, 65534). Unprivileged, it runs as it is.
fn as_nobody(c: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    if nix::unistd::geteuid().is_root() {
        unsafe {
            c.pre_exec(|| {
                nix::unistd::setgroups(&[]).map_err(std::io::Error::from)?;
                nix::unistd::setgid(nix::unistd::Gid::from_raw(65534))
                    .map_err(std::io::Error::from)?;
                nix::unistd::setuid(nix::unistd::Uid::from_raw(65534)).map_err(std::io::Error::from)
            });
        }
    }
}

/// Issue 5's bad input: no write permission, a venv home that is missing, a `.venv` link
/// naming nothing. One clear line each, exit 1, nothing half-made.
#[test]
fn bad_input_gets_one_line_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::new("bad-input");
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    let py = python_arg();

    // No write permission.
    let ro = w.p("ro");
    std::fs::create_dir_all(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut c = w.command(
        &["create", "--without-pip", "--python", &py, "ro/x"],
        &w.root,
    );
    as_nobody(&mut c);
    let err = failed(&c.output().unwrap());
    assert!(err.contains("is not writable by you"), "{err}");
    assert!(!ro.join("x").exists());

    // A venv home set by hand that is missing: said, not made.
    let missing = w.p("no-such-home");
    let m = missing.to_string_lossy().into_owned();
    let out = w.venvsh_env(
        &[
            "create",
            "--without-pip",
            "--python",
            &py,
            "--home",
            "tools",
        ],
        &proj,
        &[("WORKON_HOME", &m)],
    );
    let err = failed(&out);
    assert!(
        err.contains("does not exist") && err.contains("$WORKON_HOME"),
        "{err}"
    );
    assert!(!missing.exists() && !proj.join(".venv").exists());
    for args in [
        &["run", "--venv", "tools", "--", "true"][..],
        &["remove", "--yes", "tools"],
    ] {
        let err = failed(&w.venvsh_env(args, &proj, &[("WORKON_HOME", &m)]));
        assert!(
            err.contains("venv home") && err.contains("does not exist"),
            "{err}"
        );
    }
    // The default home (~/.venvs) is made on first use.
    ok(&w.venvsh(
        &[
            "create",
            "--without-pip",
            "--python",
            &py,
            "--home",
            "tools",
        ],
        &proj,
    ));
    assert!(w.home.join(".venvs/tools/pyvenv.cfg").is_file());

    // A `.venv` link naming nothing.
    let linked = w.p("linked");
    std::fs::create_dir_all(&linked).unwrap();
    std::fs::write(linked.join(".venv"), "ghost\n").unwrap();
    for args in [
        &["activate", "--shell", "bash"][..],
        &["run", "--", "true"],
        &["remove", "--yes"],
    ] {
        let out = w.venvsh(args, &linked);
        let err = failed(&out);
        assert!(
            // Not what it names (issue 34 §3): the file may be a link to one of yours.
            err.contains("names no existing venv")
                && !err.contains("ghost")
                && err.contains("venvsh create"),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: no code for the shell");
    }
    assert_eq!(
        std::fs::read_to_string(linked.join(".venv")).unwrap(),
        "ghost\n"
    );
}

/// pip bootstrap and `--upgrade-deps`, on a terminal: the steps are announced before
/// they run, pip's own output comes through, and the venv has a working pip. pip is
/// pointed at the wheels Python bundles (no network needed: PIP_NO_INDEX).
#[test]
#[ignore = "full tier"]
fn create_with_pip_and_upgrade_deps_shows_progress_on_a_terminal() {
    let w = World::new("create-pip");
    let wheels = common::python_on(
        b"",
        "import ensurepip, glob, os; print([d for d in ['/usr/share/python-wheels', os.path.join(os.path.dirname(ensurepip.__file__), '_bundled')] if glob.glob(d + '/pip-*.whl')][0])",
    );
    let mut c = w.command(
        &[
            "create",
            "--python",
            &python_arg(),
            "--upgrade-deps",
            "with-pip",
        ],
        &w.root,
    );
    c.env("PIP_NO_INDEX", "1")
        .env("PIP_FIND_LINKS", wheels.trim())
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1");
    let mut pty = common::pty::Pty::spawn(c);
    let done = pty
        .read_until(b"\n", std::time::Duration::from_secs(1))
        .is_ok()
        && pty
            .read_until(b"venvsh: created", std::time::Duration::from_secs(120))
            .is_ok();
    let _ = pty.drain_for(std::time::Duration::from_millis(300));
    let log = String::from_utf8_lossy(&pty.log).into_owned();
    assert!(done, "{log}");
    assert_eq!(pty.wait(), Some(0), "{log}");
    let announce = log
        .find("with-pip, installing pip (a few seconds)...")
        .expect(&log);
    let upgrade = log.find("venvsh: upgrading pip").expect(&log);
    // pip's own output, which `python -m venv --upgrade-deps` would have hidden.
    let pip_said = log.find("Requirement already satisfied: pip").expect(&log);
    let created = log.find("venvsh: created").expect(&log);
    assert!(
        announce < upgrade && upgrade < pip_said && pip_said < created,
        "{log}"
    );
    assert!(log[created..].contains(" s\r\n"), "elapsed time: {log}");
    let venv = w.p("with-pip");
    let out = std::process::Command::new(venv.join("bin/pip"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&*venv.to_string_lossy()),
        "pip runs from the venv"
    );
}
