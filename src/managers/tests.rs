//! The names each tool computes, checked against what the real tools printed (Poetry
//! 2.5.1, Pipenv 2026.10.3, Hatch 1.18.2, for these paths); tests/it/managers.rs makes
//! environments with the tools themselves.

use super::*;
use std::collections::HashMap;

fn ctx(vars: &[(&str, &str)], os: Os) -> (HashMap<String, OsString>, Os) {
    (
        vars.iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect(),
        os,
    )
}

fn with<T>(vars: &[(&str, &str)], os: Os, f: impl FnOnce(&Ctx) -> T) -> T {
    let (map, os) = ctx(vars, os);
    let var = |n: &str| map.get(n).cloned();
    f(&Ctx {
        var: Box::new(var),
        home: Some(PathBuf::from("/home/u")),
        os,
    })
}

#[test]
fn names_match_the_tools() {
    assert_eq!(
        poetry::env_name(
            &canonical_name("My_App.x"),
            Path::new("/tmp/research-poetry/projects/pep621"),
            Os::Xdg
        ),
        "my-app-x-ChV0wiw-"
    );
    assert_eq!(
        pipenv::env_name(
            Path::new("/tmp/research-pipenv/projects/My Projé ct"),
            Path::new("/tmp/research-pipenv/projects/My Projé ct/Pipfile")
        ),
        "My_Projé_ct-GPIapsUq"
    );
    assert_eq!(
        hatch::project_id(Path::new("/tmp/research-hatch/projects/My App Ü"), Os::Xdg),
        "Q2yPxDJm"
    );
    // Cut at 42 characters after the substitution (Pipenv), lower case (Poetry).
    let long = "Ünïcødé name with (parens) & $dollar and a very long tail ééé";
    assert!(
        pipenv::env_name(&Path::new("/p").join(long), Path::new("/p/x/Pipfile"))
            .starts_with("Ünïcødé_name_with__parens_____dollar_and_a-")
    );
    assert_eq!(canonical_name("A__b.-C"), "a-b-c");
}

#[test]
fn poetry_path_bytes_that_are_not_utf8_are_dropped() {
    // Poetry hashed `…/bad\xffname` as `…/badname` (verified with Poetry 2.5.1).
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = Path::new(std::ffi::OsStr::from_bytes(b"/x/bad\xffname"));
        assert_eq!(
            poetry::env_name("n", bad, Os::Xdg),
            poetry::env_name("n", Path::new("/x/badname"), Os::Xdg)
        );
    }
}

#[test]
fn platform_folders() {
    with(&[], Os::Xdg, |c| {
        assert_eq!(
            c.user_dir(Dir::Cache, "pypoetry"),
            Some(PathBuf::from("/home/u/.cache/pypoetry"))
        );
    });
    with(&[("XDG_CACHE_HOME", "rel")], Os::Xdg, |c| {
        assert_eq!(
            c.user_dir(Dir::Cache, "pypoetry"),
            Some(PathBuf::from("/home/u/.cache/pypoetry"))
        );
    });
    with(&[], Os::Mac, |c| {
        assert_eq!(
            c.user_dir(Dir::Cache, "pypoetry"),
            Some(PathBuf::from("/home/u/Library/Caches/pypoetry"))
        );
        assert_eq!(
            c.user_dir(Dir::Data, "hatch"),
            Some(PathBuf::from("/home/u/Library/Application Support/hatch"))
        );
    });
    with(
        &[("LOCALAPPDATA", r"C:\L"), ("APPDATA", r"C:\R")],
        Os::Windows,
        |c| {
            assert_eq!(
                c.user_dir(Dir::Cache, "pypoetry"),
                Some(Path::new(r"C:\L").join("pypoetry").join("Cache"))
            );
            assert_eq!(
                c.user_dir(Dir::RoamingConfig, "pypoetry"),
                Some(Path::new(r"C:\R").join("pypoetry"))
            );
        },
    );
}

#[test]
fn variables_expand_as_python_expands_them() {
    with(&[("X", "/x"), ("E", "")], Os::Xdg, |c| {
        assert_eq!(c.expand_vars("$X/a/${X}b"), "/x/a//xb");
        assert_eq!(c.expand_vars("$NOPE/${NOPE}/$"), "$NOPE/${NOPE}/$");
        assert_eq!(c.expand_vars("a${X"), "a${X");
        assert_eq!(c.expand_user(Path::new("~/v")), PathBuf::from("/home/u/v"));
        assert_eq!(c.expand_user(Path::new("~x")), PathBuf::from("~x"));
    });
}

/// A folder for one test, removed at the end.
struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let d = std::env::temp_dir().join(format!("venvsh-mgr-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Tmp(std::fs::canonicalize(&d).unwrap())
    }

    fn file(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    fn venv(&self, rel: &str) -> PathBuf {
        self.file(&format!("{rel}/pyvenv.cfg"), "home = /usr/bin\n");
        self.file(&format!("{rel}/bin/python"), "");
        self.0.join(rel)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn found(root: &Path, vars: &[(&str, &str)]) -> Option<(Tool, Result<PathBuf, String>)> {
    let marks = marks(|m| root.join(m).exists())?;
    with(vars, Os::Xdg, |c| find(root, marks, c, false).0)
}

#[test]
fn each_rule_finds_its_environment() {
    let t = Tmp::new("rules");
    let cache = t.0.join("cache").to_string_lossy().into_owned();
    // Poetry, through POETRY_CACHE_DIR and envs.toml.
    let proj = t.0.join("poet");
    t.file("poet/pyproject.toml", "[tool.poetry]\nname = \"My_App\"\n");
    let base = poetry::env_name("my-app", &proj, Os::Xdg);
    assert_eq!(found(&proj, &[("POETRY_CACHE_DIR", &cache)]), None);
    let env = t.venv(&format!("cache/virtualenvs/{base}-py3.12"));
    t.venv(&format!("cache/virtualenvs/{base}-py3.9"));
    assert_eq!(
        found(&proj, &[("POETRY_CACHE_DIR", &cache)]),
        Some((Tool::Poetry, Ok(env.clone())))
    );
    let older = t.0.join(format!("cache/virtualenvs/{base}-py3.9"));
    t.file(
        "cache/virtualenvs/envs.toml",
        &format!("[{base}]\nminor = \"3.9\"\npatch = \"3.9.1\"\n"),
    );
    assert_eq!(
        found(&proj, &[("POETRY_CACHE_DIR", &cache)]),
        Some((Tool::Poetry, Ok(older)))
    );
    // virtualenvs.create = false in poetry.toml: no environment.
    t.file("poet/poetry.toml", "[virtualenvs]\ncreate = false\n");
    assert_eq!(found(&proj, &[("POETRY_CACHE_DIR", &cache)]), None);
    std::fs::remove_file(proj.join("poetry.toml")).unwrap();
    // A broken envs.toml: one line naming it.
    t.file("cache/virtualenvs/envs.toml", "[x\n");
    let (tool, err) = found(&proj, &[("POETRY_CACHE_DIR", &cache)]).unwrap();
    assert_eq!(tool, Tool::Poetry);
    let err = err.unwrap_err();
    assert!(
        err.contains("envs.toml, line 1") && !err.contains('\n'),
        "{err}"
    );

    // Pipenv, through WORKON_HOME.
    let pip = t.0.join("pip");
    t.file("pip/Pipfile", "[packages]\n");
    let name = pipenv::env_name(&pip, &pip.join("Pipfile"));
    let env = t.venv(&format!("workon/{name}"));
    let workon = t.0.join("workon").to_string_lossy().into_owned();
    assert_eq!(
        found(&pip, &[("WORKON_HOME", &workon)]),
        Some((Tool::Pipenv, Ok(env)))
    );
    let custom = t.venv("workon/mine");
    assert_eq!(
        found(
            &pip,
            &[
                ("WORKON_HOME", &workon),
                ("PIPENV_CUSTOM_VENV_NAME", "mine")
            ]
        ),
        Some((Tool::Pipenv, Ok(custom)))
    );
    t.file("pip/Pipfile", "[packages\n");
    assert!(found(&pip, &[("WORKON_HOME", &workon)]).unwrap().1.is_err());

    // PDM: the interpreter's venv; gone is an error; a plain interpreter is no venv.
    let env = t.venv("pdmenv");
    t.file(
        "pdm/.pdm-python",
        &format!("{}", env.join("bin/python").display()),
    );
    let pdm = t.0.join("pdm");
    // PDM's projects have a pyproject.toml: a .pdm-python alone marks none.
    assert_eq!(found(&pdm, &[]), None);
    t.file("pdm/pyproject.toml", "[project]\nname = \"p\"\n");
    assert_eq!(found(&pdm, &[]), Some((Tool::Pdm, Ok(env))));
    t.file("pdm/.pdm-python", "/nonexistent/bin/python\n");
    let err = found(&pdm, &[]).unwrap().1.unwrap_err();
    assert!(err.contains("names an interpreter that is gone"), "{err}");
    t.file("plain/python", "");
    t.file(
        "pdm/.pdm-python",
        &format!("{}", t.0.join("plain/python").display()),
    );
    assert_eq!(found(&pdm, &[]), None);

    // uv: UV_PROJECT_ENVIRONMENT, relative to the project.
    t.file("uvp/pyproject.toml", "[project]\nname = \"u\"\n");
    let env = t.venv("uvp/envs/one");
    let uvp = t.0.join("uvp");
    assert_eq!(
        found(&uvp, &[("UV_PROJECT_ENVIRONMENT", "envs/one")]),
        Some((Tool::Uv, Ok(env)))
    );
    assert_eq!(found(&uvp, &[]), None);

    // Hatch, through HATCH_DATA_DIR; a plugin type is left alone.
    let hp = t.0.join("hatchp");
    t.file(
        "hatchp/pyproject.toml",
        "[project]\nname = \"My_App.x\"\n[tool.hatch.envs.default]\ndependencies = []\n",
    );
    let data = t.0.join("hdata").to_string_lossy().into_owned();
    let env = t.venv(&format!(
        "hdata/env/virtual/my-app-x/{}/my-app-x",
        hatch::project_id(&hp, Os::Xdg)
    ));
    assert_eq!(
        found(
            &hp,
            &[("HATCH_DATA_DIR", &data), ("HATCH_CONFIG", "/nonexistent")]
        ),
        Some((Tool::Hatch, Ok(env)))
    );
    t.file(
        "hatchp/hatch.toml",
        "[envs.default]\ntype = \"container\"\n",
    );
    assert_eq!(
        found(
            &hp,
            &[("HATCH_DATA_DIR", &data), ("HATCH_CONFIG", "/nonexistent")]
        ),
        None
    );
    // A malformed pyproject.toml of a Hatch project: one line naming it.
    t.file("hatchp/pyproject.toml", "[tool.hatch\n");
    let err = found(&hp, &[("HATCH_DATA_DIR", &data)])
        .unwrap()
        .1
        .unwrap_err();
    assert!(err.contains("pyproject.toml, line"), "{err}");
}

/// uv's project is the nearest pyproject.toml from the current folder: a venv found above
/// a uv project of its own is not the one uv would use; a workspace member without uv's
/// markers leaves it to the root.
#[test]
fn uv_would_miss_looks_from_the_current_folder() {
    let t = Tmp::new("uvmiss");
    let root = t.0.clone();
    let venv = t.venv(".venv");
    t.file("pyproject.toml", "[project]\nname = \"ws\"\n");
    t.file(
        "sub/pyproject.toml",
        "[project]\nname = \"s\"\n[tool.uv]\npackage = false\n",
    );
    t.file("member/pyproject.toml", "[project]\nname = \"m\"\n");
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    let none = Ctx::with_vars(|_| None);
    let miss = |cwd: &Path| uv_would_miss(&uv_project(cwd, &root), &venv, &none);
    assert!(miss(&root.join("sub")));
    assert!(miss(&root.join("sub/deeper")));
    assert!(!miss(&root.join("member")));
    assert!(!miss(&root), "the root's own .venv");
    t.file("uv.lock", "");
    assert!(!miss(&root), "still the root's own .venv");
    // From elsewhere (`venvsh activate DIR`): as from the root.
    assert_eq!(uv_project(Path::new("/"), &root), root);
    // The walk up finds the same folder.
    let seek = crate::find::Seek {
        names: &[".venv".into()],
        home: &|| None,
        ctx: &none,
    };
    let found = crate::find::find(&root.join("sub/deeper"), &seek).unwrap();
    assert_eq!(found.project, root.join("sub"));
}

/// pyenv-virtualenv's layout (bin/pyenv-virtualenv): the venv in
/// `versions/X.Y.Z/envs/NAME`, linked from `versions/NAME`; from `system`, in
/// `versions/NAME`. A version number or `system` is no venv: the rule does not apply.
/// (Unix: it makes the links pyenv makes.)
#[cfg(unix)]
#[test]
fn pyenv_virtualenv_names_in_python_version() {
    let t = Tmp::new("pyenv");
    let pyenv = t.0.join("pyenv");
    let real = t.venv("pyenv/versions/3.12.1/envs/api");
    std::fs::create_dir_all(pyenv.join("versions/3.12.1/bin")).unwrap();
    std::os::unix::fs::symlink(&real, pyenv.join("versions/api")).unwrap();
    let from_system = t.venv("pyenv/versions/tools");
    let vars = [("PYENV_ROOT", pyenv.to_str().unwrap())];
    let proj = t.0.join("proj");
    std::fs::create_dir_all(&proj).unwrap();
    let at = |text: &str| {
        std::fs::write(proj.join(".python-version"), text).unwrap();
        found(&proj, &vars)
    };
    assert_eq!(
        at("api\n"),
        Some((Tool::Pyenv, Ok(pyenv.join("versions/api"))))
    );
    assert_eq!(
        at("# pinned\ntools extra\n3.12.1\n"),
        Some((Tool::Pyenv, Ok(from_system)))
    );
    // pyenv skips names with a `/` (CVE-2022-35861) and takes the next line.
    assert_eq!(
        at("3.12.1/envs/api\ntools\n"),
        Some((Tool::Pyenv, Ok(pyenv.join("versions/tools"))))
    );
    // As written first, then without `python-`.
    let dashed = t.venv("pyenv/versions/python-dashed");
    assert_eq!(at("python-dashed\n"), Some((Tool::Pyenv, Ok(dashed))));
    assert_eq!(
        at("python-api\n"),
        Some((Tool::Pyenv, Ok(pyenv.join("versions/api"))))
    );
    // `pyenv shell` outranks the file.
    std::fs::write(proj.join(".python-version"), "api\n").unwrap();
    let shell = [vars[0], ("PYENV_VERSION", "3.12.1")];
    assert_eq!(found(&proj, &shell), None);
    for none in [
        "3.12.1\n",
        "system\n",
        "3.12\n",
        "missing\n",
        "../../proj\n",
        "3.12.1/envs/api\n",
        "\n",
    ] {
        assert_eq!(at(none), None, "{none:?}");
    }
    // ~/.pyenv without PYENV_ROOT.
    std::fs::write(proj.join(".python-version"), "api\n").unwrap();
    let home = t.0.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::os::unix::fs::symlink(&pyenv, home.join(".pyenv")).unwrap();
    let marks = marks(|m| proj.join(m).exists()).unwrap();
    with(&[], Os::Xdg, |c| {
        let c = Ctx {
            var: Box::new(|n| (c.var)(n)),
            home: Some(home.clone()),
            os: c.os,
        };
        assert_eq!(
            find(&proj, marks, &c, false).0,
            Some((Tool::Pyenv, Ok(home.join(".pyenv/versions/api"))))
        );
    });
}

/// A conda prefix as conda and pixi lay one out: `conda-meta/history` and a Python.
fn prefix(t: &Tmp, rel: &str) -> PathBuf {
    t.file(&format!("{rel}/conda-meta/history"), "");
    t.file(&format!("{rel}/bin/python"), "");
    t.0.join(rel)
}

/// pixi's `.pixi/envs/default`, for a `pixi.toml` or a pyproject with `[tool.pixi.workspace]`;
/// conda's env named in `environment.yml`, in the envs folders in conda's order, or by
/// `prefix:`. An env not there lets the walk go on.
#[test]
fn pixi_and_conda_environments() {
    let t = Tmp::new("conda");
    let px = t.0.join("px");
    t.file("px/pixi.toml", "[workspace]\nname = \"px\"\n");
    assert_eq!(found(&px, &[]), None, "no env made yet");
    let env = prefix(&t, "px/.pixi/envs/default");
    assert_eq!(found(&px, &[]), Some((Tool::Pixi, Ok(env))));
    let pp = t.0.join("pp");
    t.file(
        "pp/pyproject.toml",
        "[project]\nname = \"pp\"\n[tool.pixi.workspace]\nchannels = []\n",
    );
    let env = prefix(&t, "pp/.pixi/envs/default");
    assert_eq!(found(&pp, &[]), Some((Tool::Pixi, Ok(env))));

    let c = t.0.join("c");
    t.file(
        "c/environment.yml",
        "name: data\ndependencies:\n  - python\n",
    );
    let first = t.0.join("first");
    let rc = t.file("rc/condarc", "envs_dirs:\n  - ~/rcenvs\n");
    let mamba = t.0.join("mamba");
    let vars = [
        ("CONDA_ENVS_PATH", first.to_str().unwrap()),
        ("CONDARC", rc.to_str().unwrap()),
        ("MAMBA_ROOT_PREFIX", mamba.to_str().unwrap()),
    ];
    let home = t.0.join("home");
    let marks = marks(|m| c.join(m).exists()).unwrap();
    let look = || {
        with(&vars, Os::Xdg, |x| {
            let x = Ctx {
                var: Box::new(|n| (x.var)(n)),
                home: Some(home.clone()),
                os: x.os,
            };
            find(&c, marks, &x, false).0
        })
    };
    assert_eq!(look(), None);
    for (i, at) in ["home/.conda/envs", "mamba/envs", "home/rcenvs", "first"]
        .iter()
        .enumerate()
    {
        let env = prefix(&t, &format!("{at}/data"));
        assert_eq!(look(), Some((Tool::Conda, Ok(env))), "step {i}: {at}");
    }
    std::fs::write(c.join("environment.yml"), "prefix: ~/own\n").unwrap();
    let own = prefix(&t, "home/own");
    assert_eq!(look(), Some((Tool::Conda, Ok(own))));
}

/// What pixi's activation takes from the manifest: the name (a pyproject's own
/// `[project] name` when `[tool.pixi.workspace]` has none), `[activation.env]` with the
/// platform's over it, and `[activation] scripts` from the workspace's folder.
#[test]
fn pixi_workspace_from_its_manifest() {
    let t = Tmp::new("pixi-ws");
    let plat = pixi::workspace(&t.0); // no manifest: the folder's name
    assert_eq!(plat.name, t.0.file_name().unwrap().to_string_lossy());
    // The most specific target's scripts replace the others'; its variables win one
    // by one (on linux-64: `unix`, then `linux`, then `linux-64`).
    t.file(
        "a/pixi.toml",
        "[workspace]\nname = \"ws\"\n[activation]\nscripts = [\"env/setup.sh\"]\n\
         [activation.env]\nA = \"1\"\nB = \"2\"\nC = \"3\"\n\
         [target.unix.activation]\nscripts = [\"unix.sh\"]\nenv = { C = \"unix\" }\n\
         [target.linux-64.activation.env]\nB = \"linux\"\n",
    );
    let ws = pixi::workspace(&t.0.join("a"));
    assert_eq!(ws.name, "ws");
    assert_eq!(ws.manifest, t.0.join("a/pixi.toml"));
    let linux64 = cfg!(all(target_os = "linux", target_arch = "x86_64"));
    assert_eq!(ws.scripts, [t.0.join("a/unix.sh")]);
    let b = if linux64 { "linux" } else { "2" };
    assert_eq!(
        ws.env,
        [
            ("A".to_string(), "1".to_string()),
            ("B".into(), b.into()),
            ("C".into(), "unix".into())
        ]
    );
    t.file(
        "b/pyproject.toml",
        "[project]\nname = \"from-project\"\n[tool.pixi.workspace]\nchannels = []\n",
    );
    assert_eq!(pixi::workspace(&t.0.join("b")).name, "from-project");
}

/// pixi's `detached-environments`: a path, or `true` for the cache's `envs`; the
/// workspace's folder there is `NAME-HASH`, HASH xxh3-64 of its real path in decimal
/// (pixi_core's `detached_environments_path`), its default environment under `envs/`.
#[test]
fn pixi_detached_environments() {
    let t = Tmp::new("pixi-detached");
    let ws = t.0.join("ws");
    t.file("ws/pixi.toml", "[workspace]\nname = \"named\"\n");
    let real = std::fs::canonicalize(&ws).unwrap();
    let hash = xxhash_rust::xxh3::xxh3_64(real.to_string_lossy().as_bytes());
    let store = t.0.join("store");
    t.file(
        "ws/.pixi/config.toml",
        &format!("detached-environments = {:?}\n", store.to_str().unwrap()),
    );
    let env = prefix(&t, &format!("store/named-{hash}/envs/default"));
    assert_eq!(found(&ws, &[]), Some((Tool::Pixi, Ok(env))));
    // `true`: the cache's envs, PIXI_CACHE_DIR first.
    std::fs::write(
        ws.join(".pixi/config.toml"),
        "detached-environments = true\n",
    )
    .unwrap();
    let cache = t.0.join("cache");
    let env = prefix(&t, &format!("cache/envs/named-{hash}/envs/default"));
    let vars = [("PIXI_CACHE_DIR", cache.to_str().unwrap())];
    assert_eq!(found(&ws, &vars), Some((Tool::Pixi, Ok(env))));
    // A relative path is no setting pixi takes: the file is passed over.
    std::fs::write(
        ws.join(".pixi/config.toml"),
        "detached-environments = \"rel\"\n",
    )
    .unwrap();
    assert_eq!(
        found(&ws, &vars),
        None,
        "the local environment, not made yet"
    );
    // `false`: the workspace's own folder again.
    std::fs::write(
        ws.join(".pixi/config.toml"),
        "detached-environments = false\n",
    )
    .unwrap();
    let env = prefix(&t, "ws/.pixi/envs/default");
    assert_eq!(found(&ws, &vars), Some((Tool::Pixi, Ok(env))));
}
