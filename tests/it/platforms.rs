//! Issue 17: venvsh compiles for the platforms that cannot run here (macOS, FreeBSD),
//! with Debian's rustc-web and std built from its sources. The musl build runs the
//! whole shells suite (tests/it/shells.rs).

use crate::common;

#[test]
#[ignore = "full tier"]
fn compiles_for_macos_arm64() {
    common::cross::check("aarch64-apple-darwin");
}

#[test]
#[ignore = "full tier"]
fn compiles_for_freebsd() {
    common::cross::check("x86_64-unknown-freebsd");
}
