//! Issue 28: environments other tools keep, in real shells. pyenv-virtualenv's names in
//! `.python-version` (§2), and uv's centralized project environments (§5): `.venv` as a
//! link into uv's cache, or as a file holding the path.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::path::Path;

fn allow(w: &World, dir: &Path) {
    let pyenv = w.p("pyenv");
    let out = w.venvsh_env(&["allow"], dir, &[("PYENV_ROOT", pyenv.to_str().unwrap())]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

mod pyenv {
    per_shell!(super::pyenv_virtualenv_names; bash Bash, zsh Zsh, fish Fish);
}

/// A `.python-version` naming a pyenv virtualenv activates it, laid out as
/// `pyenv virtualenv` lays it out (the venv in `versions/X.Y.Z/envs/NAME`, linked from
/// `versions/NAME`); one naming a Python version lets the walk go on to the project
/// above.
fn pyenv_virtualenv_names(sh: Sh) {
    let w = World::new("pyenv");
    let root = w.p("pyenv");
    let real = root.join("versions/3.99.0/envs/api");
    w.venv(&real, &[]);
    std::fs::create_dir_all(root.join("versions/3.99.0/bin")).unwrap();
    std::os::unix::fs::symlink(&real, root.join("versions/api")).unwrap();
    let proj = w.p("proj");
    std::fs::create_dir_all(proj.join("src")).unwrap();
    std::fs::write(proj.join(".python-version"), "api\n").unwrap();
    allow(&w, &proj);
    let outer = w.project("outer");
    std::fs::create_dir_all(outer.join("inner")).unwrap();
    std::fs::write(outer.join("inner/.python-version"), "3.99.0\n").unwrap();
    allow(&w, &outer);

    let rc = Rc {
        pre: format!("export PYENV_ROOT={}\n", q(&root)),
        ..Rc::default()
    };
    let mut s = Session::start(&w, sh, &rc);
    let snap = s.cd(&proj.join("src"));
    assert_active(
        &snap,
        &root.join("versions/api"),
        b"api",
        BASE_PATH,
        "pyenv name",
    );
    let snap = s.cd(&outer.join("inner"));
    assert_active(
        &snap,
        &outer.join(".venv"),
        b"outer",
        BASE_PATH,
        "a version number",
    );
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "left");
    // Made after the cd (`pyenv virtualenv 3.99.0 later` in that folder): the next
    // prompt activates it.
    std::fs::write(proj.join(".python-version"), "later\n").unwrap();
    let snap = s.cd(&proj);
    assert_inactive(&snap, BASE_PATH, "not made yet");
    let later = root.join("versions/3.99.0/envs/later");
    w.venv(&later, &[]);
    std::os::unix::fs::symlink(&later, root.join("versions/later")).unwrap();
    allow(&w, &proj);
    let snap = s.run("true");
    assert_active(
        &snap,
        &root.join("versions/later"),
        b"later",
        BASE_PATH,
        "made",
    );
    s.cd(&w.root);

    // `pyenv local api` in a folder with no `.python-version` yet (pyenv writes it once
    // the virtualenv exists): the next prompt activates it, no cd needed.
    let fresh = w.p("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    let snap = s.cd(&fresh);
    assert_inactive(&snap, BASE_PATH, "no .python-version yet");
    std::fs::write(fresh.join(".python-version"), "api\n").unwrap();
    allow(&w, &fresh);
    let snap = s.run("true");
    assert_active(
        &snap,
        &root.join("versions/api"),
        b"api",
        BASE_PATH,
        "pyenv local",
    );
}

mod uv_central {
    per_shell!(super::uv_centralized_environments; bash Bash, zsh Zsh, fish Fish);
}

/// uv's preview `centralized-project-envs` (uv 0.11.25 on, crates/uv/src/commands/project,
/// `update_project_environment_link`): `.venv` is a link to
/// `<cache>/environments-v2/<name>-<impl><version>-<digest>`, or, where a link cannot be
/// made, a file holding that path with no newline. Both activate; the allow holds for the
/// environment they point to, not for whatever they point to next.
fn uv_centralized_environments(sh: Sh) {
    let w = World::new("uv-central");
    let cache = w.p("cache/uv/environments-v2");
    let env = cache.join("app-cp312-0123456789abcdef");
    w.venv(&env, &[]);
    let other = cache.join("app-cp312-fedcba9876543210");
    w.venv(&other, &[]);
    let linked = w.p("linked");
    let filed = w.p("filed");
    for p in [&linked, &filed] {
        std::fs::create_dir_all(p.join("src")).unwrap();
        std::fs::write(p.join("pyproject.toml"), "[project]\nname = \"app\"\n").unwrap();
    }
    std::os::unix::fs::symlink(&env, linked.join(".venv")).unwrap();
    std::fs::write(filed.join(".venv"), env.to_str().unwrap()).unwrap();
    allow(&w, &linked);
    allow(&w, &filed);

    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&linked.join("src"));
    assert_active(&snap, &linked.join(".venv"), b"linked", BASE_PATH, "link");
    let snap = s.cd(&filed.join("src"));
    assert_active(
        &snap,
        &env,
        env.file_name().unwrap().as_encoded_bytes(),
        BASE_PATH,
        "file",
    );
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "left");

    // Pointed elsewhere (a cloned repository's link, or uv's next environment): not
    // activated until allowed again.
    std::fs::remove_file(linked.join(".venv")).unwrap();
    std::os::unix::fs::symlink(&other, linked.join(".venv")).unwrap();
    std::fs::write(filed.join(".venv"), other.to_str().unwrap()).unwrap();
    for p in [&linked, &filed] {
        let snap = s.cd(p);
        assert_inactive(&snap, BASE_PATH, "pointed elsewhere");
        said(&snap, "was allowed with", 1, "pointed elsewhere");
        s.cd(&w.root);
    }
}

mod conda_base {
    per_shell!(super::a_venv_goes_in_front_of_conda_base; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh);
}

/// Issue 28 §1: the conda base many keep active (`auto_activate_base`): a project's venv
/// goes in front of it, and leaving gives back base's variables, PATH and `(base)` prompt
/// exactly. The shell starts as `conda activate base` leaves it (conda/activate.py: PATH,
/// CONDA_PREFIX, CONDA_DEFAULT_ENV, CONDA_SHLVL, CONDA_PROMPT_MODIFIER, the prompt).
fn a_venv_goes_in_front_of_conda_base(sh: Sh) {
    let w = World::new("conda-base");
    let base = w.p("miniforge3");
    common::conda_prefix(&base, &[]);
    let proj = w.project("proj");
    allow(&w, &proj);
    let base_bin = base.join("bin");
    let vars = [
        ("CONDA_PREFIX", base.to_str().unwrap()),
        ("CONDA_DEFAULT_ENV", "base"),
        ("CONDA_SHLVL", "1"),
        ("CONDA_PROMPT_MODIFIER", "(base) "),
    ];
    let path = format!(
        "{}:{}",
        base_bin.display(),
        String::from_utf8_lossy(BASE_PATH)
    );
    let mut pre: String = vars
        .iter()
        .chain([("PATH", path.as_str())].iter())
        .map(|(k, v)| match sh {
            Sh::Tcsh | Sh::Csh => format!("setenv {k} {}\n", q(Path::new(v))),
            _ => format!("export {k}={}\n", q(Path::new(v))),
        })
        .collect();
    pre.push_str(match sh {
        Sh::Fish => "function fish_prompt; printf '(base) ::vs:: '; end\n",
        Sh::Tcsh | Sh::Csh => "set prompt = '(base) ::vs:: '\n",
        _ => "PS1='(base) ::vs:: '\n",
    });
    let rc = Rc {
        pre,
        own_prompt: true,
        ..Rc::default()
    };
    let conda_vars = |s: &mut Session| {
        let line = vars
            .iter()
            .map(|(k, _)| format!("{k}=(${k})"))
            .collect::<Vec<_>>()
            .join(" ");
        let out = s.raw(&format!("echo \"{line}\""));
        String::from_utf8_lossy(&out).trim().to_string()
    };
    let mut s = Session::start(&w, sh, &rc);
    let before = conda_vars(&mut s);
    assert!(before.contains("CONDA_DEFAULT_ENV=(base)"), "{before}");

    let snap = s.cd(&proj);
    let venv = proj.join(".venv");
    assert_eq!(
        snap.ve.as_deref(),
        Some(b(&venv).as_slice()),
        "{}",
        snap.out()
    );
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert_eq!(
        text(&snap.path),
        format!("{}/bin:{path}", venv.display()),
        "the venv in front of base"
    );
    assert_eq!(text(&snap.prompt), "(proj) (base) ::vs:: ");
    assert_eq!(snap.prefix.as_deref(), Some(b(&venv).as_slice()));
    assert_eq!(
        conda_vars(&mut s),
        before,
        "base's variables while the venv is active"
    );

    let snap = s.cd(&w.root);
    assert_eq!(snap.ve, None);
    assert_eq!(text(&snap.path), path, "PATH as base left it");
    assert_eq!(text(&snap.prompt), "(base) ::vs:: ");
    assert_eq!(conda_vars(&mut s), before, "base's variables after leaving");
}
