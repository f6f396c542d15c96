//! `venvsh init`: the hook line in each shell's startup file, once, after a dated backup;
//! a real interactive session with that file has the hook; `--undo` gives every file
//! back byte for byte, mode included; `--dry-run` changes nothing; a link is followed; a
//! file that cannot be read is left alone while the other shells get theirs.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn init(w: &World, args: &[&str]) -> (bool, String) {
    init_by(w, &w.exe, args)
}

/// `venvsh init ARGS` run by the venvsh at `exe`.
fn init_by(w: &World, exe: &Path, args: &[&str]) -> (bool, String) {
    init_env(w, exe, &[], args)
}

/// `init_by` with more environment.
fn init_env(w: &World, exe: &Path, env: &[(&str, &str)], args: &[&str]) -> (bool, String) {
    // A venvsh just copied can fail to start with ETXTBSY while another test's child,
    // forked as the copy was open for writing, holds it: gone within moments.
    let mut tries = 0;
    let out = loop {
        match w
            .run_in(exe, &w.root)
            .envs(env.iter().copied())
            .arg("init")
            .args(args)
            .output()
        {
            Err(e) if e.raw_os_error() == Some(26) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            r => break r.unwrap(),
        }
    };
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

/// What init left of `file` besides the file: files beside it whose names start with its
/// own and `.venvsh-` (none should be there), and its backup in venvsh's data folder.
fn leftovers(w: &World, file: &Path) -> Vec<std::path::PathBuf> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let list = |dir: &Path, prefix: String| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut all = list(file.parent().unwrap(), format!("{name}.venvsh-"));
    all.extend(list(&w.p("data/venvsh/backups"), format!("{name}.")));
    all
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
    let backups = leftovers(&w, &rc);
    assert_eq!(backups.len(), 1, "one backup: {backups:?}");
    assert!(
        backups[0].starts_with(w.p("data/venvsh/backups")),
        "{backups:?}"
    );
    assert_eq!(std::fs::read(&backups[0]).unwrap(), mine);
    assert!(
        said.contains(&format!("in {}", backups[0].display())),
        "{said}"
    );
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
    assert!(leftovers(&w, &rc).is_empty(), "{:?}", leftovers(&w, &rc));
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
        !ok && said.matches("venvsh: ").count() == 1 && said.contains(".tcshrc: it is a folder"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&zshrc).unwrap(),
        b"",
        "the empty file stays, empty"
    );
    assert_eq!(std::fs::read(&dots).unwrap(), b"set -g mine 1\n");
    assert!(fish.is_symlink());
    assert!(leftovers(&w, &zshrc).is_empty() && leftovers(&w, &dots).is_empty());

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
    assert!(leftovers(&w, &profile).is_empty());
}

/// `venvsh init ARGS` with `SHELL` set as a login shell would have it.
fn init_from(w: &World, shell: &str, args: &[&str]) -> (bool, String) {
    init_env(w, &w.exe, &[("SHELL", shell)], args)
}

/// Issue 26 §5: where a shell reads only the first of its startup files it finds, init
/// writes that one and never creates a file that would hide it; the real shell then still
/// runs the user's own lines, and has the hook. tcsh with only ~/.cshrc (FreeBSD's
/// default), zsh whose ~/.zshenv sets ZDOTDIR (init run from another shell), elvish 0.19's
/// ~/.elvish/rc.elv, and a login bash with only ~/.profile.
#[test]
fn init_writes_the_file_the_shell_reads_first() {
    // tcsh: ~/.cshrc, no ~/.tcshrc.
    if Sh::Tcsh.require().is_some() {
        let w = World::new("init-cshrc");
        let cshrc = w.home.join(".cshrc");
        std::fs::write(&cshrc, "setenv T_MINE mine\n").unwrap();
        let (ok, said) = init_from(&w, "/bin/tcsh", &[]);
        assert!(ok, "{said}");
        assert!(!w.home.join(".tcshrc").exists(), "{said}");
        let out = common::says(
            &w,
            "tcsh",
            &["-c", "printenv T_MINE ; alias __venvsh_x"],
            "",
        );
        assert!(out.starts_with("mine\n") && out.contains("venvsh"), "{out}");
        let (ok, said) = init_from(&w, "/bin/tcsh", &["--undo"]);
        assert!(ok, "{said}");
        assert_eq!(std::fs::read(&cshrc).unwrap(), b"setenv T_MINE mine\n");
    }
    // zsh: ZDOTDIR set in ~/.zshenv, init run from bash (no ZDOTDIR in its environment).
    if Sh::Zsh.require().is_some() {
        let w = World::new("init-zdotdir");
        let zdot = w.home.join("zdot");
        std::fs::create_dir_all(&zdot).unwrap();
        std::fs::write(w.home.join(".zshenv"), "export ZDOTDIR=\"$HOME/zdot\"\n").unwrap();
        std::fs::write(zdot.join(".zshrc"), "export T_MINE=mine\n").unwrap();
        let (ok, said) = init_from(&w, "/bin/bash", &["zsh"]);
        assert!(ok, "{said}");
        assert!(!w.home.join(".zshrc").exists(), "{said}");
        assert!(
            said.contains(&zdot.join(".zshrc").display().to_string()),
            "{said}"
        );
        let out = common::says(
            &w,
            "zsh",
            &[
                "-i",
                "-c",
                "print -r -- $T_MINE; whence -w __venvsh_prompt_on",
            ],
            "",
        );
        assert!(out.contains("mine\n__venvsh_prompt_on: function"), "{out}");
    }
    // elvish 0.19 reads ~/.elvish/rc.elv when it is there, and then not the new place.
    if Sh::Elvish.require().is_some() {
        let w = World::new("init-elvish-legacy");
        let legacy = w.home.join(".elvish/rc.elv");
        std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
        std::fs::write(&legacy, "echo MINE-RAN\n").unwrap();
        let (ok, said) = init_from(&w, "/bin/bash", &["elvish"]);
        assert!(ok, "{said}");
        let version = common::says(&w, "elvish", &["-version"], "");
        let old = version.starts_with("0.1");
        assert_eq!(!w.rc_file(Sh::Elvish).exists(), old, "{version}: {said}");
        if old {
            let out = common::says(&w, "elvish", &[], "echo HOOK-(kind-of $venvsh~)\nexit\n");
            assert!(out.contains("MINE-RAN") && out.contains("HOOK-fn"), "{out}");
        }
    }
    // bash: a login bash reads ~/.bash_profile, else ~/.bash_login, else ~/.profile; a
    // new ~/.bash_profile would hide the ~/.profile the user has.
    let w = World::new("init-profile");
    std::fs::write(w.home.join(".profile"), "export T_MINE=mine\n").unwrap();
    let (ok, said) = init_from(&w, "/bin/bash", &["bash"]);
    assert!(ok, "{said}");
    assert!(!w.home.join(".bash_profile").exists(), "{said}");
    let out = common::says(&w, "bash", &["-l", "-c", "echo $T_MINE"], "");
    assert_eq!(out, "mine\n");
}

/// Issue 26 §5, the file as the user has it: one CRLF line in ~/.bashrc gives LF lines
/// (bash failed on a CRLF block) and no `\r` on the user's last line; a line the user
/// put inside the block is kept (init and --undo refuse, saying where); a hard link stays
/// one file; a file owned by someone else keeps its owner when init runs as root; a
/// read-only file is refused by --undo as by init.
#[test]
fn init_keeps_the_file_as_the_user_has_it() {
    use std::os::unix::fs::MetadataExt;
    let w = World::new("init-file");
    let bashrc = w.home.join(".bashrc");
    let mine = b"alias ll='ls -l'\r\nexport A=1\nFOO=1";
    std::fs::write(&bashrc, mine).unwrap();
    let (ok, said) = init(&w, &["bash"]);
    assert!(ok, "{said}");
    let text = std::fs::read(&bashrc).unwrap();
    assert_eq!(text.windows(2).filter(|p| p == b"\r\n").count(), 1);
    let out = common::says(
        &w,
        "bash",
        &[
            "--norc",
            "-c",
            &format!(
                "source {}; printf '%s|' \"$FOO\"; type -t __venvsh_prompt_on",
                q(&bashrc)
            ),
        ],
        "",
    );
    assert!(out.ends_with("1|function\n"), "{out:?}");

    // A line of the user's inside the block.
    let inside = String::from_utf8(text.clone())
        .unwrap()
        .replace("# <<< venvsh <<<", "export INSIDE=1\n# <<< venvsh <<<");
    std::fs::write(&bashrc, &inside).unwrap();
    for args in [&["bash"][..], &["--undo", "bash"]] {
        let (ok, said) = init(&w, args);
        assert!(
            !ok && said.contains("is inside venvsh's block"),
            "{args:?}: {said}"
        );
        assert_eq!(
            std::fs::read_to_string(&bashrc).unwrap(),
            inside,
            "{args:?}"
        );
    }
    std::fs::write(&bashrc, &text).unwrap();

    // Read-only: --undo refuses, as init does.
    std::fs::set_permissions(&bashrc, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (ok, said) = init(&w, &["--undo", "bash"]);
    assert!(!ok && said.contains("read-only"), "{said}");
    assert_eq!(std::fs::read(&bashrc).unwrap(), text);
    std::fs::set_permissions(&bashrc, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (ok, said) = init(&w, &["--undo", "bash"]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read(&bashrc).unwrap(), mine, "undo: byte for byte");

    // A hard link (a dotfiles folder that links rather than symlinks).
    let zshrc = w.home.join(".zshrc");
    let dots = w.p("dots-zshrc");
    std::fs::write(&dots, "setopt autocd\n").unwrap();
    std::fs::hard_link(&dots, &zshrc).unwrap();
    let (ok, said) = init(&w, &["zsh"]);
    assert!(ok, "{said}");
    assert_eq!(
        std::fs::metadata(&zshrc).unwrap().ino(),
        std::fs::metadata(&dots).unwrap().ino()
    );
    assert!(std::fs::read_to_string(&dots).unwrap().contains("hook zsh"));
    let (ok, said) = init(&w, &["--undo", "zsh"]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read_to_string(&dots).unwrap(), "setopt autocd\n");

    // Owned by another user (sudo venvsh init): the owner stays.
    if common::is_root() {
        let fish = w.rc_file(Sh::Fish);
        std::fs::create_dir_all(fish.parent().unwrap()).unwrap();
        std::fs::write(&fish, "set -g x 1\n").unwrap();
        std::os::unix::fs::chown(&fish, Some(65534), Some(65534)).unwrap();
        let (ok, said) = init(&w, &["fish"]);
        assert!(ok, "{said}");
        let m = std::fs::metadata(&fish).unwrap();
        assert_eq!((m.uid(), m.gid()), (65534, 65534), "{said}");
        assert!(
            std::fs::read_to_string(&fish)
                .unwrap()
                .contains("hook fish")
        );
        // A new file, and the folder made for it, get the owner of the folder they are
        // made in (sudo in the user's home), not root.
        std::os::unix::fs::chown(w.p("config"), Some(65534), Some(65534)).unwrap();
        let (ok, said) = init(&w, &["elvish"]);
        assert!(ok, "{said}");
        for made in [w.p("config/elvish"), w.p("config/elvish/rc.elv")] {
            let m = std::fs::metadata(&made).unwrap();
            assert_eq!((m.uid(), m.gid()), (65534, 65534), "{}", made.display());
        }
    }
}

/// Issue 26 §5, backups: one per file in venvsh's data folder (never beside a file that
/// may live in a dotfiles repository), replaced by a newer one rather than added to; a
/// backup that differs from the file is never deleted, and `--undo` says it left it.
#[test]
fn one_backup_per_file_in_the_data_folder() {
    let w = World::new("init-backups");
    let bashrc = w.home.join(".bashrc");
    std::fs::write(&bashrc, "a\n").unwrap();
    for _ in 0..2 {
        let (ok, said) = init(&w, &["bash"]);
        assert!(ok && said.contains("saved"), "{said}");
        let (ok, said) = init(&w, &["--undo", "bash"]);
        assert!(ok && !said.contains("left"), "{said}");
        assert!(
            leftovers(&w, &bashrc).is_empty(),
            "{:?}",
            leftovers(&w, &bashrc)
        );
    }
    let (ok, said) = init(&w, &["bash"]);
    assert!(ok, "{said}");
    let mut text = std::fs::read(&bashrc).unwrap();
    text.extend_from_slice(b"b\n");
    std::fs::write(&bashrc, &text).unwrap();
    let (ok, said) = init(&w, &["--undo", "bash"]);
    let backups = leftovers(&w, &bashrc);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        ok && said.contains(&format!("left {}", backups[0].display())),
        "{said}"
    );
    assert_eq!(std::fs::read(&backups[0]).unwrap(), b"a\n");
    let (ok, said) = init(&w, &["bash"]);
    assert!(ok, "{said}");
    assert_eq!(leftovers(&w, &bashrc), backups, "replaced, not added to");
    assert_eq!(std::fs::read(&backups[0]).unwrap(), b"a\nb\n");
}

/// Issue 34 §5: `sudo venvsh init` for a home another user owns writes only that user's
/// files, inside that home: a `~/.zshrc` linked to a root-owned file outside it is not
/// followed, and a root-owned file inside it is not changed.
#[test]
fn init_as_root_keeps_to_the_users_own_files() {
    if !common::is_root() {
        eprintln!("\n!!! SKIPPED: needs root (sudo venvsh init) !!!\n");
        return;
    }
    let w = World::new("init-sudo");
    let chown_all = |p: &Path| {
        for e in walk(p) {
            std::os::unix::fs::lchown(&e, Some(65534), Some(65534)).unwrap();
        }
    };
    let bashrc = w.home.join(".bashrc");
    std::fs::write(&bashrc, "a\n").unwrap();
    let outside = w.p("etc/zshrc");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    std::fs::write(&outside, "# root's\n").unwrap();
    std::os::unix::fs::symlink(&outside, w.home.join(".zshrc")).unwrap();
    chown_all(&w.home);
    // The user's data folder (XDG_DATA_HOME, outside the home in this world), where the
    // backups go: the user's too.
    std::fs::create_dir_all(w.p("data")).unwrap();
    chown_all(&w.p("data"));
    let fish = w.rc_file(Sh::Fish);
    std::fs::create_dir_all(fish.parent().unwrap()).unwrap();
    std::fs::write(&fish, "set -g x 1\n").unwrap(); // root's, inside the home

    let (ok, said) = init(&w, &["bash"]);
    assert!(ok, "{said}");
    assert!(
        std::fs::read_to_string(&bashrc)
            .unwrap()
            .contains("hook bash")
    );
    let (ok, said) = init(&w, &["zsh"]);
    assert!(
        !ok && said.contains("it leads out of the home folder"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "# root's\n");
    let (ok, said) = init(&w, &["fish"]);
    assert!(
        !ok && said.contains("not owned by the home's owner"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&fish).unwrap(), "set -g x 1\n");
    let (ok, said) = init(&w, &["--undo", "bash"]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), "a\n");
    // A data folder that is a link to one of root's: no backup is written there.
    std::fs::remove_dir_all(w.p("data")).unwrap();
    let roots = w.p("roots");
    std::fs::create_dir_all(&roots).unwrap();
    std::os::unix::fs::symlink(&roots, w.p("data")).unwrap();
    let (ok, said) = init(&w, &["bash"]);
    assert!(
        !ok && said.contains("not owned by the home's owner"),
        "{said}"
    );
    assert!(walk(&roots).len() == 1, "{:?}", walk(&roots));
}

/// Every path under `p`, `p` first, links not followed.
fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = vec![p.to_path_buf()];
    if std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
        for e in std::fs::read_dir(p).unwrap().flatten() {
            out.extend(walk(&e.path()));
        }
    }
    out
}
