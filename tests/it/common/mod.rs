//! Shared test harness: throwaway worlds (world.rs), real interactive shells driven
//! through a pty (session.rs, pty.rs), each shell's spellings (sh.rs), a terminal model
//! (terminal.rs), other targets (cross.rs, wine.rs, clink.rs), and the small helpers
//! every test needs (here).

pub mod check;
pub mod clink;
pub mod cross;
pub mod pty;
mod session;
mod sh;
mod terminal;
pub mod wine;
mod world;

pub use session::*;
pub use sh::*;
pub use terminal::clean;
pub use world::*;

/// Instantiates each scenario once per shell: `mod scenario { fn bash() ... }`. With
/// `full:`, every shell's test is in the full tier.
macro_rules! in_shells {
    (full: $($name:ident),* $(,)?) => {$(
        mod $name {
            per_shell!(full: super::$name; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh, csh Csh, elvish Elvish, xonsh Xonsh, nu Nu);
        }
    )*};
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            per_shell!(super::$name; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh, csh Csh, elvish Elvish, xonsh Xonsh, nu Nu);
        }
    )*};
}

/// One test per shell. The tiers (CONTRIBUTING.md): bash, zsh and fish are in the quick
/// one, the other shells in the full one, which cargo reports as ignored ("full tier")
/// and `cargo test -- --include-ignored` runs. With `full:`, every shell's test is.
macro_rules! per_shell {
    (full: $scenario:path; $($test:ident $sh:ident),*) => {$(
        shell_test!(full $scenario; $test $sh);
    )*};
    ($scenario:path; $($test:ident $sh:ident),*) => {$(
        shell_test!(tier $scenario; $test $sh);
    )*};
}

macro_rules! shell_test {
    (tier $scenario:path; $test:ident Bash) => { shell_test!(quick $scenario; $test Bash); };
    (tier $scenario:path; $test:ident Zsh) => { shell_test!(quick $scenario; $test Zsh); };
    (tier $scenario:path; $test:ident Fish) => { shell_test!(quick $scenario; $test Fish); };
    (tier $scenario:path; $test:ident $sh:ident) => { shell_test!(full $scenario; $test $sh); };
    (quick $scenario:path; $test:ident $sh:ident) => {
        #[test]
        fn $test() {
            if super::Sh::$sh.require().is_some() {
                $scenario(super::Sh::$sh)
            }
        }
    };
    (full $scenario:path; $test:ident $sh:ident) => {
        #[test]
        #[ignore = "full tier"]
        fn $test() {
            if super::Sh::$sh.require().is_some() {
                $scenario(super::Sh::$sh)
            }
        }
    };
}

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

pub const PROMPT: &[u8] = b"::vs:: ";
pub const BASE_PATH: &[u8] = b"/usr/bin:/bin";
const STEP: Duration = Duration::from_secs(20);

/// The venvsh under test: `VENVSH_TEST_BIN` when set (the musl build, say), else the one
/// `cargo test` built.
pub fn exe() -> PathBuf {
    match std::env::var_os("VENVSH_TEST_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_venvsh")),
    }
}

/// CI=true: a missing shell or tool fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| v == "true")
}

/// Where PATH (the tests' own) has `tool`.
pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

pub fn on_path(tool: &str) -> bool {
    which(tool).is_some()
}

/// Whether a tool is installed; in CI its absence fails the test, locally it skips loudly.
pub fn have(tool: &str) -> bool {
    let found = on_path(tool);
    if !found {
        if in_ci() {
            panic!("{tool} is not installed, and CI=true: this test must run");
        }
        eprintln!("\n!!! SKIPPED: {tool} is not installed; install it to run this test !!!\n");
    }
    found
}

/// A path as sh and its kin read it back, quoted.
pub fn q(p: &Path) -> String {
    shell_words::quote(&p.to_string_lossy()).into_owned()
}

/// Runs `c` to its end and returns what it printed; killed, and the test failed, when it
/// takes longer than `secs`.
pub fn timeout(c: &mut Command, secs: u64) -> std::process::Output {
    use std::process::Stdio;
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{c:?} took over {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Compares `text` with the committed `tests/snapshots/NAME`; `VENVSH_BLESS=1` writes it
/// instead (then review the diff and commit it).
pub fn snapshot(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("VENVSH_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == text,
        "tests/snapshots/{name} changed; if that is meant, run VENVSH_BLESS=1 cargo test and commit it\n--- now ---\n{text}"
    );
}

/// A shell started by the world's user as a terminal starts it: its own startup files,
/// no harness rc; `input` typed into it through `script`'s terminal when not empty.
/// What it printed.
pub fn says(w: &World, program: &str, args: &[&str], input: &str) -> String {
    let mut c = if input.is_empty() {
        let mut c = w.run_in(program, &w.root);
        c.args(args);
        c
    } else {
        let typed = w.p("tmp/typed");
        std::fs::write(&typed, input).unwrap();
        let mut c = w.run_in("/bin/sh", &w.root);
        c.arg("-c").arg(format!(
            "script -qc {} /dev/null < {}",
            check::q(Path::new(program)),
            check::q(&typed)
        ));
        c
    };
    let out = timeout(&mut c, 30);
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The variables `venvsh export bash` output sets (`export NAME='value'` lines, values
/// without a quote in them), as the shell then has them.
pub fn exported(bash_code: &str) -> Vec<(String, String)> {
    bash_code
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap();
            (k.to_string(), v.trim_matches('\'').to_string())
        })
        .collect()
}
