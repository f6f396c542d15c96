//! bash and zsh: the same quoting, different hooks and prompt handling.

use super::{EVAL_MARK, Shell};
use crate::plan::Op;
use crate::util::os_bytes;
use std::path::Path;

const BASH: &str = include_str!("../../shell/venvsh.bash");
const ZSH: &str = include_str!("../../shell/venvsh.zsh");

/// Single-quotes any bytes (NUL aside) for bash and zsh: inside `'…'` nothing is special
/// but `'` itself, written as `'\''`.
pub fn quote(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(b'\'');
    for &c in b {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

fn script(shell: Shell) -> &'static str {
    if shell == Shell::Zsh { ZSH } else { BASH }
}

pub fn hook(shell: Shell, exe: &Path) -> Vec<u8> {
    super::with_exe(script(shell), exe, quote)
}

#[inline(never)]
pub fn render(shell: Shell, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
    let mut out = super::preamble(EVAL_MARK, script(shell), exe, quote, standalone);
    for op in ops {
        match op {
            Op::Set(name, v) => {
                out.extend_from_slice(b"export ");
                out.extend_from_slice(name.as_bytes());
                out.push(b'=');
                out.extend_from_slice(&quote(os_bytes(v)));
            }
            Op::Unset(name) => {
                out.extend_from_slice(b"unset ");
                out.extend_from_slice(name.as_bytes());
            }
            Op::PromptOn(name) => {
                out.extend_from_slice(b"__venvsh_prompt_on ");
                out.extend_from_slice(&quote(name));
            }
            Op::PromptOff => out.extend_from_slice(b"__venvsh_prompt_off"),
            Op::DefineDeactivate => out.extend_from_slice(b"__venvsh_define_deactivate"),
            Op::RemoveDeactivate if shell == Shell::Zsh => out.extend_from_slice(
                b"if (( ${+functions[deactivate]} )); then unfunction deactivate; fi",
            ),
            Op::RemoveDeactivate => out.extend_from_slice(b"unset -f deactivate"),
            Op::Rehash if shell == Shell::Zsh => out.extend_from_slice(b"rehash"),
            Op::Rehash => out.extend_from_slice(b"hash -r"),
            Op::Ui(v) => {
                out.extend_from_slice(b"__venvsh_ui=");
                out.extend_from_slice(super::ui_value(v).as_bytes());
            }
            Op::FixStockSaved { path, pythonhome } => {
                out.extend_from_slice(&super::stock_sets(
                    [
                        ("_OLD_VIRTUAL_PATH=", path),
                        ("_OLD_VIRTUAL_PYTHONHOME=", pythonhome),
                    ],
                    quote,
                    b"if [[ -n ${_OLD_VIRTUAL_PATH+x} ]]; then ",
                    b"; fi\n",
                ));
                out.extend_from_slice(b"__venvsh_fix_stock_prompt");
            }
            Op::Watch(paths) if shell == Shell::Zsh => {
                out.extend_from_slice(b"__venvsh_define_hook ");
                out.extend_from_slice(&quote(&super::watch_tests(
                    paths,
                    b" && ",
                    quote,
                    super::test_still,
                )));
            }
            Op::Watch(paths) if paths.is_empty() => {
                out.extend_from_slice(b"__venvsh_same() { :; }")
            }
            // One `[[ ]]` with the paths as literals: about 2 µs a path at an idle
            // prompt, where a loop over an array costs 5.
            Op::Watch(paths) => {
                out.extend_from_slice(b"__venvsh_same() { [[ ");
                out.extend_from_slice(&super::watch_tests(
                    paths,
                    b" && ",
                    quote,
                    super::test_still,
                ));
                out.extend_from_slice(b" ]]; }");
            }
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_every_byte() {
        assert_eq!(quote(b""), b"''");
        assert_eq!(quote(b"it's"), b"'it'\\''s'");
        assert_eq!(quote(b"$(x)\n`y`"), b"'$(x)\n`y`'");
    }
}
