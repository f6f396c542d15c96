//! Colour on standard output, through clap's own `anstream`: it passes the colour on only
//! to a terminal, never with `NO_COLOR` set (no-color.org), `CLICOLOR=0` or `TERM=dumb`.
//! Print what these return with `anstream::print!`/`println!`, which strip it elsewhere.

use anstyle::{AnsiColor, Style};

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
