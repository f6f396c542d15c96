//! The ways venvsh is installed besides install.sh. The wheel (pyproject.toml, maturin's
//! `bindings = "bin"`): built here as a release would build it, installed with `uv tool
//! install` and with `pipx install` into a throwaway HOME, and then used as a newcomer
//! would: `venvsh init bash`, and an interactive bash with that ~/.bashrc activates a
//! project on `cd`. The crate (`cargo install venvsh`): `cargo package` builds it from
//! what it packs.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `maturin build --release` into `out`, with install.sh's static flags on glibc Linux
/// (an explicit --target keeps them off the proc-macros).
fn build_wheel(py: &Path, out: &Path) -> PathBuf {
    let host = String::from_utf8(Command::new("rustc").arg("-vV").output().unwrap().stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .unwrap();
    let mut c = Command::new(py);
    c.args([
        "-m",
        "maturin",
        "build",
        "--release",
        "--locked",
        "--target",
        &host,
        "--out",
    ])
    .arg(out)
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    if host.ends_with("-linux-gnu") {
        c.env("RUSTFLAGS", "-C target-feature=+crt-static");
    }
    let done = common::timeout(&mut c, 1200);
    assert!(
        done.status.success(),
        "maturin build: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    let wheel = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("a wheel");
    // The wheel holds the binary and the metadata, nothing else.
    let list = common::python_on(
        wheel.to_string_lossy().as_bytes(),
        "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.stdin.read()).namelist()))",
    );
    assert!(
        list.lines().all(|n| n.starts_with("venvsh-")
            && (n.contains(".dist-info/") || n.ends_with(".data/scripts/venvsh"))),
        "{list}"
    );
    wheel
}

#[test]
#[ignore = "full tier"]
fn wheel_installs_with_uv_and_pipx_then_init_and_a_session() {
    let Some(py) = common::python_with("maturin") else {
        return;
    };
    let Some(pipx_py) = common::python_with("pipx") else {
        return;
    };
    // The world's PATH is not this one: the Python that has pipx, by its full path.
    let pipx_py = if pipx_py.is_absolute() {
        pipx_py
    } else {
        common::which(&pipx_py.to_string_lossy()).unwrap()
    };
    let Some(uv) = common::python_with("uv") else {
        return;
    };
    let Some(_) = Sh::Bash.require() else { return };
    let w = World::new("wheel");
    let wheel = build_wheel(&py, &w.p("wheels"));
    let uv_bin = String::from_utf8(
        Command::new(&uv)
            .args(["-c", "import uv; print(uv.find_uv_bin(), end='')"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let base = common::python();
    let installs: [(&str, Command, PathBuf); 2] = [
        (
            "uv tool install",
            {
                let mut c = w.run_in(&uv_bin, &w.root);
                c.args(["tool", "install", "--offline", "--python"])
                    .arg(&base)
                    .arg(&wheel)
                    .env("UV_TOOL_DIR", w.p("uv-tools"))
                    .env("UV_TOOL_BIN_DIR", w.p("uv-bin"))
                    .env("UV_CACHE_DIR", w.p("uv-cache"));
                c
            },
            w.p("uv-bin/venvsh"),
        ),
        (
            "pipx install",
            {
                let mut c = w.run_in(&pipx_py, &w.root);
                c.args(["-m", "pipx", "install", "--python"])
                    .arg(&base)
                    .arg(&wheel)
                    .env("PIPX_HOME", w.p("pipx"))
                    .env("PIPX_BIN_DIR", w.p("pipx-bin"))
                    .env("PIPX_MAN_DIR", w.p("pipx-man"));
                c
            },
            w.p("pipx-bin/venvsh"),
        ),
    ];
    for (how, mut install, bin) in installs {
        let done = common::timeout(&mut install, 300);
        assert!(
            done.status.success(),
            "{how}: {}",
            String::from_utf8_lossy(&done.stderr)
        );
        let version = w.run_in(&bin, &w.root).arg("--version").output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&version.stdout).trim(),
            format!("venvsh {}", env!("CARGO_PKG_VERSION")),
            "{how}"
        );
        // A newcomer's next step: `venvsh init bash`, then a new terminal.
        let bashrc = w.home.join(".bashrc");
        let _ = std::fs::remove_file(&bashrc);
        let init = w
            .run_in(&bin, &w.root)
            .args(["init", "bash"])
            .output()
            .unwrap();
        assert!(
            init.status.success(),
            "{how}: {}",
            String::from_utf8_lossy(&init.stderr)
        );
        let rc = std::fs::read_to_string(&bashrc).unwrap();
        assert!(
            !rc.contains("target/"),
            "{how}: the installed venvsh, not the build's: {rc}"
        );
        let proj = w.project(format!("proj-{}", how.split(' ').next().unwrap()));
        let allowed = w.run_in(&bin, &proj).arg("allow").output().unwrap();
        assert!(allowed.status.success(), "{how}");
        let mut s = Session::start(
            &w,
            Sh::Bash,
            &Rc {
                pre: Sh::Bash.source_file(&bashrc),
                no_hook: true,
                ..Rc::default()
            },
        );
        let snap = s.cd(&proj);
        assert_active(
            &snap,
            &proj.join(".venv"),
            proj.file_name().unwrap().to_string_lossy().as_bytes(),
            BASE_PATH,
            how,
        );
    }
}

/// `cargo package` packs the crate and builds it from the packed files alone (what
/// `cargo install venvsh` will build): the hook scripts under shell/ must be in it.
#[test]
#[ignore = "full tier"]
fn cargo_package_builds_from_the_packaged_crate() {
    let mut c = Command::new(env!("CARGO"));
    c.args(["package", "--allow-dirty", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    let done = common::timeout(&mut c, 1200);
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "cargo package: {err}");
    assert!(err.contains("Verifying venvsh"), "{err}");
}
