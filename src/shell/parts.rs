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
                .map(|v| [name.as_bytes(), &quote(crate::paths::os_bytes(v))].concat())
        })
        .collect();
    if sets.is_empty() {
        return Vec::new();
    }
    [open, &sets.join(&b"; "[..]), close].concat()
}

/// The value an `Op::SetUpHere` gives the shell's marker: the token, or empty for none.
pub(super) fn ui_value(v: &Option<std::path::PathBuf>) -> String {
    v.as_deref().map(super::set_up_token).unwrap_or_default()
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
        out.extend_from_slice(&test(*seen, &quote(crate::paths::path_bytes(p))));
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
    let q = quote(crate::paths::path_bytes(exe));
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

/// The ops as a JSON list of operations, for a hook that applies them as data (elvish,
/// xonsh): `["set", NAME, VALUE]`, `["prompt_on", NAME]`, `["watch", [[PATH, KIND]…]]`…
/// JSON carries text: when a value is not UTF-8 (an entry of the user's own PATH, say),
/// nothing changes and the hook says why (`["say", …]`).
pub(super) fn json_ops(ops: &[crate::plan::Op], shell: &str) -> Vec<u8> {
    let list = json_list(ops).unwrap_or_else(|| {
        serde_json::json!([[
            "say",
            format!("not changing this {shell} session: a value (PATH, perhaps) is not UTF-8 text, which it cannot be given as data")
        ]])
    });
    let mut out = serde_json::to_vec(&list).expect("JSON of plain data");
    out.push(b'\n');
    out
}

/// The ops as JSON, or None when a value is not UTF-8.
fn json_list(ops: &[crate::plan::Op]) -> Option<serde_json::Value> {
    use crate::paths::os_bytes;
    use crate::plan::{Op, Seen};
    use serde_json::{Value, json};
    let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
    let mut items = Vec::new();
    for op in ops {
        items.push(match op {
            Op::Set(name, v) => json!(["set", name, text(os_bytes(v))?]),
            Op::Unset(name) => json!(["unset", name]),
            Op::PromptOn(name) => json!(["prompt_on", String::from_utf8_lossy(name)]),
            Op::PromptOff => json!(["prompt_off"]),
            Op::DefineDeactivate => json!(["define_deactivate"]),
            Op::RemoveDeactivate => json!(["remove_deactivate"]),
            Op::SetUpHere(v) => json!(["ui", ui_value(v)]),
            Op::Watch(paths) => {
                let mut w = Vec::new();
                for (p, seen) in paths {
                    let kind = match seen {
                        Seen::File => "file",
                        Seen::NotFile => "notfile",
                        Seen::Absent => "absent",
                    };
                    w.push(json!([text(crate::paths::path_bytes(p))?, kind]));
                }
                json!(["watch", w])
            }
            // Elvish looks commands up afresh, and Python ships no activate script for
            // it whose saved values could need fixing.
            // A conda prefix's script: xonsh's hook runs it through `source-bash`
            // (`source-cmd` on Windows), as conda's xonsh activator does; elvish and
            // nushell run none, and `Shell::render` keeps it from them.
            Op::Source(p) => json!(["source", text(crate::paths::path_bytes(p))?]),
            Op::Rehash | Op::FixStockSaved { .. } => continue,
        });
    }
    Some(Value::Array(items))
}

/// Completions for PowerShell and elvish: clap writes one arm per subcommand, opening as
/// `arm(sub)` says. `names` goes first in the arms for `activate` and `remove`; in
/// `run`'s, only when `guard` holds (after `--venv`), and then `leave` ends the arm.
pub(super) fn names_in_arms(
    out: Vec<u8>,
    arm: impl Fn(&str) -> String,
    names: &str,
    guard: &str,
    leave: &str,
) -> Vec<u8> {
    let mut text = String::from_utf8(out).expect("clap writes UTF-8");
    for sub in ["activate", "remove"] {
        let open = arm(sub);
        text = text.replacen(&open, &format!("{open}{names}"), 1);
    }
    let open = arm("run");
    text.replacen(
        &open,
        &format!(
            "{open}            if {guard} {{\n    {names}                {leave}\n            }}\n"
        ),
        1,
    )
    .into_bytes()
}
