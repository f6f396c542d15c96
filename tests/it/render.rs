//! What venvsh prints for every shell, pinned by committed snapshots
//! (`tests/snapshots/render.SHELL`): the hook, and what entering a project, leaving it,
//! and activating and deactivating by hand print. A change to any shell's code shows as
//! a diff there; `VENVSH_BLESS=1 cargo test render::` writes them anew.

use crate::common;

use common::World;

/// Every shell `venvsh hook` takes, by the name it takes.
const SHELLS: [&str; 10] = [
    "bash", "zsh", "fish", "tcsh", "elvish", "xonsh", "nu", "pwsh", "cmd", "clink",
];

#[test]
fn every_shells_code_is_pinned() {
    let w = World::fixed("render");
    w.trust_all();
    let exe = w.exe.to_string_lossy().into_owned();
    // The state records who activated the venv (`w:LEN:UID`, after its mode): the same
    // snapshot for whoever runs the tests.
    let uid = nix::unistd::geteuid().to_string();
    let by = |mode: &str| format!("{mode}w:{}:{uid}", uid.len());
    for shell in SHELLS {
        let mut text = String::new();
        for (what, code) in crate::lint::texts(&w, shell) {
            text.push_str(&format!("===== {what} =====\n"));
            text.push_str(
                &String::from_utf8_lossy(&code)
                    .replace(&exe, "/usr/local/bin/venvsh")
                    .replace(&by("auto"), "autow:3:UID")
                    .replace(&by("pin"), "pinw:3:UID"),
            );
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        common::snapshot(&format!("render.{shell}"), &text);
    }
}
