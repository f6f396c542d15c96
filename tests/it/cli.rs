//! The command line itself: help, exit statuses, and the bare binary at a terminal.

use crate::common;

use common::World;
use std::process::Command;

fn venvsh(args: &[&str]) -> std::process::Output {
    Command::new(common::exe()).args(args).output().unwrap()
}

/// Every command `venvsh --help` lists (so a new one cannot be forgotten here).
#[test]
fn every_command_has_help_with_an_example() {
    let top = String::from_utf8(venvsh(&["--help"]).stdout).unwrap();
    let cmds: Vec<&str> = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(cmds.len() >= 14 && cmds.contains(&"man"), "{cmds:?}");
    for cmd in cmds {
        let out = venvsh(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Example"),
            "{cmd} --help has no example:\n{text}"
        );
    }
}

/// Colour on a terminal only, and never with NO_COLOR.
#[test]
fn colour_on_a_terminal_only_and_never_with_no_color() {
    let run = |tty: bool, no_color: bool| {
        let mut c = Command::new(common::exe());
        c.arg("doctor").env_remove("NO_COLOR").env("TERM", "xterm");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        if tty {
            let mut pty = common::pty::Pty::spawn(c);
            let _ = pty.drain_for(std::time::Duration::from_millis(500));
            pty.log.clone()
        } else {
            c.output().unwrap().stdout
        }
    };
    let has_sgr = |b: &[u8]| b.windows(2).any(|w| w == b"\x1b[");
    let tty = run(true, false);
    assert!(has_sgr(&tty), "{:?}", String::from_utf8_lossy(&tty));
    assert!(!has_sgr(&run(true, true)), "NO_COLOR");
    let piped = run(false, false);
    assert!(!piped.is_empty() && !has_sgr(&piped), "piped");
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(venvsh(&["hook", "nosuchshell"]).status.code(), Some(2));
    assert_eq!(venvsh(&["nosuchcommand"]).status.code(), Some(2));
}

#[test]
fn failures_exit_1_with_one_line() {
    let w = World::new("cli");
    let out = w.venvsh(&["activate", "--shell", "bash", "nope-venv"], &w.root);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("venvsh: ") && err.contains("nope-venv"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing to eval on failure");
    let out = w.venvsh(&["deactivate", "--shell", "bash"], &w.root);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no venv is active"));
}

/// behaviour.md §1: run bare at a terminal, `venvsh activate` explains how to install the hook
/// and how to eval its output, and exits 1.
#[test]
fn bare_activate_at_a_terminal_explains() {
    let w = World::new("bare");
    w.project("p1");
    let mut cmd = Command::new(&w.exe);
    cmd.arg("activate")
        .current_dir(w.p("p1"))
        .env("SHELL", "/bin/zsh");
    let mut pty = common::pty::Pty::spawn(cmd);
    let text = common::clean(&pty.drain_for(std::time::Duration::from_secs(5)));
    let text = String::from_utf8_lossy(&text);
    assert!(
        text.contains("venvsh hook bash") && text.contains("venvsh hook zsh"),
        "{text}"
    );
    assert!(
        text.contains("eval \"$(venvsh activate --shell zsh)\""),
        "{text}"
    );
    assert_eq!(pty.wait(), Some(1));
}

/// The advice's "for this shell only" line is that shell's own (fish users were shown
/// bash's `eval "$(…)"`), and it works there: run as written, in a project, it
/// activates the venv.
#[test]
fn bare_activate_advice_is_the_shells_own_and_works() {
    use common::Sh;
    let w = World::new("bare-each");
    let proj = w.project("p1");
    let bin = w.exe.parent().unwrap().to_string_lossy().into_owned();
    for sh in [Sh::Bash, Sh::Zsh, Sh::Fish, Sh::Tcsh] {
        let Some(path) = sh.require() else { continue };
        let mut cmd = Command::new(&w.exe);
        cmd.arg("activate").current_dir(&proj).env("SHELL", &path);
        let mut pty = common::pty::Pty::spawn(cmd);
        let text = common::clean(&pty.drain_for(std::time::Duration::from_secs(5)));
        let text = String::from_utf8_lossy(&text).replace('\r', "");
        assert_eq!(pty.wait(), Some(1));
        let line = text
            .split("Or, for this shell only:\n  ")
            .nth(1)
            .and_then(|t| t.lines().next())
            .unwrap_or_else(|| panic!("{}: {text}", sh.name()))
            .to_string();
        assert_eq!(
            line.contains("eval \"$("),
            matches!(sh, Sh::Bash | Sh::Zsh),
            "{line}"
        );
        let script = format!("{line}; echo VE=$VIRTUAL_ENV");
        let mut run = Command::new(&path);
        if sh == Sh::Tcsh {
            run.arg("-f");
        }
        if sh == Sh::Fish {
            run.arg("--no-config");
        }
        run.arg("-c")
            .arg(&script)
            .current_dir(&proj)
            .env("PATH", format!("{bin}:/usr/bin:/bin"));
        let out = common::timeout(&mut run, 20);
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.contains(&format!("VE={}", proj.join(".venv").display())),
            "{}: {line}: {said}{}",
            sh.name(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The rc lines are one table: what `venvsh hook --rc-line` gives for each shell (what
/// install.sh writes) is what `venvsh --help`, `venvsh hook --help`, the bare
/// `activate`'s advice and the README's table say.
#[test]
fn rc_lines_agree_everywhere() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let help = String::from_utf8(venvsh(&["--help"]).stdout).unwrap();
    let hook_help = String::from_utf8(venvsh(&["hook", "--help"]).stdout).unwrap();
    // `activate` at a terminal gives its advice; through a pty it sees one.
    let w = World::new("rc-lines");
    let mut pty = common::pty::Pty::spawn(w.command(&["activate"], &w.root));
    let advice = common::clean(&pty.drain_for(std::time::Duration::from_secs(3)));
    let advice = String::from_utf8_lossy(&advice).into_owned();
    for shell in ["bash", "zsh", "fish", "tcsh", "pwsh", "elvish", "xonsh"] {
        let out = venvsh(&["hook", "--rc-line", shell]);
        assert!(out.status.success(), "{shell}");
        let line = String::from_utf8(out.stdout).unwrap();
        let line = line.trim_end();
        assert!(line.contains("venvsh hook"), "{shell}: {line}");
        let cell = format!("`{}`", line.replace('|', "\\|"));
        assert!(readme.contains(&cell), "README's table lacks {cell}");
        assert!(help.contains(line), "venvsh --help lacks {line}");
        assert!(hook_help.contains(line), "venvsh hook --help lacks {line}");
        assert!(
            advice.contains(line),
            "activate's advice lacks {line}:\n{advice}"
        );
    }
    assert!(!venvsh(&["hook", "--rc-line", "cmd"]).status.success());
}

/// README's first screen gets a newcomer to a working prompt, and the file stays short
/// (at most 400 lines; the details are in docs/); every file it links to is there.
#[test]
fn readme_is_short_and_its_links_lead_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 400,
        "{} lines",
        readme.lines().count()
    );
    let quick = readme.find("## Quick start").unwrap();
    assert!(
        readme[quick..].find("./install.sh").unwrap() < 400,
        "install on the first screen"
    );
    for doc in [
        &readme,
        &std::fs::read_to_string(root.join("CONTRIBUTING.md")).unwrap(),
    ] {
        for link in doc.split("](").skip(1) {
            let target = link.split(')').next().unwrap().split('#').next().unwrap();
            if target.starts_with("http") || target.is_empty() {
                continue;
            }
            assert!(
                root.join(target).exists(),
                "a link to {target}, which is not there"
            );
        }
    }
}
