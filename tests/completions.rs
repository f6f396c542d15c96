//! The committed completion scripts are what `venvsh completions` prints now.

use std::process::Command;

#[test]
fn committed_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in [
        ("bash", "venvsh.bash"),
        ("zsh", "_venvsh"),
        ("fish", "venvsh.fish"),
        ("elvish", "venvsh.elv"),
        ("powershell", "_venvsh.ps1"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_venvsh"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.is_empty());
        if std::fs::read(dir.join(file)).ok().as_deref() != Some(out.stdout.as_slice()) {
            stale.push(file);
        }
    }
    let man = Command::new(env!("CARGO_BIN_EXE_venvsh"))
        .arg("man")
        .output()
        .unwrap();
    assert!(man.status.success());
    if std::fs::read(dir.join("venvsh.1")).ok().as_deref() != Some(man.stdout.as_slice()) {
        stale.push("venvsh.1");
    }
    assert!(
        stale.is_empty(),
        "stale completions or man page {stale:?}; regenerate them as completions/README.md shows"
    );
}
