//! cmd.exe and Clink. The batch code venvsh emits runs under Debian's `wine cmd`; the
//! Clink script runs under `lua5.4` with the few Clink functions it calls stubbed (its
//! `io.popen` runs the real venvsh).

use crate::common;

use common::World;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use venvsh_gen::{Rng, seed, shown};

use common::wine::path as wine_path;

/// Runs venvsh as the AutoRun helper would, in `cwd` with `env` on top.
fn venvsh(w: &World, args: &[&str], cwd: &Path, env: &[(String, String)]) -> (String, String, i32) {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let o = w.venvsh_env(args, cwd, &env);
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

/// Runs a batch file under wine; returns the lines it printed.
fn wine(w: &World, batch: &str) -> Vec<String> {
    common::wine::batch(w, "run", batch)
}

/// The state variable a batch text sets, as cmd will hold it (`%%` is one `%`).
fn state_of(code: &str) -> String {
    code.lines()
        .find_map(|l| l.strip_prefix("set \"VENVSH_STATE="))
        .map(|s| s.trim_end_matches('"').replace("%%", "%"))
        .unwrap()
}

fn get<'a>(lines: &'a [String], step: &str, key: &str) -> Option<&'a str> {
    let prefix = format!("{step}:{key}=");
    lines.iter().find_map(|l| l.strip_prefix(&prefix))
}

/// Enter, switch, leave and deactivate, as batch code run by cmd (under wine): after each
/// step VIRTUAL_ENV, VIRTUAL_ENV_PROMPT, PATH and PROMPT are what behaviour.md §4/§5 say.
#[test]
#[ignore = "full tier"]
fn batch_code_runs_under_wine_cmd() {
    if !common::have("wine") {
        return;
    }
    let w = World::new("cmd");
    w.trust_all();
    let base = "/usr/bin:/bin".to_string();
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    for name in [
        "plainname",
        "with space",
        "a&b",
        "(paren)",
        "x (y) & <z>|w",
        "cost $5",
    ] {
        let proj = w.p("projects").join(name);
        w.venv_any(&proj.join(".venv"), None);
        let other = w.p("projects").join(format!("other {name}"));
        w.venv_any(&other.join(".venv"), Some(b"two & (2)"));
        let venv = proj.join(".venv").to_string_lossy().into_owned();
        let venv2 = other.join(".venv").to_string_lossy().into_owned();
        let path_env = vec![("PATH".to_string(), base.clone())];

        let (enter, err, _) = venvsh(&w, &["export", "cmd"], &proj, &path_env);
        assert!(enter.starts_with("@rem venvsh eval\r\n"), "{enter}{err}");
        let active = |v: &str, st: String| {
            vec![
                ("PATH".to_string(), format!("{v}/bin:{base}")),
                ("VIRTUAL_ENV".to_string(), v.to_string()),
                ("VENVSH_STATE".to_string(), st),
            ]
        };
        let st1 = state_of(&enter);
        let (switch, _, _) = venvsh(&w, &["export", "cmd"], &other, &active(&venv, st1.clone()));
        let st2 = state_of(&switch);
        let (leave, _, _) = venvsh(&w, &["export", "cmd"], &plain, &active(&venv2, st2.clone()));
        let (deact, err, code) = venvsh(
            &w,
            &["deactivate", "--shell", "cmd"],
            &proj,
            &active(&venv, st1.clone()),
        );
        assert_eq!(code, 0, "{err}");

        let mut batch = format!(
            "@echo off\nset \"PATH={base}\"\nset \"PROMPT=$P$G\"\nset \"VIRTUAL_ENV=\"\nset \"VIRTUAL_ENV_PROMPT=\"\n"
        );
        let files: Vec<(&str, &str)> = vec![
            ("enter", &enter),
            ("switch", &switch),
            ("leave", &leave),
            ("enter2", &enter),
            ("deactivate", &deact),
        ];
        for (step, code) in &files {
            let f: PathBuf = w.p(format!("tmp/{step}.cmd"));
            std::fs::write(&f, code).unwrap();
            batch.push_str(&format!("call \"{}\"\n", wine_path(&f)));
            for key in ["VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "PATH", "PROMPT"] {
                batch.push_str(&format!("if defined {key} (echo {step}:{key}=!{key}!)\n"));
            }
        }
        // Delayed expansion only for the dump, so values print whatever they hold.
        let batch = batch.replacen(
            "@echo off\n",
            "@echo off\nsetlocal EnableDelayedExpansion\n",
            1,
        );
        let lines = wine(&w, &batch);
        let ctx = format!("name {name:?}: {lines:#?}");
        assert_eq!(
            get(&lines, "enter", "VIRTUAL_ENV"),
            Some(venv.as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "enter", "VIRTUAL_ENV_PROMPT"),
            Some(name),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "enter", "PATH"),
            Some(format!("{venv}/bin:{base}").as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "enter", "PROMPT"),
            Some(format!("({}) $P$G", name.replace('$', "$$")).as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "switch", "VIRTUAL_ENV"),
            Some(venv2.as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "switch", "PATH"),
            Some(format!("{venv2}/bin:{base}").as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, "switch", "PROMPT"),
            Some("(two & (2)) $P$G"),
            "{ctx}"
        );
        for step in ["leave", "deactivate"] {
            assert_eq!(get(&lines, step, "VIRTUAL_ENV"), None, "{step} {ctx}");
            assert_eq!(
                get(&lines, step, "VIRTUAL_ENV_PROMPT"),
                None,
                "{step} {ctx}"
            );
            assert_eq!(
                get(&lines, step, "PATH"),
                Some(base.as_str()),
                "{step} {ctx}"
            );
            assert_eq!(get(&lines, step, "PROMPT"), Some("$P$G"), "{step} {ctx}");
        }
    }
    assert!(w.pwned().is_empty());
}

/// behaviour.md §11: what cmd would expand or cannot quote is refused, with the reason.
#[test]
#[ignore = "full tier"]
fn unsafe_names_are_refused_for_cmd() {
    let w = World::new("cmd-refuse");
    w.trust_all();
    for name in ["100%", "a!b", "x^y", "q\"uote", "%PATH%"] {
        for shell in ["cmd", "clink"] {
            let proj = w.p("refused").join(name.replace('"', "_"));
            if !proj.exists() {
                w.venv_any(&proj.join(".venv"), Some(name.as_bytes()));
            }
            let (code, err, _) = venvsh(&w, &["export", shell], &proj, &[]);
            assert!(!code.contains("VIRTUAL_ENV"), "{shell} {name}: {code}");
            assert!(
                err.contains("not activating") && err.contains("% ! ^"),
                "{shell} {name}: {err}"
            );
            let (code, err, status) = venvsh(&w, &["activate", "--shell", shell], &proj, &[]);
            assert_eq!((status, code.as_str()), (1, ""), "{err}");
        }
    }
}

/// Clink: the script, under lua5.4 with clink.onbeginedit, os.getenv/setenv/getcwd and
/// io.popen stubbed, activates on entering, starts nothing at an idle prompt, and
/// restores everything on leaving.
#[test]
#[ignore = "full tier"]
fn clink_script_switches_under_lua() {
    if !common::have("lua5.4") {
        return;
    }
    let w = World::new("clink");
    w.trust_all();
    let proj = w.project("my proj (1) & co");
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let script = w.p("tmp/venvsh.lua");
    let (hook, _, _) = venvsh(&w, &["hook", "clink"], &w.root, &[]);
    std::fs::write(&script, hook).unwrap();
    let mut env: Vec<(&str, String)> = Vec::new();
    let world = w.env();
    for (k, v) in &world {
        if k != "PATH" {
            env.push((k.as_str(), v.to_string_lossy().into_owned()));
        }
    }
    env.push(("PATH", "/usr/bin:/bin".into()));
    env.push(("PROMPT", "$P$G".into()));
    let show = |p: &std::path::Path| Some(p.to_string_lossy().into_owned());
    let lines = common::clink::run(
        &w.p("tmp"),
        &script,
        &w.root.to_string_lossy(),
        &env,
        r#"function(cwd, env, cmd, shq)
  local vars = {}
  for k, v in pairs(env) do vars[#vars + 1] = k .. "=" .. shq(v) end
  return "cd " .. shq(cwd) .. " && env -i PWD=" .. shq(cwd) .. " " .. table.concat(vars, " ") .. " " .. cmd
end"#,
        &[
            ("enter", show(&proj)),
            ("idle", None),
            ("idle2", None),
            ("leave", show(&plain)),
        ],
    );
    let venv = proj.join(".venv").to_string_lossy().into_owned();
    let ctx = format!("{lines:#?}");
    assert_eq!(
        get(&lines, "enter", "VIRTUAL_ENV"),
        Some(venv.as_str()),
        "{ctx}"
    );
    assert_eq!(
        get(&lines, "enter", "VIRTUAL_ENV_PROMPT"),
        Some("my proj (1) & co"),
        "{ctx}"
    );
    assert_eq!(
        get(&lines, "enter", "PATH"),
        Some(format!("{venv}/bin:/usr/bin:/bin").as_str()),
        "{ctx}"
    );
    assert_eq!(
        get(&lines, "enter", "PROMPT"),
        Some("(my proj (1) & co) $P$G"),
        "{ctx}"
    );
    assert_eq!(get(&lines, "enter", "popens"), Some("1"), "{ctx}");
    assert_eq!(
        get(&lines, "idle2", "popens"),
        Some("1"),
        "no process at idle prompts: {ctx}"
    );
    assert_eq!(get(&lines, "leave", "VIRTUAL_ENV"), Some("nil"), "{ctx}");
    assert_eq!(
        get(&lines, "leave", "VIRTUAL_ENV_PROMPT"),
        Some("nil"),
        "{ctx}"
    );
    assert_eq!(get(&lines, "leave", "PATH"), Some("/usr/bin:/bin"), "{ctx}");
    assert_eq!(get(&lines, "leave", "PROMPT"), Some("$P$G"), "{ctx}");
}

/// Issue 6.1 for cmd: every ASCII hostile name and generated ASCII names, as project
/// folder and as prompt, entered and left by batch code run in one `wine cmd`: each value
/// arrives exactly, or (for `% ! ^ "`, a line break, a `:` in the path) the venv is refused
/// with the reason and no code is written. Names that are not ASCII are left out here:
/// wine reads a batch file in its ANSI code page, not in UTF-8.
#[test]
#[ignore = "full tier"]
fn hostile_and_generated_names_under_wine_cmd() {
    if !common::have("wine") {
        return;
    }
    let seed = seed("cmd names");
    let mut rng = Rng::new(seed);
    let mut names: Vec<Vec<u8>> = common::hostile_names()
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.is_ascii())
        .collect();
    while names.len() < 80 {
        let n = rng.name();
        if n.is_ascii() {
            names.push(n);
        }
    }
    let w = World::new("cmd-names");
    w.trust_all();
    let base = "/usr/bin:/bin".to_string();
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let mut batch = format!(
        "@echo off\nsetlocal EnableDelayedExpansion\nset \"PATH={base}\"\nset \"PROMPT=$P$G\"\n"
    );
    let mut expect = Vec::new();
    let (mut refused, mut run) = (0, 0);
    for (i, name) in names.iter().enumerate() {
        let folder = w.p(format!("f{i}")).join(std::ffi::OsStr::from_bytes(name));
        w.venv_copy(&folder.join(".venv"), None);
        let proj = w.p(format!("g{i}"));
        w.venv_copy(&proj.join(".venv"), Some(name));
        for (j, dir) in [folder, proj].into_iter().enumerate() {
            let venv = dir.join(".venv").to_string_lossy().into_owned();
            let path_env = vec![("PATH".to_string(), base.clone())];
            let (enter, err, _) = venvsh(&w, &["export", "cmd"], &dir, &path_env);
            let unsafe_ = |b: &[u8]| b.iter().any(|c| b"%!^\"\r\n".contains(c));
            if unsafe_(name) || venv.contains(':') {
                assert!(
                    !enter.contains("VIRTUAL_ENV"),
                    "seed {seed} {name:?}: {enter}"
                );
                assert!(
                    err.contains("not activating") || err.contains("not using"),
                    "seed {seed}: {err}"
                );
                refused += 1;
                continue;
            }
            assert!(
                enter.starts_with("@rem venvsh eval"),
                "seed {seed} {name:?}: {enter}{err}"
            );
            let st = state_of(&enter);
            let active = vec![
                ("PATH".to_string(), format!("{venv}/bin:{base}")),
                ("VIRTUAL_ENV".to_string(), venv.clone()),
                ("VENVSH_STATE".to_string(), st),
            ];
            let (leave, _, _) = venvsh(&w, &["export", "cmd"], &plain, &active);
            let step = format!("c{i}_{j}");
            for (part, code) in [("in", &enter), ("out", &leave)] {
                let f = w.p(format!("tmp/{step}{part}.cmd"));
                std::fs::write(&f, code).unwrap();
                batch.push_str(&format!("call \"{}\"\n", wine_path(&f)));
                for key in ["VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "PATH", "PROMPT"] {
                    batch.push_str(&format!(
                        "if defined {key} (echo {step}{part}:{key}=!{key}!) else (echo {step}{part}:{key} unset)\n"
                    ));
                }
            }
            let shown = String::from_utf8(shown(name)).unwrap().replace('$', "$$");
            expect.push((step, venv, String::from_utf8(name.clone()).unwrap(), shown));
            run += 1;
        }
    }
    let lines = wine(&w, &batch);
    for (step, venv, name, shown) in &expect {
        let ctx = format!("seed {seed}, name {name:?}");
        let i = format!("{step}in");
        assert_eq!(get(&lines, &i, "VIRTUAL_ENV"), Some(venv.as_str()), "{ctx}");
        assert_eq!(
            get(&lines, &i, "VIRTUAL_ENV_PROMPT"),
            Some(name.as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, &i, "PATH"),
            Some(format!("{venv}/bin:{base}").as_str()),
            "{ctx}"
        );
        assert_eq!(
            get(&lines, &i, "PROMPT"),
            Some(format!("({shown}) $P$G").as_str()),
            "{ctx}"
        );
        let o = format!("{step}out");
        for key in ["VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT"] {
            assert!(
                lines.contains(&format!("{o}:{key} unset")),
                "{ctx}: {key} left"
            );
        }
        assert_eq!(get(&lines, &o, "PATH"), Some(base.as_str()), "{ctx}");
        assert_eq!(get(&lines, &o, "PROMPT"), Some("$P$G"), "{ctx}");
    }
    assert!(run >= 60 && refused > 0, "run {run}, refused {refused}");
    assert!(w.pwned().is_empty(), "seed {seed}: a name ran code");
    eprintln!(
        "cmd names: {} names, {run} run under wine, {refused} refused",
        names.len()
    );
}
