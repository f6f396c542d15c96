//! What a shell has after a step, checked against what it should have.

use super::Snap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Asserts that a command succeeded, showing all it printed when it did not.
#[track_caller]
pub fn succeeded(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn b(p: &Path) -> Vec<u8> {
    p.as_os_str().as_bytes().to_vec()
}

pub fn show(v: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(v))
}

/// Everything behaviour.md §4 says an active venv looks like, checked in one go.
#[track_caller]
pub fn assert_active(s: &Snap, venv: &Path, name: &[u8], path_after: &[u8], step: &str) {
    assert_active_as(s, venv, name, name, path_after, step)
}

/// As `assert_active`, for a name the prompt shows as `shown`.
#[track_caller]
pub fn assert_active_as(
    s: &Snap,
    venv: &Path,
    name: &[u8],
    shown: &[u8],
    path_after: &[u8],
    step: &str,
) {
    let ctx = || format!("step '{step}': output {:?}", s.out());
    assert_eq!(
        s.ve.as_deref(),
        Some(b(venv).as_slice()),
        "VIRTUAL_ENV, {}",
        ctx()
    );
    assert_eq!(
        s.vep.as_deref(),
        Some(name),
        "VIRTUAL_ENV_PROMPT, {}",
        ctx()
    );
    let mut path = b(&venv.join("bin"));
    path.push(b':');
    path.extend_from_slice(path_after);
    assert_eq!(show(&s.path), show(&path), "PATH, {}", ctx());
    let mut prompt = b"(".to_vec();
    prompt.extend_from_slice(shown);
    prompt.extend_from_slice(b") ::vs:: ");
    assert_eq!(show(&s.prompt), show(&prompt), "prompt as drawn, {}", ctx());
    assert_eq!(
        s.prefix.as_deref().map(show),
        Some(show(&b(venv))),
        "python's sys.prefix, {}",
        ctx()
    );
    assert!(s.deactivate, "deactivate is defined, {}", ctx());
}

#[track_caller]
pub fn assert_inactive(s: &Snap, path: &[u8], step: &str) {
    let ctx = || format!("step '{step}': output {:?}", s.out());
    assert_eq!(s.ve.as_deref().map(show), None, "VIRTUAL_ENV, {}", ctx());
    assert_eq!(
        s.vep.as_deref().map(show),
        None,
        "VIRTUAL_ENV_PROMPT, {}",
        ctx()
    );
    assert_eq!(show(&s.path), show(path), "PATH, {}", ctx());
    assert_eq!(
        show(&s.prompt),
        show(b"::vs:: "),
        "prompt as drawn, {}",
        ctx()
    );
    assert!(!s.deactivate, "deactivate is gone, {}", ctx());
}

pub fn q(p: &Path) -> String {
    shell_words::quote(&p.to_string_lossy()).into_owned()
}

#[track_caller]
pub fn said(s: &Snap, what: &str, times: usize, step: &str) {
    let n = s.venvsh_lines().iter().filter(|l| l.contains(what)).count();
    assert_eq!(
        n,
        times,
        "step '{step}': lines with {what:?} in {:?}",
        s.out()
    );
}
