//! `venvsh init`: the hook line in each shell's startup file, once, after a dated backup;
//! a real interactive session with that file has the hook; `--undo` gives every file
//! back byte for byte, mode included; `--dry-run` changes nothing; a link is followed; a
//! file that cannot be read is left alone while the other shells get theirs.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn init(w: &World, args: &[&str]) -> (bool, String) {
    init_by(w, &w.exe, args)
}

/// `venvsh init ARGS` run by the venvsh at `exe`.
fn init_by(w: &World, exe: &Path, args: &[&str]) -> (bool, String) {
    let out = w
        .run_in(exe, &w.root)
        .arg("init")
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// Files beside `file` whose names start with its own and `.venvsh-`.
fn leftovers(file: &Path) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{name}.venvsh-")))
        .collect()
}

in_shells!(init_then_a_session_then_undo);

/// In each shell: `init SHELL` adds the block once (a second run changes nothing), after a
/// backup, keeping the file's mode; an interactive session reading that file activates a
/// project on `cd`; `init --undo` puts back the very bytes and mode, and no backup stays.
fn init_then_a_session_then_undo(sh: Sh) {
    if sh == Sh::Csh {
        return; // the same file and code as tcsh
    }
    let w = World::new("init");
    w.trust_all();
    let proj = w.project("proj");
    let rc = w.rc_file(sh);
    let name = sh.name();
    std::fs::create_dir_all(rc.parent().unwrap()).unwrap();
    let mine = b"# the user's own line, with no newline at its end";
    std::fs::write(&rc, mine).unwrap();
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();

    // venvsh where its path needs quoting in every shell (tcsh refuses a `$`: below).
    let exe = w.p(if sh.is_csh() {
        "b in/it's/venvsh"
    } else {
        "b in/it's $HOME/venvsh"
    });
    std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
    std::fs::copy(&w.exe, &exe).unwrap();
    let (ok, said) = init_by(&w, &exe, &[name]);
    assert!(ok, "{said}");
    assert!(
        said.contains(&format!("added the venvsh hook to {}", rc.display())),
        "{said}"
    );
    let text = std::fs::read(&rc).unwrap();
    assert!(text.starts_with(mine));
    assert_eq!(
        String::from_utf8_lossy(&text)
            .matches("# >>> venvsh >>>")
            .count(),
        1
    );
    assert_eq!(mode(&rc), 0o600, "mode kept");
    assert_eq!(leftovers(&rc).len(), 1, "one backup: {:?}", leftovers(&rc));
    let (ok, said) = init_by(&w, &exe, &[name]);
    assert!(ok && said.contains("already has the venvsh hook"), "{said}");
    assert_eq!(
        std::fs::read(&rc).unwrap(),
        text,
        "a second run changes nothing"
    );

    // A real session that reads the file as written (a copy: the harness keeps its own
    // rc where some shells look first).
    let copy = w.p(format!(
        "user-rc.{}",
        if sh == Sh::Xonsh { "xsh" } else { name }
    ));
    std::fs::copy(&rc, &copy).unwrap();
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            pre: sh.source_file(&copy),
            no_hook: true,
            ..Rc::default()
        },
    );
    let snap = s.cd(&proj);
    assert_active(&snap, &proj.join(".venv"), b"proj", BASE_PATH, "after init");
    drop(s);
    if sh == Sh::Tcsh {
        // The harness's tcsh session links ~/.tcshrc to its own rc: the user's back.
        std::fs::remove_file(&rc).unwrap();
        std::fs::write(&rc, &text).unwrap();
        std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    if sh.is_csh() {
        let dollar = w.p("b in/$x/venvsh");
        std::fs::create_dir_all(dollar.parent().unwrap()).unwrap();
        std::fs::copy(&w.exe, &dollar).unwrap();
        let (ok, said) = init_by(&w, &dollar, &[name]);
        assert!(!ok && said.contains("cannot set up tcsh"), "{said}");
        assert_eq!(std::fs::read(&rc).unwrap(), text, "left as it was");
    }
    // A read-only rc file is left as it is, with one line.
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o400)).unwrap();
    let (ok, said) = init(&w, &[name]);
    assert!(!ok && said.contains("read-only"), "{said}");
    assert_eq!(std::fs::read(&rc).unwrap(), text);
    std::fs::set_permissions(&rc, std::fs::Permissions::from_mode(0o600)).unwrap();

    let (ok, said) = init_by(&w, &exe, &["--undo", name]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read(&rc).unwrap(), mine, "byte for byte");
    assert_eq!(mode(&rc), 0o600, "mode kept");
    assert!(leftovers(&rc).is_empty(), "{:?}", leftovers(&rc));
    if sh == Sh::Nu {
        assert!(
            !rc.with_file_name("venvsh.nu").exists(),
            "the saved hook goes too"
        );
    }
}

/// With no shell named: the shells whose files exist (a file that existed empty stays,
/// empty); `--dry-run` changes nothing; a symlinked rc file is written where it points;
/// a file that cannot be read gets one line and is left as it was, and the others still
/// get theirs; `--undo` gives everything back.
#[test]
fn init_chooses_files_and_keeps_what_it_cannot_change() {
    let w = World::new("init-files");
    let zshrc = w.home.join(".zshrc");
    std::fs::write(&zshrc, "").unwrap();
    // fish's config.fish is a link into a dotfiles folder.
    let dots = w.p("dots/config.fish");
    std::fs::create_dir_all(dots.parent().unwrap()).unwrap();
    std::fs::write(&dots, "set -g mine 1\n").unwrap();
    let fish = w.p("config/fish/config.fish");
    std::fs::create_dir_all(fish.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&dots, &fish).unwrap();
    // ~/.tcshrc is a folder: it cannot be read as a file.
    let tcshrc = w.home.join(".tcshrc");
    std::fs::create_dir_all(&tcshrc).unwrap();
    let bashrc = w.home.join(".bashrc");

    // The dry run says too that ~/.tcshrc cannot be read.
    let (ok, said) = init(&w, &["--dry-run"]);
    assert!(!ok && said.contains(".tcshrc"), "{said}");
    assert!(
        said.contains("would add the venvsh hook to") && said.contains("hook zsh)\""),
        "{said}"
    );
    assert_eq!(std::fs::read(&zshrc).unwrap(), b"", "dry run");
    assert_eq!(std::fs::read(&dots).unwrap(), b"set -g mine 1\n", "dry run");
    assert!(!bashrc.exists());

    let (ok, said) = init(&w, &[]);
    assert!(!ok, "a file it could not change fails the run: {said}");
    let errors: Vec<&str> = said.lines().filter(|l| l.starts_with("venvsh: ")).collect();
    assert!(
        errors.len() == 1 && errors[0].contains(".tcshrc") && errors[0].contains("left as it was"),
        "{said}"
    );
    assert!(tcshrc.is_dir(), "left as it was");
    assert!(
        !bashrc.exists(),
        "no ~/.bashrc, and bash is not the login shell"
    );
    assert!(
        String::from_utf8(std::fs::read(&zshrc).unwrap())
            .unwrap()
            .contains("hook zsh)\"")
    );
    assert!(fish.is_symlink(), "the link stays a link");
    assert!(
        String::from_utf8(std::fs::read(&dots).unwrap())
            .unwrap()
            .contains("hook fish | source")
    );

    let (ok, said) = init(&w, &["--undo"]);
    assert!(
        !ok && said.matches("venvsh: cannot read").count() == 1,
        "{said}"
    );
    assert_eq!(
        std::fs::read(&zshrc).unwrap(),
        b"",
        "the empty file stays, empty"
    );
    assert_eq!(std::fs::read(&dots).unwrap(), b"set -g mine 1\n");
    assert!(fish.is_symlink());
    assert!(leftovers(&zshrc).is_empty() && leftovers(&dots).is_empty());

    // A file init made, with nothing else in it, goes again on --undo.
    let (ok, said) = init(&w, &["bash"]);
    assert!(ok && bashrc.is_file(), "{said}");
    let (ok, said) = init(&w, &["--undo", "bash"]);
    assert!(ok && !bashrc.exists(), "{said}");
    // Shells it does not set up yet say so, and change nothing.
    let (ok, said) = init(&w, &["clink"]);
    assert!(!ok && said.contains("by hand"), "{said}");
}

/// PowerShell, which cannot run here: `init pwsh` writes its $PROFILE (where pwsh keeps
/// it by default, with no pwsh on PATH to ask), and what it wrote parses as PowerShell
/// (5.1's too) and calls this venvsh by its path; `--undo` gives the file back.
#[test]
fn init_writes_a_powershell_profile_that_parses() {
    let w = World::new("init-pwsh");
    let profile = w.p("config/powershell/Microsoft.PowerShell_profile.ps1");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    let mine = "Set-Alias ll Get-ChildItem\r\n";
    std::fs::write(&profile, mine).unwrap();
    let (ok, said) = init(&w, &["pwsh"]);
    assert!(ok, "{said}");
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(
        text.starts_with(mine) && text.contains("hook pwsh"),
        "{text}"
    );
    let values = crate::pwsh::parse(&text, "the profile");
    assert!(
        values.contains(&w.exe.to_string_lossy().into_owned()),
        "{values:?}"
    );
    let (ok, said) = init(&w, &["--undo", "pwsh"]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), mine);
    assert!(leftovers(&profile).is_empty());
}
