//! PowerShell cannot be installed on these machines, so what venvsh emits for it is
//! checked by parsing it with the real PowerShell grammar (tree-sitter-powershell) and
//! pinned by snapshots: the hook, and activation, switching and deactivation for every
//! hostile name, whose values must come back exactly from single-quoted strings.

use crate::common;

use common::World;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;

fn parser() -> tree_sitter::Parser {
    let mut p = tree_sitter::Parser::new();
    p.set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    p
}

/// Parses `code`, fails on any syntax error, and returns the values of its
/// single-quoted strings and of its `('' + 'text' + [char]0xNNNN …)` joins (how venvsh
/// writes what is not ASCII); fails on any string that could expand (double-quoted), on
/// any character that is not ASCII (PowerShell decodes a program's output in the
/// console's code page), and on what Windows PowerShell 5.1 does not have: `&&` and `||`
/// (pwsh 7's pipeline chains); its ternary, `??` and `?.` are not in the grammar, so
/// they fail the parse.
pub fn parse(code: &str, what: &str) -> Vec<String> {
    assert!(
        code.is_ascii(),
        "{what}: not ASCII: {:?}",
        code.chars().find(|c| !c.is_ascii())
    );
    let tree = parser().parse(code, None).unwrap();
    let root = tree.root_node();
    assert!(
        !root.has_error(),
        "{what} does not parse:\n{code}\n{}",
        root.to_sexp()
    );
    let mut values = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let text = &code[n.byte_range()];
        assert!(
            !n.kind().starts_with("expandable"),
            "{what}: an expandable string: {text}"
        );
        assert!(
            !matches!(n.kind(), "&&" | "||"),
            "{what}: Windows PowerShell 5.1 has no {text}"
        );
        if n.kind() == "verbatim_string_characters" {
            values.push(verbatim(text, what));
        }
        if n.kind() == "parenthesized_expression" && text.starts_with("(''") {
            values.push(joined(text, what));
        }
        for i in 0..n.child_count() {
            stack.push(n.child(i as u32).unwrap());
        }
    }
    values
}

/// The value of `'…'`, where a quote is doubled.
fn verbatim(text: &str, what: &str) -> String {
    let inner = &text[1..text.len() - 1];
    let mut v = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        v.push(c);
        if c == '\'' {
            assert_eq!(
                chars.next(),
                Some(c),
                "{what}: an undoubled quote in {text}"
            );
        }
    }
    v
}

/// The value of `('' + 'text' + [char]0x00E9 + …)`: nothing but those two kinds of
/// parts.
fn joined(text: &str, what: &str) -> String {
    let mut units: Vec<u16> = Vec::new();
    let body = &text[1..text.len() - 1];
    let mut rest = body;
    let mut first = true;
    while !rest.is_empty() {
        if !first {
            rest = rest
                .strip_prefix(" + ")
                .unwrap_or_else(|| panic!("{what}: not a join: {text}"));
        }
        first = false;
        if let Some(r) = rest.strip_prefix("[char]0x") {
            let hex = &r[..4];
            units.push(u16::from_str_radix(hex, 16).unwrap());
            rest = &r[4..];
        } else {
            assert!(rest.starts_with('\''), "{what}: not a join: {text}");
            let mut end = 1;
            let b = rest.as_bytes();
            loop {
                if b[end] == b'\'' {
                    if b.get(end + 1) == Some(&b'\'') {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end += 1;
            }
            units.extend(verbatim(&rest[..=end], what).encode_utf16());
            rest = &rest[end + 1..];
        }
    }
    String::from_utf16(&units).unwrap_or_else(|_| panic!("{what}: bad UTF-16 in {text}"))
}

fn run(w: &World, args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> (String, String, i32) {
    let out = w.venvsh_env(args, cwd, env);
    (
        String::from_utf8(out.stdout).expect("PowerShell code is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn state_of(code: &str) -> String {
    let line = code
        .lines()
        .find(|l| l.starts_with("$env:VENVSH_STATE = '"))
        .expect("a state");
    line["$env:VENVSH_STATE = '".len()..line.len() - 1].to_string()
}

/// The checks above catch what they say they catch.
#[test]
fn the_parse_check_refuses_what_5_1_or_a_console_would_not_take() {
    for bad in [
        "Get-Item a && Get-Item b",
        "Get-Item a || Get-Item b",
        "$x = $null ?? 'a'",
        "$x = $true ? 'a' : 'b'",
        "$x = 'caf\u{e9}'",
        "$x = \"$y\"",
        "$x = ('' + 'a' + $y)",
    ] {
        let caught = std::panic::catch_unwind(|| parse(bad, "bad"));
        assert!(caught.is_err(), "{bad} passed");
    }
    let values = parse("$x = ('' + 'caf' + [char]0x00E9 + 'it''s')", "good");
    assert!(values.contains(&"caf\u{e9}it's".to_string()), "{values:?}");
}

#[test]
fn hook_parses_and_is_pinned() {
    let w = World::new("pwsh-hook");
    for sh in ["pwsh", "powershell"] {
        let (code, _, status) = run(&w, &["hook", sh], &w.root, &[]);
        assert_eq!(status, 0);
        let values = parse(&code, "the hook");
        assert!(
            values.contains(&w.exe.to_string_lossy().into_owned()),
            "the binary's path, exactly"
        );
        common::snapshot(
            "hook.ps1",
            &code.replace(&*w.exe.to_string_lossy(), "/usr/local/bin/venvsh"),
        );
    }
}

#[test]
fn activation_switch_and_deactivation_parse_for_every_hostile_name() {
    let w = World::new("pwsh-names");
    w.trust_all();
    let mut names = common::hostile_names();
    let hostile = names.len();
    // And generated ones (issue 6): replay with VENVSH_SEED.
    let seed = venvsh_gen::seed("pwsh names");
    let mut rng = venvsh_gen::Rng::new(seed);
    for _ in 0..150 {
        let n = rng.name();
        names.push((n.clone(), venvsh_gen::shown(&n)));
    }
    let mut checked = 0;
    let mut refused = 0;
    for (i, (name, shown)) in names.iter().enumerate() {
        if name.contains(&b':') {
            continue; // refused for every shell: tests/it/injection.rs
        }
        let folder = w.p(format!("f{i}")).join(OsString::from_vec(name.clone()));
        let proj = w.p(format!("g{i}"));
        if i < hostile {
            w.venv_any(&folder.join(".venv"), None);
            w.venv_any(&proj.join(".venv"), Some(name));
        } else {
            w.venv_copy(&folder.join(".venv"), None);
            w.venv_copy(&proj.join(".venv"), Some(name));
        }
        for (dir, expect_name) in [(&folder, name.clone()), (&proj, name.clone())] {
            let venv = dir.join(".venv");
            if std::str::from_utf8(name).is_err() {
                if i >= hostile {
                    continue;
                }
                // behaviour.md §11: PowerShell strings are text; such a venv is refused, clearly.
                let (code, err, _) = run(&w, &["export", "pwsh"], dir, &[]);
                assert!(!code.contains("$env:VIRTUAL_ENV ="), "{code}");
                assert!(err.contains("not UTF-8"), "{err}");
                let (code, err, status) = run(&w, &["activate", "--shell", "pwsh"], dir, &[]);
                assert_eq!((status, code.as_str()), (1, ""), "{err}");
                refused += 1;
                continue;
            }
            let venv_s = String::from_utf8(venv.as_os_str().as_bytes().to_vec()).unwrap();
            let shown_s = String::from_utf8(shown.clone()).unwrap();
            let name_s = String::from_utf8(expect_name).unwrap();

            // Entering, by the hook.
            let (code, err, _) = run(&w, &["export", "pwsh"], dir, &[]);
            let values = parse(&code, &format!("export for {name_s:?} (seed {seed})"));
            for want in [&venv_s, &name_s, &shown_s] {
                assert!(
                    values.contains(want),
                    "{want:?} not shell_can_hold exactly in:\n{code}\n{err}"
                );
            }
            // By hand (with the helper functions, for a shell without the hook).
            let (code, err, status) = run(&w, &["activate", "--shell", "pwsh"], dir, &[]);
            assert_eq!(status, 0, "{err}");
            parse(&code, &format!("activate for {name_s:?}"));
            // Switching to another project, and deactivating, from that state.
            let (entered, _, _) = run(&w, &["export", "pwsh"], dir, &[]);
            let state = state_of(&entered);
            let path = format!("{}/bin:/usr/bin:/bin", venv_s);
            let active = [
                ("VIRTUAL_ENV", venv_s.as_str()),
                ("VENVSH_STATE", state.as_str()),
                ("PATH", path.as_str()),
            ];
            let other = w.p("plain-elsewhere");
            std::fs::create_dir_all(&other).unwrap();
            let (code, _, _) = run(&w, &["export", "pwsh"], &other, &active);
            assert!(
                code.contains("Remove-Item -LiteralPath Env:VIRTUAL_ENV"),
                "{code}"
            );
            parse(&code, &format!("leaving {name_s:?}"));
            let (code, err, status) = run(&w, &["deactivate", "--shell", "pwsh"], dir, &active);
            assert_eq!(status, 0, "{err}");
            parse(&code, &format!("deactivate for {name_s:?}"));
            checked += 1;
        }
    }
    assert!(
        checked >= 200 && refused == 2,
        "checked {checked}, refused {refused}"
    );
    assert!(w.pwned().is_empty());
    eprintln!(
        "pwsh names: {} names, {checked} cases parsed, {refused} refused (not UTF-8)",
        names.len()
    );
}

#[test]
fn activation_is_pinned() {
    let w = World::new("pwsh-snap");
    w.trust_all();
    let proj = w.p("proj");
    w.venv_any(&proj.join(".venv"), Some("it's ‘quoted’ $(x)".as_bytes()));
    let (code, _, _) = run(&w, &["export", "pwsh"], &proj, &[]);
    parse(&code, "activation");
    let root = w.root.to_string_lossy().into_owned();
    let token = code
        .lines()
        .find(|l| l.starts_with("$global:__venvsh_ui"))
        .unwrap()
        .to_string();
    let state = state_of(&code);
    let text = code
        .replace(&state, "STATE")
        .replace(&token, "$global:__venvsh_ui = 'TOKEN'")
        .replace(&root, "/ROOT");
    common::snapshot("activate.ps1", &text);
}

/// The committed PowerShell completion script parses, and offers the venv home's names
/// (from `venvsh list --names`) in the arms for `activate` and `remove`, and in the arm
/// for `run` only after `--venv`. PowerShell cannot run here; the parse and the
/// arms' text are what is checked.
#[test]
fn completion_script_parses_and_completes_venv_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/_venvsh.ps1");
    let code = std::fs::read_to_string(&path).unwrap();
    // clap's closing `$completions.Where{ … }` (a method call given a bare script block,
    // PowerShell 4 and later) is beyond the tree-sitter grammar; parsed as the same
    // call with parentheses.
    let tail = "$completions.Where{ $_.CompletionText -like \"$wordToComplete*\" }";
    assert!(code.contains(tail), "clap's script changed its ending");
    let parsable = code.replace(
        tail,
        "$completions.Where({ $_.CompletionText -like \"$wordToComplete*\" })",
    );
    let tree = parser().parse(&parsable, None).unwrap();
    assert!(
        !tree.root_node().has_error(),
        "{} does not parse: {}",
        path.display(),
        tree.root_node().to_sexp()
    );
    let arm = |label: &str| -> &str {
        let start = code
            .find(&format!("        '{label}' {{\n"))
            .unwrap_or_else(|| panic!("no arm for {label}"));
        let end = code[start..].find("\n        }\n").unwrap() + start;
        &code[start..end]
    };
    let names = "venvsh list --names 2>$null | ForEach-Object";
    assert!(arm("venvsh;activate").contains(names));
    assert!(arm("venvsh;remove").contains(names));
    let run = arm("venvsh;run");
    // After `--venv ` (nothing typed yet: it is the last element) or `--venv t`.
    let last = run
        .find("$commandElements[-1].ToString() -eq '--venv'")
        .expect("run: names after `--venv `");
    let before = run
        .find("$commandElements[-2].ToString() -eq '--venv'")
        .expect("run: names after `--venv t`");
    let at = run.find(names).expect("run: names");
    assert!(last < at && before < at, "{run}");
    assert!(!arm("venvsh;hook").contains(names));
}

/// Issue 16: what the Windows venvsh.exe prints for PowerShell (run under wine), on
/// venvs in Windows' layout whose folders hold spaces, `&`, parentheses, letters outside
/// ASCII and a quote: the hook, entering, leaving and deactivating parse, are ASCII,
/// carry Windows paths exactly and put the venv's `Scripts` first on PATH.
#[test]
#[ignore = "full tier"]
fn venvsh_exe_output_parses() {
    use common::wine::{WinWorld, path as win};
    let Some(ww) = WinWorld::new("pwsh-exe") else {
        return;
    };
    ww.trust_all();
    let out = ww.w.p("out");
    std::fs::create_dir_all(&out).unwrap();
    let names = ["plain", "it's (1) & more", "café ‘quoted’ Ωмир"];
    let mut body = String::new();
    let x = ww.exe();
    for (i, name) in names.iter().enumerate() {
        let proj = ww.w.p(format!("p{i}")).join(name);
        ww.venv(&proj.join(".venv"), Some(&name.replace('\'', "\\'")));
        // The folder is reached by a glob: its name need not be in cmd's code page.
        body.push_str(&format!(
            "cd /d \"{}\"\nfor /d %%d in (*) do cd /d \"%%d\"\n{x} export pwsh > \"{}\"\n{x} activate --shell pwsh > \"{}\"\n",
            win(&ww.w.p(format!("p{i}"))),
            win(&out.join(format!("enter{i}.ps1"))),
            win(&out.join(format!("activate{i}.ps1"))),
        ));
        if i < 2 {
            // Leaving and deactivating, from the state entering gave (through cmd, which
            // holds these two names).
            body.push_str(&format!(
                "{x} export cmd > \"{st}\"\ncall \"{st}\"\n{x} deactivate --shell pwsh > \"{}\"\ncd ..\n{x} export pwsh > \"{}\"\n",
                win(&out.join(format!("deactivate{i}.ps1"))),
                win(&out.join(format!("leave{i}.ps1"))),
                st = win(&out.join(format!("state{i}.cmd"))),
            ));
        }
    }
    body.push_str(&format!(
        "{x} hook pwsh > \"{}\"\n",
        win(&out.join("hook.ps1"))
    ));
    ww.run("pwsh", &body);
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    let hook = read("hook.ps1");
    let values = parse(&hook, "venvsh.exe hook pwsh");
    assert!(
        values.contains(&win(&ww.kit.exe())),
        "the exe's Windows path"
    );
    for (i, name) in names.iter().enumerate() {
        let venv = format!("{}\\{name}\\.venv", win(&ww.w.p(format!("p{i}"))));
        let enter = read(&format!("enter{i}.ps1"));
        let values = parse(&enter, &format!("entering {name}"));
        assert!(values.contains(&venv), "{venv:?} in:\n{enter}");
        assert!(values.contains(&name.to_string()), "{name:?} in:\n{enter}");
        let path = values
            .iter()
            .find(|v| v.starts_with(&format!("{venv}\\Scripts;")))
            .unwrap_or_else(|| panic!("Scripts first on PATH:\n{enter}"));
        assert!(path.ends_with("C:\\windows"), "{path}");
        parse(
            &read(&format!("activate{i}.ps1")),
            &format!("activating {name}"),
        );
        if i < 2 {
            let base = format!("{};C:\\windows\\system32;C:\\windows", win(&ww.kit.python));
            let leave = read(&format!("leave{i}.ps1"));
            let values = parse(&leave, &format!("leaving {name}"));
            assert!(values.contains(&base), "PATH as before:\n{leave}");
            assert!(
                leave.contains("Remove-Item -LiteralPath Env:VIRTUAL_ENV "),
                "{leave}"
            );
            let deact = read(&format!("deactivate{i}.ps1"));
            let values = parse(&deact, &format!("deactivating {name}"));
            assert!(values.contains(&base), "PATH as before:\n{deact}");
        }
    }
}

/// Issue 28 §1 in PowerShell: a conda prefix's activation (its variables, its `.ps1`
/// activate.d script dot-sourced after them) and its leaving (the `.ps1` deactivate.d
/// script first, then every variable back) parse, carry their values exactly, and run
/// no script of another shell's.
#[test]
fn a_conda_prefix_activates_and_leaves_in_pwsh() {
    let w = World::new("pwsh-conda");
    let proj = w.p("it's px");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::write(proj.join("pixi.toml"), "[workspace]\nname = \"px\"\n").unwrap();
    let env = proj.join(".pixi/envs/default");
    common::conda_prefix(
        &env,
        &[
            (
                "conda-meta/state",
                r#"{"env_vars": {"MY_VAR": "it's $(here)"}}"#.into(),
            ),
            ("etc/conda/activate.d/a.ps1", "$env:A = 1\n".into()),
            ("etc/conda/activate.d/a.sh", "export A=1\n".into()),
            ("etc/conda/deactivate.d/a.ps1", "Remove-Item Env:A\n".into()),
        ],
    );
    let out = w.venvsh_env(&["allow"], &proj, &[]);
    assert!(out.status.success());
    let (code, err, _) = run(&w, &["export", "pwsh"], &proj, &[]);
    let values = parse(&code, "conda activation");
    let env_s = env.to_str().unwrap();
    for want in [env_s, "it's $(here)", "px"] {
        assert!(
            values.iter().any(|v| v == want),
            "{want:?} in:\n{code}\n{err}"
        );
    }
    let script = format!("{env_s}/etc/conda/activate.d/a.ps1");
    assert!(values.contains(&script), "{code}");
    let at = |what: &str| {
        code.find(what)
            .unwrap_or_else(|| panic!("{what} in {code}"))
    };
    assert!(
        at("$env:CONDA_PREFIX = ") < at(". '"),
        "the script after the variables"
    );
    assert!(!code.contains("a.sh"), "{code}");

    let state = state_of(&code);
    let path = format!("{env_s}/bin:/usr/bin:/bin");
    let active = [
        ("VENVSH_STATE", state.as_str()),
        ("CONDA_PREFIX", env_s),
        ("PATH", path.as_str()),
    ];
    let (code, err, _) = run(&w, &["export", "pwsh"], &w.root, &active);
    let values = parse(&code, "conda leaving");
    let script = format!("{env_s}/etc/conda/deactivate.d/a.ps1");
    assert!(values.contains(&script), "{code}\n{err}");
    assert!(
        at_least_before(&code, ". '", "Remove-Item -LiteralPath Env:CONDA_PREFIX"),
        "the script before the variables go:\n{code}"
    );
    assert!(
        code.contains("Remove-Item -LiteralPath Env:MY_VAR"),
        "{code}"
    );
}

fn at_least_before(code: &str, a: &str, b: &str) -> bool {
    matches!((code.find(a), code.find(b)), (Some(x), Some(y)) if x < y)
}
