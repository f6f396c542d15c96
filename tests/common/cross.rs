//! venvsh built for other targets, with Debian's `rustc-web`/`cargo-web` (a rustc whose
//! std sources come along in `rust-web-src`, so `-Zbuild-std` builds std for any target)
//! and the C toolchains Debian has for them (`musl-tools`, `gcc-mingw-w64-x86-64`).
//! Everything goes to target/cross, apart from the target folder `cargo test` is using.

use std::path::{Path, PathBuf};
use std::process::Command;

const CARGO: &str = "/usr/bin/cargo";
const RUSTC: &str = "/usr/bin/rustc";

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dir() -> PathBuf {
    repo().join("target/cross")
}

/// The tools a cross build needs; in CI a missing one fails the test, locally it skips
/// loudly.
fn ready(tools: &[&str]) -> bool {
    let mut missing: Vec<&str> = [CARGO, RUSTC, "/usr/lib/rustlib/src/rust/library"]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    missing.extend(tools.iter().filter(|t| !super::on_path(t)));
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "{} missing (apt-get install rustc-web cargo-web rust-web-src musl-tools gcc-mingw-w64-x86-64)",
        missing.join(", ")
    );
    if super::in_ci() {
        panic!("{why}, and CI=true: the cross-target tests must run");
    }
    eprintln!("\n!!! SKIPPED: {why} !!!\n");
    false
}

/// `cargo VERB --release --target TARGET` with std built from source. Returns the
/// binary's path (for `build`), or None when the tools are missing outside CI.
fn cargo(verb: &str, target: &str, linker: Option<&str>, rustflags: &[&str]) -> Option<PathBuf> {
    let mut c = Command::new("timeout");
    c.args([
        "-k",
        "10",
        "1800",
        CARGO,
        verb,
        "--release",
        "--locked",
        "--quiet",
    ])
    .args(["-Zbuild-std=std,panic_abort", "--target", target])
    .current_dir(repo())
    .env("RUSTC", RUSTC)
    .env("RUSTC_BOOTSTRAP", "1")
    .env("CARGO_TARGET_DIR", dir())
    .env("CARGO_ENCODED_RUSTFLAGS", rustflags.join("\x1f"))
    .env_remove("RUSTFLAGS")
    .env_remove("RUSTC_WRAPPER");
    if let Some(linker) = linker {
        c.arg("--config")
            .arg(format!("target.{target}.linker=\"{linker}\""));
    }
    let out = c.output().expect("start cargo");
    assert!(
        out.status.success(),
        "cargo {verb} --target {target} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = if target.contains("windows") {
        "venvsh.exe"
    } else {
        "venvsh"
    };
    Some(dir().join(target).join("release").join(exe))
}

/// `cargo check` for a target that cannot be linked here (macOS, FreeBSD).
pub fn check(target: &str) -> bool {
    ready(&[]) && cargo("check", target, None, &[]).is_some()
}

/// venvsh for x86_64 musl, linked with musl-gcc against Debian's musl (so it runs here,
/// through musl's loader). Rust's self-contained musl objects are not in rust-web-src:
/// the unwinder comes from gcc's libgcc_eh, which asks glibc for `_dl_find_object`;
/// a one-line stub says "not found", and the unwinder falls back to its own search.
pub fn musl() -> Option<PathBuf> {
    if !ready(&["musl-gcc", "gcc", "ar"]) {
        return None;
    }
    let link = dir().join("musl-link");
    std::fs::create_dir_all(&link).unwrap();
    let lib = link.join("libunwind.a");
    if !lib.exists() {
        let gcc_eh = Command::new("gcc")
            .arg("-print-file-name=libgcc_eh.a")
            .output()
            .unwrap();
        let gcc_eh = String::from_utf8(gcc_eh.stdout).unwrap();
        let stub = link.join("dl_find_object.c");
        std::fs::write(
            &stub,
            "int _dl_find_object(void *pc, void *r) { (void)pc; (void)r; return -1; }\n",
        )
        .unwrap();
        let obj = link.join("dl_find_object.o");
        run(Command::new("musl-gcc")
            .args(["-c", "-O2", "-o"])
            .arg(&obj)
            .arg(&stub));
        let tmp = link.join("libunwind.a.tmp");
        std::fs::copy(gcc_eh.trim(), &tmp).unwrap();
        run(Command::new("ar").arg("r").arg(&tmp).arg(&obj));
        std::fs::rename(&tmp, &lib).unwrap();
    }
    let link = format!("-L{}", link.display());
    let flags = ["-Clink-self-contained=no", &link];
    cargo(
        "build",
        "x86_64-unknown-linux-musl",
        Some("musl-gcc"),
        &flags,
    )
}

fn run(c: &mut Command) {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{c:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
