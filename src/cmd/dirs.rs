//! `venvsh dirs config|data` (hidden): the folder venvsh keeps its config file or its
//! trust store in, by the one rule in `places`, so that `install.sh --uninstall` removes
//! the folder venvsh really used.

use crate::places::Kind;

pub fn run(kind: &str) -> i32 {
    let kind = if kind == "config" {
        Kind::Config
    } else {
        Kind::Data
    };
    match crate::places::dir(kind) {
        Some(dir) => {
            let mut out = crate::paths::os_bytes(dir.as_os_str()).to_vec();
            out.push(b'\n');
            super::write_stdout(&out)
        }
        None => super::fail("no home folder is known (set HOME)"),
    }
}
