//! Pieces several shells' renderers are built from: the hook script's library part, the
//! mark that starts `eval`-able output, the watched-path test, the stock-activate fix.

use std::path::Path;

/// The assignments that fix what a stock activate script saved (Op::FixStockSaved):
/// `NAME<quoted value>` for those known, joined by `; ` between `open` and `close`;
/// nothing when none is known.
pub(super) fn stock_sets(
    vars: [(&str, &Option<std::ffi::OsString>); 2],
    quote: fn(&[u8]) -> Vec<u8>,
    open: &[u8],
    close: &[u8],
) -> Vec<u8> {
    let sets: Vec<Vec<u8>> = vars
        .into_iter()
        .filter_map(|(name, v)| {
            v.as_ref()
                .map(|v| [name.as_bytes(), &quote(crate::util::os_bytes(v))].concat())
        })
        .collect();
    if sets.is_empty() {
        return Vec::new();
    }
    [open, &sets.join(&b"; "[..]), close].concat()
}

/// The value an `Op::Ui` gives the shell's marker: the token, or empty for none.
pub(super) fn ui_value(v: &Option<std::path::PathBuf>) -> String {
    v.as_deref().map(super::ui_token).unwrap_or_default()
}

/// The line in each hook script that separates the helper library (also sent with
/// standalone `activate` output) from the part that installs the prompt hook.
pub(super) const HOOK_MARK: &str = "# ---- hook ----\n";

pub(super) fn library(script: &str) -> &str {
    &script[..script
        .find(HOOK_MARK)
        .expect("hook scripts hold the hook mark")]
}

/// The start of every `eval`-able output: its mark line, then (for output that may run
/// where no hook is loaded) the script's helper library.
pub(super) fn preamble(
    mark: &str,
    script: &str,
    exe: &Path,
    quote: fn(&[u8]) -> Vec<u8>,
    standalone: bool,
) -> Vec<u8> {
    let mut out = mark.as_bytes().to_vec();
    out.push(b'\n');
    if standalone {
        out.extend_from_slice(&with_exe(library(script), exe, quote));
    }
    out
}

/// The watched paths as one condition: each path's test (written by `test` from how it
/// looked and its quoted form), joined by `sep`.
pub(super) fn watch_tests(
    paths: &[(std::path::PathBuf, crate::plan::Seen)],
    sep: &[u8],
    quote: fn(&[u8]) -> Vec<u8>,
    test: impl Fn(crate::plan::Seen, &[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, (p, seen)) in paths.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(&test(*seen, &quote(crate::util::path_bytes(p))));
    }
    out
}

/// `test`/`[[ ]]` flags for "still looks as it did" (bash, zsh and fish spell them alike).
pub(super) fn test_still(seen: crate::plan::Seen, quoted: &[u8]) -> Vec<u8> {
    let flag: &[u8] = match seen {
        crate::plan::Seen::File => b"-f ",
        crate::plan::Seen::NotFile => b"! -f ",
        crate::plan::Seen::Absent => b"! -e ",
    };
    [flag, quoted].concat()
}

/// The script with `@VENVSH@` replaced by the binary's path, quoted for the shell.
pub(super) fn with_exe(text: &str, exe: &Path, quote: fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let q = quote(crate::util::path_bytes(exe));
    let mut out = Vec::with_capacity(text.len() + q.len());
    let mut parts = text.split("@VENVSH@");
    if let Some(first) = parts.next() {
        out.extend_from_slice(first.as_bytes());
    }
    for p in parts {
        out.extend_from_slice(&q);
        out.extend_from_slice(p.as_bytes());
    }
    out
}
