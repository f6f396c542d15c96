//! Issue 7: the regression guard for start-up cost that a noisy clock cannot give. The
//! binary install.sh builds (release, static) runs `venvsh export bash` under valgrind's
//! cachegrind in the cases a `cd` meets, and the instructions it executes must stay
//! within the budget committed in `bench/instructions.txt`. Instruction counts do not
//! depend on the machine's load; they move when the code (or the compiler) does.
//!
//! Over budget after a change that is worth its cost: run
//! `VENVSH_ICOUNT_WRITE=1 cargo test --test icount`, which writes the counts measured
//! with 25% headroom, and say why in the commit.

#[macro_use]
mod common;

use common::World;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BUDGET: &str = "bench/instructions.txt";

/// Builds what users get, with install.sh.
fn release_binary(w: &World) -> PathBuf {
    let prefix = w.p("inst");
    let out = common::install_sh(
        w,
        "bash",
        &[
            "--no-modify-rc".as_ref(),
            "--prefix".as_ref(),
            prefix.as_os_str(),
        ],
    );
    assert!(
        out.status.success(),
        "install.sh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    prefix.join("bin/venvsh")
}

/// Instructions executed by `exe export bash [ui]` in `dir` with `env` on top of a
/// clean environment.
fn instructions(
    w: &World,
    exe: &Path,
    dir: &Path,
    ui: Option<&Path>,
    env: &[(String, String)],
) -> u64 {
    let mut c = w.run_in("valgrind", dir);
    c.args([
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
    ])
    .arg(exe)
    .args(["export", "bash"])
    .args(ui);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("I   refs:"))
        .unwrap_or_else(|| panic!("no instruction count from valgrind:\n{err}"));
    line.rsplit(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

/// What a shell has with `venv` active: the variables `export` printed, applied.
fn active_env(w: &World, exe: &Path, dir: &Path) -> Vec<(String, String)> {
    let out = w
        .run_in(exe, dir)
        .args(["export", "bash"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let vars: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap();
            (k.to_string(), v.trim_matches('\'').to_string())
        })
        .collect();
    assert!(
        vars.iter().any(|(k, _)| k == "VIRTUAL_ENV"),
        "the project activates: {text}"
    );
    vars
}

fn read_budget() -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BUDGET))
        .unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.split_once(char::is_whitespace).unwrap();
            (k.to_string(), v.trim().replace('_', "").parse().unwrap())
        })
        .collect()
}

#[test]
fn export_stays_within_its_instruction_budget() {
    if !common::have("valgrind") {
        return;
    }
    let w = World::new("icount");
    w.trust_all();
    let exe = release_binary(&w);
    let shallow = w.p("p1");
    w.venv(&shallow.join(".venv"), &[]);
    let mut deep = w.p("d");
    for i in 1..40 {
        deep = deep.join(format!("d{i:02}"));
    }
    deep = deep.join("p40");
    w.venv(&deep.join(".venv"), &[]);
    let mut inside_deep = shallow.clone();
    for i in 1..=40 {
        inside_deep = inside_deep.join(format!("s{i:02}"));
    }
    std::fs::create_dir_all(&inside_deep).unwrap();
    std::fs::create_dir_all(shallow.join("sub")).unwrap();
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let act = active_env(&w, &exe, &shallow);
    let venv = shallow.join(".venv");
    let cases: Vec<(&str, u64)> = vec![
        ("enter_depth1", instructions(&w, &exe, &shallow, None, &[])),
        ("enter_depth40", instructions(&w, &exe, &deep, None, &[])),
        (
            "inside_depth1",
            instructions(&w, &exe, &shallow.join("sub"), Some(&venv), &act),
        ),
        (
            "inside_depth40",
            instructions(&w, &exe, &inside_deep, Some(&venv), &act),
        ),
        ("leave", instructions(&w, &exe, &plain, Some(&venv), &act)),
        ("no_venv", instructions(&w, &exe, &plain, None, &[])),
    ];
    let report: String = cases
        .iter()
        .map(|(k, n)| format!("{k:<16} {n:>9}\n"))
        .collect();
    eprintln!("instructions per `venvsh export bash`:\n{report}");
    if std::env::var_os("VENVSH_ICOUNT_WRITE").is_some() {
        let mut text = String::from(
            "# Instruction budget of `venvsh export bash` per case (tests/icount.rs): the\n\
             # counts measured when it was last set, plus 25% headroom.\n",
        );
        for (k, n) in &cases {
            text.push_str(&format!("{k} {}\n", n + n / 4));
        }
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join(BUDGET), text).unwrap();
        return;
    }
    let budget = read_budget();
    let over: Vec<String> = cases
        .iter()
        .filter_map(|(k, n)| {
            let max = *budget
                .get(*k)
                .unwrap_or_else(|| panic!("{BUDGET} has no budget for {k}"));
            (*n > max).then(|| format!("{k}: {n} instructions, budget {max}"))
        })
        .collect();
    assert!(
        over.is_empty(),
        "over budget:\n{}\nIf the cost is worth it: VENVSH_ICOUNT_WRITE=1 cargo test --test icount, and say why in the commit.",
        over.join("\n")
    );
}
