//! Colour on standard output: only on a terminal, never with `NO_COLOR` set to anything
//! (no-color.org) or `TERM=dumb`. The colours are `anstyle`'s and the writing
//! `anstream`'s (clap's own crates), told this rule rather than left to guess (its own
//! would colour a pipe under `CLICOLOR_FORCE`, a dumb terminal under `CI`).

use anstyle::{AnsiColor, Style};
use std::io::Write;

const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();

fn paint(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// What is fine (`ok`, `usable`), in green.
pub fn good(text: &str) -> String {
    paint(GOOD, text)
}

/// What needs fixing (`FIX`, `BROKEN`), in red.
pub fn bad(text: &str) -> String {
    paint(BAD, text)
}

fn wanted() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        && std::io::stdout().is_terminal()
}

/// Writes `text` to standard output, its colours taken out where they are not wanted.
pub fn print(text: &str) {
    let choice = if wanted() {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
