//! `venvsh man [COMMAND] [--dir DIR]`: the man pages, venvsh(1) and one per command
//! (venvsh-activate(1) …), made by clap_mangen from the same clap definitions as `--help`
//! and the completions (install.sh installs them; a test checks the committed copies).

use crate::cli::Cli;
use clap::CommandFactory;
use std::path::PathBuf;

pub fn run(command: Option<String>, dir: Option<PathBuf>) -> i32 {
    let pages = pages();
    if let Some(dir) = dir {
        for (name, text) in &pages {
            let file = dir.join(name);
            // Pages are for every user to read (`man`, mandb), as install.sh's were.
            let written = crate::files::write_atomic(&file, text, None).and_then(|()| {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))?;
                }
                Ok(())
            });
            if let Err(e) = written {
                return super::fail(&format!(
                    "man: cannot write {}: {}",
                    crate::show::show(&file),
                    crate::show::io_reason(&e)
                ));
            }
        }
        return 0;
    }
    let want = match &command {
        Some(c) => format!("venvsh-{c}.1"),
        None => "venvsh.1".into(),
    };
    match pages.iter().find(|(name, _)| *name == want) {
        Some((_, text)) => super::write_stdout(text),
        None => super::fail(&format!(
            "man: no command '{}'; 'venvsh --help' lists them",
            command.unwrap_or_default()
        )),
    }
}

/// Every page as (file name, roff): venvsh.1 first, with the environment and files venvsh
/// reads, then one per command the user runs (not the hook's hidden ones).
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let version = format!("venvsh {}", env!("CARGO_PKG_VERSION"));
    let page = |cmd: clap::Command| {
        let man = clap_mangen::Man::new(cmd).source(version.clone());
        let mut out = Vec::new();
        man.render(&mut out).expect("roff into memory");
        (man.get_filename(), out)
    };
    std::iter::once(main_page(&cli, &version))
        .chain(
            cli.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| page(s.clone())),
        )
        .collect()
}

/// venvsh(1): clap_mangen's sections, but the description written with its indented
/// lines (the table of rc lines) kept as they are, and then the variables and files.
fn main_page(cli: &clap::Command, version: &str) -> (String, Vec<u8>) {
    use clap_mangen::roff::{Roff, roman};
    let man = clap_mangen::Man::new(cli.clone()).source(version);
    let mut out = Vec::new();
    let mut description = Roff::new();
    description.control("SH", ["DESCRIPTION"]);
    let about = cli.get_long_about().or(cli.get_about());
    for para in about
        .map(|s| s.to_string())
        .unwrap_or_default()
        .split("\n\n")
    {
        description.control("PP", []);
        if para.lines().any(|l| l.starts_with("  ")) {
            description.control("nf", []);
            for line in para.lines() {
                description.text([roman(line)]);
            }
            description.control("fi", []);
        } else {
            description.text([roman(para)]);
        }
    }
    let written = (|| {
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        description.to_writer(&mut out)?;
        man.render_options_section(&mut out)?;
        man.render_subcommands_section(&mut out)?;
        man.render_version_section(&mut out)
    })();
    written.expect("roff into memory");
    out.extend_from_slice(MORE.as_bytes());
    (man.get_filename(), out)
}

/// What clap does not know: the variables and files venvsh reads.
const MORE: &str = r#".SH ENVIRONMENT
.TP
\fBVENVSH_CONFIG\fR
The config file (default: $XDG_CONFIG_HOME/venvsh/config.toml).
.TP
\fBWORKON_HOME\fR
The venv home when the config sets no \fBvenv_home\fR (default: ~/.venvs).
.TP
\fBNO_COLOR\fR
When set (to anything), no colour, even on a terminal.
.TP
\fBVIRTUAL_ENV_DISABLE_PROMPT\fR
When set, the prompt is left alone.
.SH FILES
.TP
\fI$XDG_DATA_HOME/venvsh/trust/\fR
Which venvs you allowed or denied.
.SH SEE ALSO
\fBpython3\fR(1), the README (its Configuration section)
"#;
