//! The GitHub workflows (.github/workflows): their runners cannot be reached from here,
//! so they are checked by actionlint and zizmor, which must also catch a broken one; and
//! CI's Linux job runs `.ci/run`, which runs the README's test command.

use crate::common::{have, timeout};
use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a linter on `paths` in `dir`; its output and whether it passed.
fn lint(tool: &str, args: &[&str], dir: &Path) -> (bool, String) {
    let out = timeout(Command::new(tool).args(args).current_dir(dir), 120);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
#[ignore = "full tier"]
fn workflows_pass_actionlint_and_zizmor() {
    if !have("actionlint") || !have("zizmor") {
        return;
    }
    let (ok, text) = lint("actionlint", &[], repo());
    assert!(ok, "actionlint:\n{text}");
    let (ok, text) = lint("zizmor", &["--offline", ".github/workflows"], repo());
    assert!(ok, "zizmor:\n{text}");

    // Both catch what they are there for: an unknown key, and a title an attacker
    // writes pasted into a script.
    let w = crate::common::World::new("workflows");
    let dir = w.p("repo/.github/workflows");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.yml"),
        "on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    timeout: 5\n    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n",
    )
    .unwrap();
    let (ok, text) = lint("actionlint", &[".github/workflows/bad.yml"], &w.p("repo"));
    assert!(!ok && text.contains("timeout"), "actionlint:\n{text}");
    let (ok, text) = lint("zizmor", &["--offline", ".github/workflows"], &w.p("repo"));
    assert!(
        !ok && text.contains("template-injection"),
        "zizmor:\n{text}"
    );
}

/// CI's Linux job and the release's test job run `.ci/run`, and `.ci/run` ends in the
/// README's test command.
#[test]
fn ci_runs_the_readme_test_command() {
    let read = |p: &str| std::fs::read_to_string(repo().join(p)).unwrap();
    let readme = read("README.md");
    let at = readme.find("## Running the tests").unwrap();
    let block = &readme[at..];
    let cmd = block
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .unwrap();
    let run = read(".ci/run");
    assert_eq!(run.trim_end().lines().last(), Some(cmd), "{run}");
    for wf in [".github/workflows/ci.yml", ".github/workflows/release.yml"] {
        assert!(read(wf).contains("      - run: bash .ci/run\n"), "{wf}");
    }
}
