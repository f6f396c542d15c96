//! behaviour.md §2, projects whose tool keeps the environment: Poetry, Pipenv, PDM, Hatch
//! and uv each make their environment for a project in a throwaway HOME, and after
//! `venvsh allow` a cd in bash and in zsh activates exactly the path the tool reports.
//! The tools come from PyPI (`uv tool install poetry`, …; README "Running the tests").

use crate::common;
use common::check::*;
use common::{Rc, Session, Sh, World};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One tool's run: what the project holds, the commands that make its environment, the
/// command that prints where it is (its last line; `python` marks a `sys.prefix` print),
/// and what the user's shell exports for it.
struct Case {
    tool: &'static str,
    files: &'static [(&'static str, &'static str)],
    make: &'static [&'static [&'static str]],
    report: &'static [&'static str],
    exports: &'static [(&'static str, &'static str)],
}

const PYPROJECT: &str = "[project]\nname = \"My_App.x\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\ndependencies = []\n";

const CASES: &[Case] = &[
    Case {
        tool: "poetry",
        files: &[(
            "pyproject.toml",
            "[project]\nname = \"My_App.x\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\ndependencies = []\n[tool.poetry]\npackage-mode = false\n",
        )],
        make: &[&["env", "use", "@PYTHON@"]],
        report: &["env", "info", "-p"],
        exports: &[],
    },
    Case {
        tool: "pipenv",
        files: &[("Pipfile", "[packages]\n\n[dev-packages]\n")],
        make: &[&["--python", "@PYTHON@"]],
        report: &["--venv"],
        exports: &[],
    },
    Case {
        tool: "pdm",
        files: &[("pyproject.toml", PYPROJECT)],
        // A named venv lives in PDM's venv folder, outside the project; `pdm use`
        // writes .pdm-python.
        make: &[
            &["venv", "create", "--name", "t", "@PYTHON@"],
            &["use", "-f", "--venv", "t"],
        ],
        report: &["venv", "--path", "t"],
        exports: &[],
    },
    Case {
        tool: "hatch",
        files: &[(
            "pyproject.toml",
            "[project]\nname = \"My_App.x\"\nversion = \"0.1.0\"\ndependencies = []\n[tool.hatch.envs.default]\nskip-install = true\npython = \"@PYTHON@\"\n",
        )],
        make: &[&["env", "create"]],
        report: &["env", "find"],
        exports: &[],
    },
    Case {
        tool: "uv",
        files: &[("pyproject.toml", PYPROJECT)],
        make: &[&[
            "sync",
            "--offline",
            "--no-install-project",
            "--python",
            "@PYTHON@",
        ]],
        report: &[
            "run",
            "--offline",
            "--no-sync",
            "python",
            "-c",
            "import sys; print(sys.prefix)",
        ],
        exports: &[("UV_PROJECT_ENVIRONMENT", "envs/dev")],
    },
];

/// The tool's own program, found on PATH (the test's, not the world's).
fn program(tool: &str) -> Option<PathBuf> {
    common::have(tool).then(|| common::which(tool)).flatten()
}

/// `tool ARGS` in `dir` as the world's user, with the exports: its stdout.
fn run(w: &World, tool: &Path, args: &[&str], dir: &Path, exports: &[(&str, &str)]) -> String {
    let python = common::python();
    let mut c: Command = w.run_in(tool, dir);
    c.args(
        args.iter()
            .map(|a| a.replace("@PYTHON@", &python.to_string_lossy())),
    )
    .envs(exports.iter().copied())
    // Nothing from the network, nothing interactive, no Python downloads.
    .env("PIP_NO_INDEX", "1")
    .env("UV_PYTHON_DOWNLOADS", "never")
    .env("PIPENV_YES", "1")
    .env("PIPENV_NOSPIN", "1")
    .env("PDM_CHECK_UPDATE", "false")
    .env("POETRY_NO_INTERACTION", "1")
    .env("CI", "1");
    let out = common::timeout(&mut c, 300);
    eprintln!("{} {args:?}", tool.display());
    succeeded(&out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn each_tool_makes_what_venvsh_finds(case: &Case) {
    let Some(tool) = program(case.tool) else {
        return;
    };
    let w = World::new(case.tool);
    let proj = w.p("projects/My App é");
    std::fs::create_dir_all(proj.join("src/deep")).unwrap();
    let python = common::python();
    for (name, text) in case.files {
        let text = text.replace("@PYTHON@", &python.to_string_lossy());
        std::fs::write(proj.join(name), text).unwrap();
    }
    for args in case.make {
        run(&w, &tool, args, &proj, case.exports);
    }
    let reported = run(&w, &tool, case.report, &proj, case.exports);
    let env = reported
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string();
    eprintln!("{} reports {env}", case.tool);
    assert!(
        Path::new(&env).join("pyvenv.cfg").is_file(),
        "{}: it reports {env:?}, which is no venv",
        case.tool
    );
    assert!(
        !Path::new(&env).starts_with(&proj) || case.tool == "uv",
        "{}: the environment must be outside the project to test its rule: {env}",
        case.tool
    );

    // Not allowed yet: the hint, nothing activated.
    let status = w.venvsh_env(&["status"], &proj.join("src/deep"), case.exports);
    let text = String::from_utf8_lossy(&status.stdout);
    let by = match case.tool {
        "poetry" => "Poetry's rules",
        "pipenv" => "Pipenv's rules",
        "pdm" => "PDM's rules",
        "hatch" => "Hatch's rules",
        _ => "uv's rules",
    };
    // The venv as status names it: from the home folder as `~/…` (its pyvenv.cfg, which
    // also held the path, is not shown before the allow).
    let home = w.home.to_string_lossy().into_owned();
    let named = match env.strip_prefix(&home) {
        Some(rest) => format!("~{rest}"),
        None => env.clone(),
    };
    assert!(
        text.contains(&format!("(found by {by})")) && text.contains(&named),
        "{}: {text}",
        case.tool
    );
    succeeded(&w.venvsh_env(&["allow"], &proj, case.exports));

    let pre: String = case
        .exports
        .iter()
        .map(|(k, v)| format!("export {k}={}\n", common::q(Path::new(v))))
        .collect();
    for sh in [Sh::Bash, Sh::Zsh] {
        if sh.require().is_none() {
            continue;
        }
        let mut s = Session::start(
            &w,
            sh,
            &Rc {
                pre: pre.clone(),
                ..Rc::default()
            },
        );
        let snap = s.cd(&proj.join("src/deep"));
        assert_eq!(
            snap.ve.as_deref(),
            Some(env.as_bytes()),
            "{} in {}: {}",
            case.tool,
            sh.name(),
            snap.out()
        );
        assert_eq!(
            snap.prefix.as_deref(),
            Some(env.as_bytes()),
            "{}",
            case.tool
        );
        let snap = s.cd(&w.root);
        assert_eq!(snap.ve, None, "{} in {}", case.tool, sh.name());
        assert_eq!(
            String::from_utf8_lossy(&snap.path),
            "/usr/bin:/bin",
            "{} in {}",
            case.tool,
            sh.name()
        );
    }
}

#[test]
#[ignore = "full tier"]
fn poetry() {
    each_tool_makes_what_venvsh_finds(&CASES[0]);
}

#[test]
#[ignore = "full tier"]
fn pipenv() {
    each_tool_makes_what_venvsh_finds(&CASES[1]);
}

#[test]
#[ignore = "full tier"]
fn pdm() {
    each_tool_makes_what_venvsh_finds(&CASES[2]);
}

#[test]
#[ignore = "full tier"]
fn hatch() {
    each_tool_makes_what_venvsh_finds(&CASES[3]);
}

#[test]
#[ignore = "full tier"]
fn uv_project_environment() {
    each_tool_makes_what_venvsh_finds(&CASES[4]);
}

/// A uv workspace member (its own pyproject.toml, no venv) keeps the workspace root's
/// `.venv`, and a sub-package with a pyproject.toml naming Poetry whose environment
/// does not exist lets the walk go on to it as well.
#[test]
#[ignore = "full tier"]
fn workspace_members_keep_the_root_venv() {
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("workspace");
    let root = w.p("ws");
    let member = root.join("packages/a");
    let poetry_member = root.join("packages/b");
    std::fs::create_dir_all(&member).unwrap();
    std::fs::create_dir_all(&poetry_member).unwrap();
    std::fs::write(
        root.join("pyproject.toml"),
        "[project]\nname = \"ws\"\nversion = \"0\"\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
    )
    .unwrap();
    std::fs::write(member.join("pyproject.toml"), PYPROJECT).unwrap();
    std::fs::write(
        poetry_member.join("pyproject.toml"),
        "[tool.poetry]\nname = \"b\"\n",
    )
    .unwrap();
    w.venv(&root.join(".venv"), &[]);
    succeeded(&w.venvsh(&["allow"], &root));
    let venv = root.join(".venv");
    let mut s = Session::start(&w, Sh::Bash, &Rc::default());
    for dir in [&member, &poetry_member] {
        let snap = s.cd(dir);
        assert_eq!(
            snap.ve.as_deref(),
            Some(venv.as_os_str().as_encoded_bytes()),
            "{}",
            snap.out()
        );
    }
}

/// Broken files of a managed project: one line naming the file and what is wrong,
/// nothing activated, and the shell goes on.
#[test]
#[ignore = "full tier"]
fn broken_manager_files_cost_one_line() {
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("broken-managers");
    w.trust_all();
    // (files, the one the message must name)
    let cases: [(&[(&str, &str)], &str); 5] = [
        (
            &[("pyproject.toml", "[tool.poetry]\nname = \"x\n")],
            "pyproject.toml",
        ),
        (&[("Pipfile", "[packages\n")], "Pipfile"),
        (
            &[
                (".pdm-python", "/nowhere/bin/python\n"),
                ("pyproject.toml", PYPROJECT),
            ],
            ".pdm-python",
        ),
        (
            &[
                ("pyproject.toml", PYPROJECT),
                ("hatch.toml", "[envs.default\n"),
            ],
            "hatch.toml",
        ),
        // A poetry.lock makes a broken pyproject.toml Poetry's to read.
        (
            &[("poetry.lock", ""), ("pyproject.toml", "name = \n")],
            "pyproject.toml",
        ),
    ];
    let mut s = Session::start(&w, Sh::Bash, &Rc::default());
    for (i, (files, shown)) in cases.iter().enumerate() {
        let proj = w.p(format!("p-{i}"));
        std::fs::create_dir_all(&proj).unwrap();
        for (file, text) in files.iter() {
            std::fs::write(proj.join(file), text).unwrap();
        }
        let tag = files[0].0;
        let snap = s.cd(&proj);
        let lines = snap.venvsh_lines();
        assert_eq!(snap.ve, None, "{tag}");
        assert_eq!(lines.len(), 1, "{tag}: {lines:?}");
        assert!(lines[0].contains(shown), "{tag}: {lines:?}");
        assert_eq!(
            String::from_utf8_lossy(&snap.path),
            "/usr/bin:/bin",
            "{tag}"
        );
        let snap = s.run("echo still here");
        assert!(snap.out().contains("still here"), "{tag}");
    }
}

/// behaviour.md §4 with the real uv: in a uv project whose venv is linked from elsewhere
/// (a `.venv` file), the active venv is the one `uv sync` uses (no warning that it
/// ignores it, no second venv made), and leaving restores `UV_PROJECT_ENVIRONMENT`.
#[test]
#[ignore = "full tier"]
fn uv_sync_uses_the_active_linked_venv() {
    let Some(uv) = program("uv") else { return };
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("uv-linked");
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(
        proj.join("pyproject.toml"),
        format!("{PYPROJECT}[tool.uv]\npackage = false\n"),
    )
    .unwrap();
    let venv = w.p("store/api");
    w.venv(&venv, &[]);
    std::fs::write(proj.join(".venv"), format!("{}\n", venv.display())).unwrap();
    succeeded(&w.venvsh(&["allow"], &proj));
    for (sh, before) in [(Sh::Bash, None), (Sh::Zsh, Some("mine"))] {
        if sh.require().is_none() {
            continue;
        }
        let pre = before
            .map(|b| format!("export UV_PROJECT_ENVIRONMENT={b}\n"))
            .unwrap_or_default();
        let mut s = Session::start(
            &w,
            sh,
            &Rc {
                pre,
                ..Rc::default()
            },
        );
        let snap = s.cd(&proj);
        assert_eq!(
            snap.ve.as_deref(),
            Some(venv.as_os_str().as_encoded_bytes()),
            "{}",
            snap.out()
        );
        let snap = s.run(&format!(
            "echo \"uvpe=$UV_PROJECT_ENVIRONMENT\"; UV_PYTHON_DOWNLOADS=never {} sync --offline 2>&1",
            common::q(&uv)
        ));
        let out = snap.out();
        assert!(
            out.contains(&format!("uvpe={}", venv.display())),
            "{}: {out}",
            sh.name()
        );
        assert!(!out.contains("does not match"), "{}: {out}", sh.name());
        assert!(proj.join(".venv").is_file(), "uv made a second venv: {out}");
        assert!(proj.join("uv.lock").is_file(), "uv sync ran: {out}");
        s.cd(&w.root);
        let out = s.run("echo \"uvpe=${UV_PROJECT_ENVIRONMENT-unset}\"").out();
        assert!(
            out.contains(&format!("uvpe={}", before.unwrap_or("unset"))),
            "{}: {out}",
            sh.name()
        );
        std::fs::remove_file(proj.join("uv.lock")).unwrap();
    }
}

/// behaviour.md §4: entering a project whose lock file changed after the venv's last
/// install says so once per entry, with the command that syncs it; an idle prompt says
/// nothing, and a venv installed since says nothing either.
#[test]
#[ignore = "full tier"]
fn stale_venv_said_once_per_entry() {
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("stale");
    w.trust_all();
    let proj = w.project("proj");
    let lib = proj.join(".venv/lib");
    let sp = std::fs::read_dir(&lib)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("site-packages"))
        .find(|p| p.is_dir())
        .expect("site-packages");
    let set = |t: std::time::SystemTime| {
        std::fs::File::open(&sp).unwrap().set_modified(t).unwrap();
    };
    let now = std::time::SystemTime::now();
    set(now - std::time::Duration::from_secs(3600));
    std::fs::write(proj.join("uv.lock"), "version = 1\n").unwrap();
    let said = |lines: Vec<String>| lines.iter().any(|l| l.contains("uv.lock changed after"));
    let mut s = Session::start(&w, Sh::Bash, &Rc::default());
    let snap = s.cd(&proj);
    let lines = snap.venvsh_lines();
    assert!(said(lines.clone()), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("'uv sync'")), "{lines:?}");
    for _ in 0..3 {
        assert!(s.run("true").venvsh_lines().is_empty());
    }
    s.cd(&proj.join(".venv"));
    assert!(!said(s.cd(&proj).venvsh_lines()), "a cd inside is no entry");
    s.cd(&w.root);
    assert!(
        said(s.cd(&proj).venvsh_lines()),
        "said again on the next entry"
    );
    set(now + std::time::Duration::from_secs(60));
    s.cd(&w.root);
    let snap = s.cd(&proj);
    assert!(
        snap.ve.is_some() && !said(snap.venvsh_lines()),
        "{}",
        snap.out()
    );
}

/// An environment the project's tool makes while the shell stays in the project folder
/// (`pipenv install`, `poetry install`) activates at the next prompt, as a `.venv` made
/// there does: the hook watches where the tool will put it.
#[test]
#[ignore = "full tier"]
fn an_environment_made_in_place_activates_at_the_next_prompt() {
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("made-in-place");
    w.trust_all();
    let proj = w.p("proj");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("Pipfile"), "[packages]\n").unwrap();
    let workon = w.p("workon");
    let env = workon.join("mine");
    let pre = format!(
        "export WORKON_HOME={}\nexport PIPENV_CUSTOM_VENV_NAME=mine\n",
        common::q(&workon)
    );
    let mut s = Session::start(
        &w,
        Sh::Bash,
        &Rc {
            pre,
            ..Rc::default()
        },
    );
    let snap = s.cd(&proj);
    assert_eq!(snap.ve, None, "{}", snap.out());
    w.venv(&env, &[]);
    let snap = s.run("true");
    assert_eq!(
        snap.ve.as_deref(),
        Some(env.as_os_str().as_encoded_bytes()),
        "{}",
        snap.out()
    );
    std::fs::remove_dir_all(&env).unwrap();
    let snap = s.run("true");
    assert_eq!(snap.ve, None, "{}", snap.out());
}
