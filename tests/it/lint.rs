//! The shell code venvsh prints, checked by each shell's own linter or parser, as
//! zoxide does: the hook, and what entering a project, leaving it, and activating and
//! deactivating by hand print. bash: `shellcheck` (every finding, info included); zsh:
//! `zsh -n`; fish: `fish --no-execute`; tcsh: `tcsh -n`, which catches an unmatched
//! quote, though not a missing `endif` (the hook has no `if … then` blocks).

use crate::common;

use common::World;
use std::path::Path;

/// Every text venvsh prints for `shell` in a world with an active project, as (what, text).
pub fn texts(w: &World, shell: &str) -> Vec<(String, Vec<u8>)> {
    let proj = w.project("proj");
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let ok = |args: &[&str], cwd: &Path, env: &[(&str, &str)]| {
        let out = w.venvsh_env(args, cwd, env);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let hook = ok(&["hook", shell], &w.root, &[]);
    let enter = ok(&["export", shell], &proj, &[]);
    let state = state_in(&enter);
    let venv = proj.join(".venv").to_string_lossy().into_owned();
    let path = format!("{venv}/bin:/usr/bin:/bin");
    let active = [
        ("VIRTUAL_ENV", venv.as_str()),
        ("VENVSH_STATE", state.as_str()),
        ("PATH", path.as_str()),
    ];
    vec![
        ("hook".into(), hook),
        ("enter".into(), enter),
        ("leave".into(), ok(&["export", shell], &plain, &active)),
        (
            "activate".into(),
            ok(&["activate", "--shell", shell], &proj, &[]),
        ),
        (
            "deactivate".into(),
            ok(&["deactivate", "--shell", shell], &proj, &active),
        ),
    ]
    .into_iter()
    .chain(conda_texts(w, shell, &plain, &ok))
    .collect()
}

/// The state entering leaves, read from its own text: every shell sets it the same way.
fn state_in(enter: &[u8]) -> String {
    let text = String::from_utf8_lossy(enter);
    text.split("VENVSH_STATE")
        .nth(1)
        .and_then(|rest| rest.split(['\'', '"', '=']).find(|v| v.starts_with("v1")))
        .unwrap_or_else(|| panic!("no state in {text}"))
        .to_string()
}

/// venvsh run with these arguments, in this folder, with these variables: its stdout.
type Run<'a> = dyn Fn(&[&str], &Path, &[(&str, &str)]) -> Vec<u8> + 'a;

/// Entering a pixi workspace whose prefix has a variable of its own and a script in each
/// shell's language, and leaving it: the scripts each shell runs, where it runs them.
fn conda_texts(w: &World, shell: &str, plain: &Path, ok: &Run) -> Vec<(String, Vec<u8>)> {
    let px = w.p("px");
    let env = px.join(".pixi/envs/default");
    std::fs::create_dir_all(&px).unwrap();
    std::fs::write(px.join("pixi.toml"), "[workspace]\nname = \"px\"\n").unwrap();
    let mut files = vec![(
        "conda-meta/state",
        r#"{"env_vars": {"MY_VAR": "v"}}"#.to_string(),
    )];
    let names: Vec<String> = ["sh", "fish", "csh", "ps1", "bat"]
        .iter()
        .flat_map(|ext| ["activate.d", "deactivate.d"].map(|d| format!("etc/conda/{d}/x.{ext}")))
        .collect();
    files.extend(names.iter().map(|n| (n.as_str(), String::new())));
    common::conda_prefix(&env, &files);
    let enter = ok(&["export", shell], &px, &[]);
    let state = state_in(&enter);
    let prefix = env.to_string_lossy().into_owned();
    let path = format!("{prefix}/bin:/usr/bin:/bin");
    let active = [
        ("CONDA_PREFIX", prefix.as_str()),
        ("VENVSH_STATE", state.as_str()),
        ("PATH", path.as_str()),
    ];
    vec![
        ("enter a conda prefix".into(), enter),
        ("leave it".into(), ok(&["export", shell], plain, &active)),
    ]
}

fn lint(shell: &str, linter: &[&str]) {
    if !common::have(linter[0]) {
        return;
    }
    let w = World::new(&format!("lint-{shell}"));
    w.trust_all();
    for (what, text) in texts(&w, shell) {
        let file = w.p(format!("{what}.{shell}"));
        std::fs::write(&file, &text).unwrap();
        let out = common::timeout(
            std::process::Command::new(linter[0])
                .args(&linter[1..])
                .arg(&file),
            60,
        );
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{} on {shell} {what}:\n{}{}\n--- the text ---\n{}",
            linter.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&text)
        );
    }
}

#[test]
fn bash_passes_shellcheck() {
    // SC1091: a conda prefix's activate.d script is sourced by path; shellcheck is not
    // given it to follow.
    lint(
        "bash",
        &[
            "shellcheck",
            "--shell=bash",
            "--severity=info",
            "--exclude=SC1091",
        ],
    );
}

#[test]
fn zsh_parses() {
    lint("zsh", &["zsh", "-n", "-f"]);
}

#[test]
fn fish_parses() {
    lint("fish", &["fish", "--no-execute", "--no-config"]);
}

#[test]
fn tcsh_parses() {
    lint("tcsh", &["tcsh", "-n", "-f"]);
}

/// elvish: the hook compiles (`elvish -compileonly`), apart from the editor's variables
/// (`$edit:…`), which exist only in an interactive shell. What venvsh prints for a cd is
/// JSON, read as data (src/shell/elvish.rs); here Python's json reads it.
#[test]
fn elvish_hook_compiles_and_the_rest_is_json() {
    if !common::have("elvish") {
        return;
    }
    let w = World::new("lint-elvish");
    w.trust_all();
    for (what, text) in texts(&w, "elvish") {
        if what != "hook" {
            assert_json(&what, &text);
            continue;
        }
        let file = w.p("hook.elv");
        std::fs::write(&file, &text).unwrap();
        let out = common::timeout(
            std::process::Command::new("elvish")
                .arg("-compileonly")
                .arg(&file),
            60,
        );
        let err = String::from_utf8_lossy(&out.stderr);
        let plain = String::from_utf8_lossy(&common::clean(err.as_bytes())).into_owned();
        // Each error is a message line, then the line of code it is about.
        let messages: Vec<&str> = plain
            .lines()
            .filter(|l| l.contains("not found") || l.contains("cannot find") || l.contains("rror"))
            .filter(|l| !l.starts_with("Multiple compilation errors"))
            .collect();
        let code: Vec<&str> = plain
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert!(
            messages.iter().all(|m| m.contains("variable $edit:")
                || m.contains("cannot find variable $edit:")
                || m.contains("variable edit:"))
                && code.iter().all(|c| c.contains("edit:")),
            "elvish -compileonly on the hook:\n{plain}"
        );
    }
}

/// What venvsh prints for the shells that take JSON (elvish, xonsh, nushell) is JSON:
/// here Python's json reads it.
fn assert_json(what: &str, text: &[u8]) {
    let back = common::python_on(text, "import json,sys; json.load(sys.stdin); print('ok')");
    assert_eq!(
        back.trim(),
        "ok",
        "{what}: {}",
        String::from_utf8_lossy(text)
    );
}

/// xonsh and nushell: the hook loads in a shell that is not interactive (xonsh `source`,
/// nushell `source`, which parses the whole file first) without a word on stderr, a
/// deprecation warning included; the rest is JSON.
#[test]
fn xonsh_and_nu_hooks_load_and_the_rest_is_json() {
    for (shell, file, args) in [
        ("xonsh", "hook.xsh", &["--no-rc", "-c"][..]),
        ("nu", "hook.nu", &["-n", "--no-history", "-c"][..]),
    ] {
        if !common::have(shell) {
            continue;
        }
        let w = World::new(&format!("lint-{shell}"));
        w.trust_all();
        for (what, text) in texts(&w, shell) {
            if what != "hook" {
                assert_json(&what, &text);
                continue;
            }
            let path = w.p(file);
            std::fs::write(&path, &text).unwrap();
            let out = common::timeout(
                std::process::Command::new(shell)
                    .args(args)
                    .arg(format!("source '{}'", path.display()))
                    .env("XDG_CONFIG_HOME", w.p("config"))
                    .current_dir(&w.root),
                60,
            );
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "{shell} source on the hook: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// behaviour.md §2: every file venvsh reads goes through `src/bounded.rs` (regular files
/// only, no blocking open, a cap). A new `fs::read`, `read_to_string`, `File::open` or
/// `read_to_end` anywhere else in `src/` (tests aside) fails here.
#[test]
fn every_file_read_goes_through_the_bounded_reader() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let forbidden = [
        "fs::read(",
        "fs::read_to_string(",
        "read_to_string(",
        "File::open(",
        "read_to_end(",
    ];
    let mut files = vec![src.clone()];
    let mut found = Vec::new();
    let mut scanned = 0;
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let rel = p.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        // The reader itself, the fuzz tests and the managers' unit tests.
        if rel == "bounded.rs" || rel == "fuzz.rs" || rel.ends_with("tests.rs") {
            continue;
        }
        scanned += 1;
        let text = std::fs::read_to_string(&p).unwrap();
        for (n, line) in text.lines().enumerate() {
            // A file's unit tests come last, behind `#[cfg(test)]`.
            if line.starts_with("#[cfg(test)]") || line.starts_with("#[cfg(all(test") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(f) = forbidden.iter().find(|f| line.contains(*f)) {
                found.push(format!("src/{rel}:{}: {f}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(scanned > 40, "only {scanned} files scanned");
    assert!(
        found.is_empty(),
        "read files through crate::bounded instead:\n{}",
        found.join("\n")
    );
}
