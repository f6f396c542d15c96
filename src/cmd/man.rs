//! `venvsh man`: the man page, in roff, made from the same clap definitions as `--help`
//! and the completions (install.sh installs it; a test checks the committed copy).

use crate::cli::Cli;
use clap::CommandFactory;

pub fn run() -> i32 {
    super::write_stdout(page().as_bytes())
}

/// Text as roff shows it literally: backslashes and dashes escaped, and no line that
/// starts with a control character.
fn esc(s: &str) -> String {
    s.replace('\\', "\\e")
        .replace('-', "\\-")
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paragraphs as roff: indented lines (commands, examples) kept as they are.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        if para.lines().any(|l| l.starts_with("  ")) {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", esc(para)));
        } else {
            out.push_str(&format!(".PP\n{}\n", esc(para)));
        }
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn page() -> String {
    let cli = Cli::command();
    let about = |c: &clap::Command| {
        c.get_long_about()
            .or(c.get_about())
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let mut out = format!(
        ".TH VENVSH 1 \"\" \"venvsh {}\" \"User Commands\"\n.SH NAME\nvenvsh \\- {}\n\
         .SH SYNOPSIS\n.B venvsh\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n.SH DESCRIPTION\n",
        env!("CARGO_PKG_VERSION"),
        esc(&lower_first(
            &cli.get_about().map(|s| s.to_string()).unwrap_or_default()
        )),
    );
    out.push_str(&paragraphs(&about(&cli)));
    out.push_str(".SH COMMANDS\n");
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub
            .clone()
            .render_usage()
            .to_string()
            .trim_start_matches("Usage: ")
            .to_string();
        out.push_str(&format!(".SS \"venvsh {}\"\n", esc(&usage)));
        out.push_str(&paragraphs(&about(sub)));
        let args: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && a.get_id() != "help")
            .collect();
        for a in args {
            let name = match (a.get_long(), a.get_short()) {
                (Some(l), Some(s)) => format!("\\fB\\-{s}\\fR, \\fB\\-\\-{}\\fR", esc(l)),
                (Some(l), None) => format!("\\fB\\-\\-{}\\fR", esc(l)),
                _ => format!("\\fI{}\\fR", esc(&a.get_id().to_string().to_uppercase())),
            };
            let help = a
                .get_long_help()
                .or(a.get_help())
                .map(|s| s.to_string())
                .unwrap_or_default();
            out.push_str(&format!(".TP\n{name}\n{}\n", esc(&help)));
        }
        if let Some(after) = sub.get_after_help() {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", esc(&after.to_string())));
        }
    }
    out.push_str(
        ".SH ENVIRONMENT\n\
         .TP\n\\fBVENVSH_CONFIG\\fR\nThe config file (default: $XDG_CONFIG_HOME/venvsh/config.toml).\n\
         .TP\n\\fBWORKON_HOME\\fR\nThe venv home when the config sets no \\fBvenv_home\\fR (default: ~/.venvs).\n\
         .TP\n\\fBNO_COLOR\\fR\nWhen set (to anything), no colour, even on a terminal.\n\
         .TP\n\\fBVIRTUAL_ENV_DISABLE_PROMPT\\fR\nWhen set, the prompt is left alone.\n\
         .SH FILES\n\
         .TP\n\\fI$XDG_DATA_HOME/venvsh/trust/\\fR\nWhich venvs you allowed or denied.\n\
         .SH SEE ALSO\n\\fBpython3\\fR(1), the README (its Configuration section)\n",
    );
    out
}
