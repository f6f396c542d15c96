//! Colour on standard output, only where it is wanted.

/// Colour for standard output: only on a terminal, never with `NO_COLOR` set to
/// anything (no-color.org) or `TERM=dumb`.
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        && std::io::stdout().is_terminal()
}

/// `text` in an SGR colour (`31` red, `32` green, `33` yellow) when `on`.
pub fn paint(on: bool, sgr: &str, text: &str) -> String {
    if on {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}
