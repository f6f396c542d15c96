//! The committed completion scripts are what `venvsh completions` prints now.

use crate::common;

use common::{BASE_PATH, Sh, World};
use std::path::Path;
use std::process::Command;

#[test]
fn committed_completions_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in [
        ("bash", "venvsh.bash"),
        ("zsh", "_venvsh"),
        ("fish", "venvsh.fish"),
        ("elvish", "venvsh.elv"),
        ("powershell", "_venvsh.ps1"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_venvsh"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.is_empty());
        if std::fs::read(dir.join(file)).ok().as_deref() != Some(out.stdout.as_slice()) {
            stale.push(file.to_string());
        }
    }
    // The man pages: the same set, byte for byte.
    let w = World::new("man");
    let fresh = w.p("man");
    std::fs::create_dir_all(&fresh).unwrap();
    let man = Command::new(env!("CARGO_BIN_EXE_venvsh"))
        .args(["man", "--dir"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(man.status.success());
    let pages = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".1"))
            .collect();
        names.sort();
        names
    };
    let made = pages(&fresh);
    if pages(&dir) != made {
        stale.push("the set of man pages".to_string());
    }
    for page in made {
        if std::fs::read(dir.join(&page)).ok() != std::fs::read(fresh.join(&page)).ok() {
            stale.push(page);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions or man page {stale:?}; regenerate them as completions/README.md shows"
    );
}

/// A world whose venv home holds the venvs `api` and `tools`, and the PATH that puts this
/// build's `venvsh` first, as the completion code calls it.
fn world_with_names(tag: &str) -> (World, String) {
    let w = World::new(tag);
    w.venv(&w.home.join(".venvs/tools"), &[]);
    w.venv(&w.home.join(".venvs/api"), &[]);
    let bin = w.p("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(&w.exe, bin.join("venvsh")).unwrap();
    let path = format!("{}:{}", bin.display(), String::from_utf8_lossy(BASE_PATH));
    (w, path)
}

/// Where a venv is asked for (`activate`, `remove`, `run --venv`), the names in the venv
/// home are offered, as they are when completing (bash and fish run the completion
/// code; zsh's helper runs with zsh's completion functions stubbed here, and for real in
/// the test after this one).
#[test]
fn venv_names_from_the_venv_home_complete() {
    let (w, path) = world_with_names("compl-names");
    std::fs::create_dir_all(w.home.join(".venvs/not-a-venv")).unwrap();
    let out = w.venvsh(&["list", "--names"], &w.root);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "api\ntools\n");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let run = |shell: &str, script: &str| {
        let out = w
            .run_in(shell, &w.root)
            .arg("-c")
            .arg(script)
            .env("PATH", &path)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    if Sh::Bash.require().is_some() {
        let bash = dir.join("venvsh.bash");
        let words = |words: &str, cword: usize| {
            run(
                "bash",
                &format!(
                    ". {}; COMP_WORDS=({words}); COMP_CWORD={cword}; _venvsh_names venvsh \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                    common::check::q(&bash)
                ),
            )
        };
        let got = words("venvsh activate t", 2);
        assert!(
            got.lines().any(|l| l == "tools") && !got.contains("api"),
            "{got:?}"
        );
        let got = words("venvsh run --venv ''", 3);
        assert!(
            got.lines().any(|l| l == "api") && got.lines().any(|l| l == "tools"),
            "{got:?}"
        );
        let got = words("venvsh hook ''", 2);
        assert!(
            !got.contains("tools"),
            "only where a venv is asked for: {got:?}"
        );
    }
    if Sh::Fish.require().is_some() {
        let fish = dir.join("venvsh.fish");
        let got = run(
            "fish",
            &format!(
                "source {}; complete -C 'venvsh activate t'",
                common::check::q(&fish)
            ),
        );
        assert!(got.lines().any(|l| l.starts_with("tools")), "{got:?}");
        let got = run(
            "fish",
            &format!(
                "source {}; complete -C 'venvsh run --venv '",
                common::check::q(&fish)
            ),
        );
        assert!(got.lines().any(|l| l.starts_with("api")), "{got:?}");
    }
    if Sh::Zsh.require().is_some() {
        let zsh = dir.join("_venvsh");
        let text = std::fs::read_to_string(&zsh).unwrap();
        assert_eq!(
            text.matches(":_venvsh_targets'").count(),
            3,
            "activate, remove, run --venv"
        );
        let out = Command::new("zsh").arg("-n").arg(&zsh).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // What the helper offers, with zsh's completion functions stubbed: the names.
        let got = run(
            "zsh",
            &format!(
                "compdef() {{ :; }}; source {}; _alternative() {{ print -rl -- $1 \"${{__venvsh_names[@]}}\" $2; }}; _venvsh_targets",
                common::check::q(&zsh)
            ),
        );
        assert_eq!(
            got.lines().collect::<Vec<_>>(),
            [
                "venvs:venv in the venv home:compadd -a __venvsh_names",
                "api",
                "tools",
                "files:file:_files"
            ],
            "{got:?}"
        );
    }
}

/// zsh's completion, live: an interactive zsh (through a terminal) that loads the
/// committed `_venvsh` with compinit completes a venv name on Tab, and offers the venv
/// home's names beside files where a venv is asked for.
#[test]
fn zsh_completes_venv_names_when_tab_is_pressed() {
    if Sh::Zsh.require().is_none() {
        return;
    }
    let (w, path) = world_with_names("compl-zsh");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let zdot = w.p("zdot");
    std::fs::create_dir_all(&zdot).unwrap();
    // Ctrl-X shows the line being edited, between markers, under the prompt.
    std::fs::write(
        zdot.join(".zshrc"),
        format!(
            "fpath=({} $fpath)\nautoload -Uz compinit && compinit -u -D\n\
             show-line() {{ zle -M \"<<$BUFFER>>\" }}\nzle -N show-line\nbindkey '^X' show-line\n\
             PS1='READY> '\n",
            common::check::q(&dir)
        ),
    )
    .unwrap();
    let mut c = w.run_in("zsh", &w.root);
    c.arg("-i")
        .env("ZDOTDIR", &zdot)
        .env("PATH", &path)
        .env("TERM", "xterm");
    let mut pty = common::pty::Pty::spawn(c);
    let t = std::time::Duration::from_secs(20);
    let fail = |pty: &common::pty::Pty, e: String| -> ! {
        panic!(
            "{e}\n--- terminal ---\n{}",
            String::from_utf8_lossy(&pty.log)
        )
    };
    if let Err(e) = pty.read_until(b"READY> ", t) {
        fail(&pty, e);
    }
    // One name starts with "to" (and no file here does): Tab completes it.
    pty.send(b"venvsh activate to\t");
    std::thread::sleep(std::time::Duration::from_millis(300));
    pty.send(b"\x18");
    if let Err(e) = pty.read_until(b"<<venvsh activate tools >>", t) {
        fail(&pty, e);
    }
    // Nothing typed yet: the list holds the names and the files here.
    pty.send(b"\x15venvsh run --venv \t");
    let listed = match pty.read_until(b"zdot/", t) {
        Ok(l) => l,
        Err(e) => fail(&pty, e),
    };
    let listed = String::from_utf8_lossy(&common::clean(&listed)).into_owned();
    let words: Vec<&str> = listed.split_whitespace().collect();
    for want in ["api", "tools", "home/"] {
        assert!(words.contains(&want), "{want} not listed: {listed:?}");
    }
    pty.send(b"\x03exit\n");
}

/// The committed man pages are well-formed roff: groff, with every warning on, has
/// nothing to say about them; venvsh(1) lists every command, and each command's page
/// shows its options and examples.
#[test]
fn man_pages_render_without_warnings() {
    if !common::have("groff") {
        return;
    }
    let render = |name: &str| {
        let page = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(name);
        let out = Command::new("groff")
            .args(["-man", "-ww", "-Tutf8"])
            .arg(&page)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert!(
            out.stderr.is_empty(),
            "groff warns about {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // groff overstrikes bold as X\bX: keep the letters.
        let mut t = String::new();
        for c in String::from_utf8_lossy(&out.stdout).chars() {
            if c == '\u{8}' {
                t.pop();
            } else {
                t.push(c);
            }
        }
        t
    };
    let main = render("venvsh.1");
    assert!(main.contains("eval \"$(venvsh hook bash)\""), "{main}");
    assert!(main.contains("VENVSH_CONFIG"), "{main}");
    for cmd in [
        "hook", "activate", "create", "run", "remove", "list", "doctor", "man",
    ] {
        assert!(
            main.contains(&format!("venvsh-{cmd}(1)")),
            "venvsh(1) lists {cmd}"
        );
        let page = render(&format!("venvsh-{cmd}.1"));
        assert!(page.contains(&format!("venvsh {cmd}")), "{page}");
        assert!(page.contains("Example"), "{page}");
        assert!(page.contains("--help"), "{page}");
    }
}

/// elvish's completion, live: an interactive elvish that loads the committed
/// `venvsh.elv` lists the venv home's names on Tab after `activate` and after
/// `run --venv`.
#[test]
fn elvish_completes_venv_names_when_tab_is_pressed() {
    if !common::have("elvish") {
        return;
    }
    let (w, path) = world_with_names("compl-elv");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/venvsh.elv");
    let rc = w.p("rc.elv");
    std::fs::write(
        &rc,
        format!(
            "eval (slurp < {})\nset edit:prompt = {{ put 'READY> ' }}\nset edit:rprompt = {{ put '' }}\n",
            common::check::q(&script)
        ),
    )
    .unwrap();
    // Each line in an elvish of its own: what its completion list then shows.
    let listed = |line: &[u8]| -> String {
        let mut c = w.run_in("elvish", &w.root);
        c.arg("-rc")
            .arg(&rc)
            .env("PATH", &path)
            .env("TERM", "xterm");
        let mut pty = common::pty::Pty::spawn(c);
        let t = std::time::Duration::from_secs(20);
        let shown = pty
            .read_until(b"READY> ", t)
            .and_then(|_| {
                pty.send(line);
                pty.send(b"\t");
                pty.read_until(b"venv in the venv home", t)
            })
            .map(|_| pty.drain_for(std::time::Duration::from_millis(300)));
        if let Err(e) = shown {
            panic!(
                "{e}\n--- terminal ---\n{}",
                String::from_utf8_lossy(&pty.log)
            );
        }
        pty.send(b"\x1b\x15exit\n");
        // Candidates are drawn as plain runs of text between cursor moves.
        String::from_utf8_lossy(&pty.log).into_owned()
    };
    let shown = listed(b"venvsh activate ");
    assert!(
        shown.contains("api") && shown.contains("tools") && shown.contains("--force"),
        "names beside the options: {shown:?}"
    );
    let shown = listed(b"venvsh run --venv ");
    assert!(
        shown.contains("tools") && !shown.contains("--help"),
        "after --venv, the names only: {shown:?}"
    );
}
