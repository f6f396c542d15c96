//! Issue 28 §3: `venvsh env` prints what entering a folder would set, without a hook. Each
//! format is checked by reading it the way its reader does: `eval` in the shells,
//! serde_json, python-dotenv and Docker's rule for a dotenv file, the Actions runner's
//! rules for $GITHUB_ENV and $GITHUB_PATH; then Python run with the result says which
//! prefix it is in. Trust applies as for the hook.

use crate::common;

use common::{BASE_PATH, Sh, World, q, timeout};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A world with an allowed project whose path holds a space and a `$`, and a folder in
/// it to ask from.
fn world() -> (World, PathBuf, PathBuf) {
    let w = World::new("env");
    let proj = w.project("my $proj x");
    let out = w.venvsh(&["allow"], &proj);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sub = proj.join("src");
    std::fs::create_dir_all(&sub).unwrap();
    (w, proj.join(".venv"), sub)
}

/// What `python` says `sys.prefix` is, run by name with `env` as its whole environment.
fn prefix_with(w: &World, env: &BTreeMap<String, String>) -> String {
    let mut c = w.run_in("python", &w.root);
    c.env_clear()
        .envs(env)
        .args(["-c", "import sys; print(sys.prefix)"]);
    let out = timeout(&mut c, 30);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

fn text(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

mod in_a_shell {
    per_shell!(super::env_in_a_shell; bash Bash, zsh Zsh, fish Fish);
}

/// `eval` (fish: `source`) of what `venvsh env DIR` prints: the shell then has the venv,
/// and its `python` is the venv's.
fn env_in_a_shell(sh: Sh) {
    let (w, venv, sub) = world();
    let program = sh.require().unwrap();
    let exe = q(&w.exe);
    let script = match sh {
        Sh::Fish => format!(
            "{exe} env --format fish {}| source; and python -c 'import sys; print(sys.prefix)'; and echo $VIRTUAL_ENV; and echo $PATH[1]",
            q(&sub)
        ),
        _ => format!(
            "eval \"$({exe} env {})\" && python -c 'import sys; print(sys.prefix)' && echo \"$VIRTUAL_ENV\" && echo \"${{PATH%%:*}}\"",
            q(&sub)
        ),
    };
    let mut c = w.run_in(&program, &w.root);
    if sh == Sh::Fish {
        c.arg("--no-config");
    }
    c.args(["-c", &script]);
    let (out, err) = text(&timeout(&mut c, 30));
    let want = format!("{}\n{}\n{}\n", s(&venv), s(&venv), s(&venv.join("bin")));
    assert_eq!(out, want, "{}: {err}", sh.name());
}

/// Every format, read as its reader reads it, gives the same variables; Python run
/// with them is the venv's.
#[test]
fn each_format_is_read_as_its_reader_reads_it() {
    let (w, venv, sub) = world();
    let env = |args: &[&str]| {
        let mut all = vec!["env"];
        all.extend_from_slice(args);
        all.push(sub.to_str().unwrap());
        let out = w.venvsh(&all, &w.root);
        let (o, e) = text(&out);
        assert!(out.status.success(), "{args:?}: {e}");
        o
    };
    let path = format!(
        "{}:{}",
        s(&venv.join("bin")),
        String::from_utf8_lossy(BASE_PATH)
    );

    // JSON: each variable's value.
    let json: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&env(&["--format", "json"])).unwrap();
    let want: BTreeMap<String, serde_json::Value> = [
        ("PATH", path.as_str()),
        ("VIRTUAL_ENV", &s(&venv)),
        ("VIRTUAL_ENV_PROMPT", "my $proj x"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
    .collect();
    assert_eq!(json, want);
    let vars: BTreeMap<String, String> = json
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();

    // sh, in the plainest POSIX shell there is.
    let mut c = w.run_in("/bin/sh", &w.root);
    c.args([
        "-c",
        &format!(
            "eval \"$({} env {})\" && printf '%s\\n' \"$PATH\" \"$VIRTUAL_ENV\" \"$VIRTUAL_ENV_PROMPT\"",
            q(&w.exe),
            q(&sub)
        ),
    ]);
    let (out, err) = text(&timeout(&mut c, 30));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            &vars["PATH"],
            &vars["VIRTUAL_ENV"],
            &vars["VIRTUAL_ENV_PROMPT"]
        ],
        "{err}"
    );

    // dotenv: Docker's rule (all after the first `=`, as it is), and python-dotenv's.
    let dotenv = env(&["--format", "dotenv"]);
    let docker: BTreeMap<String, String> = dotenv
        .lines()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect();
    assert_eq!(docker, vars);
    let file = w.p("tmp/venv.env");
    std::fs::write(&file, &dotenv).unwrap();
    if let Some(py) = common::python_with("dotenv") {
        let out = std::process::Command::new(py)
            .args([
                "-c",
                "import json, sys; from dotenv import dotenv_values; print(json.dumps(dotenv_values(sys.argv[1])))",
            ])
            .arg(&file)
            .output()
            .unwrap();
        let read: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(read, vars);
    }
    let mut run_env = docker.clone();
    run_env.insert("HOME".into(), s(&w.home));
    assert_eq!(prefix_with(&w, &run_env), s(&venv));

    // github: appended to the files the runner gave the step, then applied as the runner
    // applies them to the steps after it.
    let (genv, gpath) = (w.p("tmp/github_env"), w.p("tmp/github_path"));
    std::fs::write(&genv, "EARLIER=1\n").unwrap();
    std::fs::write(&gpath, "/earlier/bin\n").unwrap();
    let mut c = w.command(&["env", "--trust", "--format", "github"], &sub);
    c.env("GITHUB_ENV", &genv).env("GITHUB_PATH", &gpath);
    let out = timeout(&mut c, 30);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(out.stdout.is_empty());
    let mut applied = runner_env(&std::fs::read_to_string(&genv).unwrap());
    assert_eq!(applied.remove("EARLIER").as_deref(), Some("1"));
    let prepend = runner_path(&std::fs::read_to_string(&gpath).unwrap());
    assert_eq!(prepend, [s(&venv.join("bin")), "/earlier/bin".into()]);
    applied.insert(
        "PATH".into(),
        format!(
            "{}:{}",
            prepend.join(":"),
            String::from_utf8_lossy(BASE_PATH)
        ),
    );
    assert_eq!(applied["VIRTUAL_ENV"], s(&venv));
    assert_eq!(applied["VIRTUAL_ENV_PROMPT"], "my $proj x");
    assert_eq!(prefix_with(&w, &applied), s(&venv));
}

/// $GITHUB_ENV as the runner reads it (FileCommandManager.cs): `NAME=value` split at the
/// first `=`, or `NAME<<DELIM` and the lines up to one that is DELIM.
fn runner_env(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut lines = text.split('\n');
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        let eq = line.find('=');
        let heredoc = line.find("<<");
        match (eq, heredoc) {
            (Some(e), h) if h.is_none_or(|h| e < h) => {
                out.insert(line[..e].to_string(), line[e + 1..].to_string());
            }
            (_, Some(h)) => {
                let delim = &line[h + 2..];
                let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delim).collect();
                out.insert(line[..h].to_string(), value.join("\n"));
            }
            _ => panic!("not a $GITHUB_ENV line: {line:?}"),
        }
    }
    out
}

/// $GITHUB_PATH as the runner applies it: every line, the later ones first.
fn runner_path(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    v.reverse();
    v
}

/// Trust applies: a project not allowed gets the hint and status 1, unless `--trust`;
/// a venv others can write to, or a project you denied, is refused even so. A folder
/// with no venv, and a venv a format cannot write, say so with status 1.
#[test]
fn trust_applies_and_refusals_say_why() {
    let w = World::new("env-trust");
    let proj = w.project("repo");
    let refused = |args: &[&str], dir: &Path, what: &str| {
        let mut all = vec!["env"];
        all.extend_from_slice(args);
        let out = w.venvsh(&all, dir);
        let (o, e) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {e}");
        assert!(o.is_empty(), "{o}");
        assert!(e.contains(what), "{args:?}: {e}");
        assert_eq!(e.lines().count(), 1, "one line: {e}");
    };
    refused(&[], &proj, "run 'venvsh allow'");
    let out = w.venvsh(&["env", "--trust", "--format", "json"], &proj);
    assert!(out.status.success(), "{}", text(&out).1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["VIRTUAL_ENV"], s(&proj.join(".venv")));

    let none = w.p("empty");
    std::fs::create_dir_all(&none).unwrap();
    refused(&["--trust"], &none, "no venv in");

    use std::os::unix::fs::PermissionsExt;
    let venv = proj.join(".venv");
    std::fs::set_permissions(&venv, std::fs::Permissions::from_mode(0o777)).unwrap();
    refused(&["--trust"], &proj, "writable by");
    std::fs::set_permissions(&venv, std::fs::Permissions::from_mode(0o755)).unwrap();

    assert!(w.venvsh(&["deny"], &proj).status.success());
    refused(&["--trust"], &proj, "denied");

    // A dotenv file cannot hold ` #` as it is: refused, not written wrong.
    let odd = w.project("odd #name");
    assert!(w.venvsh(&["allow"], &odd).status.success());
    refused(&["--format", "dotenv"], &odd, "cannot keep");
    assert!(
        w.venvsh(&["env", "--format", "json"], &odd)
            .status
            .success()
    );
}

/// In a shell where venvsh has a venv active, `env` answers from the shell as it would be
/// without it: asked about that same project, it gives the whole set (for a file meant
/// for somewhere else), and about another, PATH without the first venv's bin.
#[test]
fn from_a_shell_with_a_venv_active() {
    let (w, venv, sub) = world();
    let other = w.project("other");
    assert!(w.venvsh(&["allow"], &other).status.success());
    // The variables `export bash` sets in `other`, as the shell then has them.
    let out = w.venvsh(&["export", "bash"], &other);
    let active = common::exported(&String::from_utf8_lossy(&out.stdout));
    assert!(
        active.iter().any(|(k, _)| k == "VENVSH_STATE"),
        "{active:?}"
    );
    let json = |dir: &Path| {
        let mut c = w.command(&["env", "--format", "json", dir.to_str().unwrap()], &w.root);
        c.envs(active.iter().map(|(k, v)| (k, v)));
        let out = timeout(&mut c, 30);
        assert!(out.status.success(), "{}", text(&out).1);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let base = String::from_utf8_lossy(BASE_PATH).into_owned();
    let got = json(&sub);
    assert_eq!(got["VIRTUAL_ENV"], s(&venv));
    assert_eq!(got["PATH"], format!("{}:{base}", s(&venv.join("bin"))));
    let got = json(&other);
    assert_eq!(got["VIRTUAL_ENV"], s(&other.join(".venv")));
    assert_eq!(
        got["PATH"],
        format!("{}:{base}", s(&other.join(".venv/bin")))
    );
    assert_eq!(got["VIRTUAL_ENV_PROMPT"], "other");
}
