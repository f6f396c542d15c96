//! Issue 8: `./install.sh` on a fresh HOME, for a bash, zsh and fish user. After it, a
//! new interactive shell (loading the rc file as edited) activates a project's venv on
//! `cd`, and completes `venvsh`; running it again changes nothing; `--uninstall` leaves
//! the rc file as it was and nothing of venvsh behind.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The user's own rc file before venvsh: it must come back byte for byte.
const USER_RC: &str =
    "# my own settings\nexport EDITOR=vi # and a line without a newline at the end";

/// install.sh's arguments: `--prefix PREFIX`, then `extra`.
fn with_prefix<'a>(prefix: &'a Path, extra: &[&'static str]) -> Vec<&'a OsStr> {
    let mut a: Vec<&OsStr> = vec!["--prefix".as_ref(), prefix.as_os_str()];
    a.extend(extra.iter().map(|s| OsStr::new(*s)));
    a
}

/// Every file under `dir`, its path and whether it mentions venvsh (in its name below
/// `dir`, or in its text).
fn files(dir: &Path) -> Vec<(PathBuf, bool)> {
    files_in(dir)
        .into_iter()
        .map(|(p, text)| {
            let named = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .contains("venvsh");
            (p, named || text)
        })
        .collect()
}

fn files_in(dir: &Path) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() && !p.is_symlink() {
            out.extend(files_in(&p));
        } else {
            let text = std::fs::read(&p).unwrap_or_default();
            let mentions = String::from_utf8_lossy(&text).contains("venvsh");
            out.push((p, mentions));
        }
    }
    out
}

#[track_caller]
fn ok(out: &std::process::Output) -> String {
    succeeded(out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

mod install_use_and_uninstall {
    per_shell!(full: super::install_use_and_uninstall; bash Bash, zsh Zsh, fish Fish);
}

fn install_use_and_uninstall(sh: Sh) {
    let w = World::new("install");
    let prefix = w.p("inst");
    let args = |extra: &[&'static str]| with_prefix(&prefix, extra);
    let rc = w.rc_file(sh);
    std::fs::create_dir_all(rc.parent().unwrap()).unwrap();
    std::fs::write(&rc, USER_RC).unwrap();

    let said = ok(&common::install_sh(&w, sh.name(), &args(&[])));
    assert!(
        said.contains(&format!("added the venvsh hook to {}", rc.display())),
        "{said}"
    );
    let bin = prefix.join("bin/venvsh");
    assert!(bin.is_file());
    for f in [
        w.p("data/bash-completion/completions/venvsh"),
        w.p("data/zsh/site-functions/_venvsh"),
        w.p("config/fish/completions/venvsh.fish"),
        prefix.join("share/man/man1/venvsh.1"),
        prefix.join("share/man/man1/venvsh-activate.1"),
    ] {
        assert!(f.is_file(), "{} installed", f.display());
    }
    // Man pages are for every user (`man`, mandb).
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(prefix.join("share/man/man1/venvsh-activate.1"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    let edited = std::fs::read_to_string(&rc).unwrap();
    assert!(
        edited.starts_with(USER_RC),
        "the user's lines stay first:\n{edited}"
    );
    assert_eq!(edited.matches("# >>> venvsh >>>").count(), 1, "{edited}");
    // One backup, in venvsh's data folder (not beside the file).
    let backups: Vec<PathBuf> = files(&w.p("data/venvsh/backups"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), USER_RC);
    // Installed only for this user's shells: no rc file for the others appeared.
    for other in [Sh::Bash, Sh::Zsh, Sh::Fish] {
        if other != sh {
            assert!(!w.rc_file(other).exists(), "{} left alone", other.name());
        }
    }

    // Again: nothing changes, no second backup.
    let said = ok(&common::install_sh(&w, sh.name(), &args(&[])));
    assert!(said.contains("already has the venvsh hook"), "{said}");
    assert_eq!(std::fs::read_to_string(&rc).unwrap(), edited);
    let n_backups = files(&w.p("data/venvsh/backups")).len();
    assert_eq!(n_backups, 1);

    // A new interactive shell that loads the rc file as edited: cd activates.
    let proj = w.project("proj");
    let out = common::timeout(w.run_in(&bin, &proj).arg("allow"), 30);
    assert!(out.status.success());
    let source = match sh {
        Sh::Fish => format!("source {}", common::check::q(&rc)),
        _ => format!(". {}", common::check::q(&rc)),
    };
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            no_hook: true,
            pre: source,
            ..Rc::default()
        },
    );
    let snap = s.cd(&proj);
    assert_active(
        &snap,
        &proj.join(".venv"),
        b"proj",
        BASE_PATH,
        "after install",
    );
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "left");
    drop(s);

    // Completion, where each shell looks for it.
    let completes = match sh {
        Sh::Bash => {
            let file = w.p("data/bash-completion/completions/venvsh");
            sh_out(
                &w,
                "bash",
                &format!(". {} && complete -p venvsh", common::check::q(&file)),
            )
        }
        Sh::Zsh => sh_out(
            &w,
            "zsh",
            &format!(
                ". {}; autoload -Uz compinit && compinit -u -d {}; print -r -- $_comps[venvsh]",
                common::check::q(&rc),
                common::check::q(&w.p("tmp/zcompdump"))
            ),
        ),
        // As in a new interactive fish: its config.fish (where the hook defines the
        // `venvsh` function), then completions autoloaded from its completions folder.
        _ => sh_out(&w, "fish", "complete -C 'venvsh act'"),
    };
    let want = match sh {
        Sh::Bash => "-F _venvsh_names venvsh",
        Sh::Zsh => "_venvsh",
        _ => "activate",
    };
    assert!(
        completes.contains(want),
        "{} completion: {completes:?}",
        sh.name()
    );

    // Uninstall: the rc file as it was, and nothing of venvsh anywhere.
    let said = ok(&common::install_sh(&w, sh.name(), &args(&["--uninstall"])));
    assert!(said.contains("uninstalled"), "{said}");
    assert_eq!(std::fs::read_to_string(&rc).unwrap(), USER_RC);
    let mut left: Vec<(PathBuf, bool)> = files(&w.home);
    left.extend(files(&w.p("data")));
    left.extend(files(&w.p("config")));
    left.extend(files(&prefix));
    let left: Vec<&PathBuf> = left.iter().filter(|(_, m)| *m).map(|(p, _)| p).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Output of `shell -c script` as the world's user.
fn sh_out(w: &World, shell: &str, script: &str) -> String {
    let interactive: &[&str] = if shell == "fish" { &["-i"] } else { &[] };
    let args: Vec<&str> = interactive.iter().copied().chain(["-c", script]).collect();
    common::says(w, shell, &args, "")
}

/// `--no-modify-rc`: no rc file touched; the line is printed instead.
#[test]
#[ignore = "full tier"]
fn no_modify_rc_prints_the_line_and_touches_nothing() {
    if Sh::Bash.require().is_none() {
        return;
    }
    let w = World::new("install-nomod");
    let prefix = w.p("inst");
    let said = ok(&common::install_sh(
        &w,
        "bash",
        &with_prefix(&prefix, &["--no-modify-rc"]),
    ));
    assert!(said.contains("hook bash)\""), "{said}");
    assert!(!w.home.join(".bashrc").exists());
    let bin = prefix.join("bin/venvsh");
    assert!(bin.is_file());
    ok(&common::install_sh(
        &w,
        "bash",
        &with_prefix(&prefix, &["--uninstall"]),
    ));
    assert!(!bin.exists());
}

/// A login bash (macOS's Terminal starts one) reads ~/.bash_profile, not ~/.bashrc: the
/// hook goes there too. And `--uninstall` gives every file back byte for byte, an empty
/// ~/.bashrc that was there before included (it used to be deleted).
#[test]
#[ignore = "full tier"]
fn login_bash_gets_the_hook_and_uninstall_keeps_an_empty_rc() {
    if Sh::Bash.require().is_none() {
        return;
    }
    let w = World::new("install-login");
    let prefix = w.p("inst");
    let args = |extra: &[&'static str]| with_prefix(&prefix, extra);
    let bashrc = w.home.join(".bashrc");
    let profile = w.home.join(".bash_profile");
    std::fs::write(&bashrc, "").unwrap();
    std::fs::write(&profile, USER_RC).unwrap();
    // A shell rc file that did not exist must not be left behind either.
    let zshrc = w.home.join(".zshrc");

    let said = ok(&common::install_sh(&w, "bash", &args(&[])));
    for rc in [&bashrc, &profile] {
        assert!(
            said.contains(&format!("added the venvsh hook to {}", rc.display())),
            "{said}"
        );
        let text = std::fs::read_to_string(rc).unwrap();
        assert_eq!(text.matches("hook bash)\"").count(), 1, "{text}");
    }
    assert!(!zshrc.exists());

    // A login bash: loads ~/.bash_profile only, and cd activates.
    let proj = w.project("proj");
    let bin = prefix.join("bin/venvsh");
    assert!(
        w.run_in(&bin, &proj)
            .arg("allow")
            .status()
            .unwrap()
            .success()
    );
    let mut s = Session::start(
        &w,
        Sh::Bash,
        &Rc {
            no_hook: true,
            pre: format!(". {}", common::check::q(&profile)),
            ..Rc::default()
        },
    );
    let snap = s.cd(&proj);
    assert_active(&snap, &proj.join(".venv"), b"proj", BASE_PATH, "login bash");
    drop(s);

    let said = ok(&common::install_sh(&w, "bash", &args(&["--uninstall"])));
    assert!(!said.contains("differs"), "{said}");
    assert_eq!(
        std::fs::read(&bashrc).unwrap(),
        b"",
        "the empty .bashrc stays"
    );
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), USER_RC);
    assert!(!zshrc.exists());
    let left: Vec<PathBuf> = files(&w.home)
        .into_iter()
        .filter(|(p, m)| *m || p.to_string_lossy().contains("backup"))
        .map(|(p, _)| p)
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A bash user with no startup file at all (a new Mac account): install makes
/// ~/.bashrc and ~/.bash_profile, and `--uninstall` takes both away again. With a
/// ~/.profile, which sh reads too, no ~/.bash_profile is made (it would hide ~/.profile).
#[test]
#[ignore = "full tier"]
fn bash_profile_is_made_only_where_it_hides_nothing() {
    if Sh::Bash.require().is_none() {
        return;
    }
    for with_profile in [false, true] {
        let w = World::new("install-noprofile");
        let prefix = w.p("inst");
        let dot_profile = w.home.join(".profile");
        if with_profile {
            std::fs::write(&dot_profile, "PATH=$HOME/bin:$PATH\n").unwrap();
        }
        ok(&common::install_sh(&w, "bash", &with_prefix(&prefix, &[])));
        assert!(w.home.join(".bashrc").is_file());
        assert_eq!(w.home.join(".bash_profile").is_file(), !with_profile);
        ok(&common::install_sh(
            &w,
            "bash",
            &with_prefix(&prefix, &["--uninstall"]),
        ));
        assert!(!w.home.join(".bashrc").exists());
        assert!(!w.home.join(".bash_profile").exists());
        assert_eq!(dot_profile.exists(), with_profile);
    }
}
