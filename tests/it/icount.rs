//! The regression guard for start-up cost that a noisy clock cannot give. The binary
//! install.sh builds (release, static) runs `venvsh export bash` under valgrind's
//! callgrind in the cases a `cd` meets, and the instructions it executes must stay
//! within the budget committed in `bench/instructions.txt`. The count does not depend
//! on the machine's load; it moves when the code (or the compiler) does.
//!
//! Over budget after a change that is worth its cost: run
//! `VENVSH_ICOUNT_WRITE=1 cargo test icount::`, which writes the counts measured
//! with 25% headroom, and say why in the commit.

use crate::common;

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

/// The instructions `exe export bash [ui]` in `dir` with `env` on top of a clean
/// environment executes.
fn cost(w: &World, exe: &Path, dir: &Path, ui: Option<&str>, env: &[(String, String)]) -> u64 {
    let out_file = w.p(format!("callgrind.{}", std::process::id()));
    let mut c = w.run_in("valgrind", dir);
    c.arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
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
    let text = std::fs::read_to_string(&out_file).unwrap();
    std::fs::remove_file(&out_file).unwrap();
    let total = text
        .lines()
        .find_map(|l| l.strip_prefix("summary: "))
        .unwrap_or_else(|| panic!("no instruction count from callgrind in {out_file:?}"));
    total.trim().parse().unwrap()
}

/// What a shell has with `venv` active: the variables `export` printed, applied, and the
/// token its hook passes back on the next prompt (`__venvsh_ui`).
fn active_env(w: &World, exe: &Path, dir: &Path) -> (Vec<(String, String)>, String) {
    let out = w
        .run_in(exe, dir)
        .args(["export", "bash"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let vars = common::exported(&text);
    assert!(
        vars.iter().any(|(k, _)| k == "VIRTUAL_ENV"),
        "the project activates: {text}"
    );
    let ui = text
        .lines()
        .find_map(|l| l.strip_prefix("__venvsh_ui="))
        .unwrap_or_else(|| panic!("no __venvsh_ui in {text}"));
    (vars, ui.to_string())
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
#[ignore = "full tier"]
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
    let (act, ui) = active_env(&w, &exe, &shallow);
    // With the token the hook passes back, a cd inside only checks: it sets nothing
    // again and says nothing. That is the path measured below.
    let out = w
        .run_in(&exe, &shallow.join("sub"))
        .args(["export", "bash", &ui])
        .envs(act.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    let (said, code) = (
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout),
    );
    assert!(
        said.is_empty() && !code.contains("VIRTUAL_ENV="),
        "a cd inside the active project did more than check:\n{said}{code}"
    );
    let ui = Some(ui.as_str());
    let measured: Vec<(&str, u64)> = vec![
        ("enter_depth1", cost(&w, &exe, &shallow, None, &[])),
        ("enter_depth40", cost(&w, &exe, &deep, None, &[])),
        (
            "inside_depth1",
            cost(&w, &exe, &shallow.join("sub"), ui, &act),
        ),
        ("inside_depth40", cost(&w, &exe, &inside_deep, ui, &act)),
        ("leave", cost(&w, &exe, &plain, ui, &act)),
        ("no_venv", cost(&w, &exe, &plain, None, &[])),
    ];
    let cases: Vec<(String, u64)> = measured.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    let report: String = cases
        .iter()
        .map(|(k, n)| format!("{k:<28} {n:>9}\n"))
        .collect();
    eprintln!("instructions per `venvsh export bash`:\n{report}");
    if std::env::var_os("VENVSH_ICOUNT_WRITE").is_some() {
        let mut text = String::from(
            "# Budget of `venvsh export bash` per case (tests/it/icount.rs): the instructions\n\
             # measured when it was last set, plus 25% headroom.\n",
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
                .get(k.as_str())
                .unwrap_or_else(|| panic!("{BUDGET} has no budget for {k}"));
            (*n > max).then(|| format!("{k}: {n}, budget {max}"))
        })
        .collect();
    assert!(
        over.is_empty(),
        "over budget:\n{}\nIf the cost is worth it: VENVSH_ICOUNT_WRITE=1 cargo test icount::, and say why in the commit.",
        over.join("\n")
    );
}
