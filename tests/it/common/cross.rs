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

/// What the Windows tests run under wine: `bin` holds venvsh.exe (with the
/// `bcryptprimitives.dll` stand-in wine 8 lacks), `python` a stand-in python.exe and
/// py.exe (tests/data/winpython.c).
pub struct WinKit {
    pub bin: PathBuf,
    pub python: PathBuf,
}

impl WinKit {
    pub fn exe(&self) -> PathBuf {
        self.bin.join("venvsh.exe")
    }
}

/// venvsh.exe for x86_64-pc-windows-gnu, and the stand-ins, built once per test binary.
pub fn windows() -> Option<&'static WinKit> {
    static KIT: std::sync::OnceLock<Option<WinKit>> = std::sync::OnceLock::new();
    KIT.get_or_init(|| {
        if !ready(&["x86_64-w64-mingw32-gcc", "wine"]) {
            return None;
        }
        const GCC: &str = "x86_64-w64-mingw32-gcc";
        let exe = cargo("build", "x86_64-pc-windows-gnu", Some(GCC), &[])?;
        let kit = dir().join("winkit");
        let (bin, python) = (kit.join("bin"), kit.join("python"));
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(&python).unwrap();
        std::fs::copy(&exe, bin.join("venvsh.exe")).unwrap();
        // Rust's std asks bcryptprimitives.dll for ProcessPrng, which wine 8 does not
        // have: a stand-in beside the exe takes it from RtlGenRandom.
        let c = kit.join("bcryptprimitives.c");
        std::fs::write(
            &c,
            "#include <windows.h>\n\
             BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);\n\
             BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n) {\n\
             \x20   for (; n > 0x10000000; p += 0x10000000, n -= 0x10000000)\n\
             \x20       if (!SystemFunction036(p, 0x10000000)) return FALSE;\n\
             \x20   return SystemFunction036(p, (ULONG)n);\n\
             }\n",
        )
        .unwrap();
        let def = kit.join("bcryptprimitives.def");
        std::fs::write(&def, "LIBRARY bcryptprimitives\nEXPORTS\n    ProcessPrng\n").unwrap();
        run(Command::new(GCC)
            .args(["-shared", "-O2", "-o"])
            .arg(bin.join("bcryptprimitives.dll"))
            .arg(&c)
            .arg(&def)
            .arg("-ladvapi32"));
        let src = repo().join("tests/data/winpython.c");
        run(Command::new(GCC)
            .args(["-municode", "-O2", "-Wall", "-Werror", "-o"])
            .arg(python.join("python.exe"))
            .arg(&src));
        std::fs::copy(python.join("python.exe"), python.join("py.exe")).unwrap();
        Some(WinKit { bin, python })
    })
    .as_ref()
}
