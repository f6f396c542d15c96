//! Issue 28 §4: prompt themes that draw the whole prompt themselves, as Debian ships them
//! (liquidprompt, powerline, powerlevel9k). The active venv shows exactly once in the
//! prompt as the terminal draws it, at the prompt right after the cd and at the ones
//! after, and the theme's own text stays. The venv is linked from the project (`work`) and
//! named `zeta`, a name no other part of the prompt holds, whichever way a theme names a
//! venv (`prompt` in pyvenv.cfg, the folder's name, the folder above `.venv`).

use crate::common;

use common::{Rc, Session, Sh, World};
use std::path::{Path, PathBuf};

/// A theme as a user loads it in the rc file, with the harness's prompt mark at the end
/// of what it draws (the sessions wait for the mark).
struct Theme {
    name: &'static str,
    sh: Sh,
    /// The files the theme needs, one of which must exist for the test to run.
    needs: &'static str,
    /// rc lines before venvsh's hook line.
    pre: &'static str,
    /// rc lines after it.
    post: &'static str,
    /// Text of the theme's own that every prompt it draws here holds.
    own: &'static str,
}

const THEMES: &[Theme] = &[
    Theme {
        name: "liquidprompt",
        sh: Sh::Bash,
        needs: "/usr/share/liquidprompt/liquidprompt",
        pre: "export TERM=xterm-256color LP_ENABLE_TITLE=0 LP_PS1_POSTFIX='::vs:: '\n\
              . /usr/share/liquidprompt/liquidprompt\n",
        post: "",
        own: "work",
    },
    Theme {
        name: "powerline (bash)",
        sh: Sh::Bash,
        needs: "/usr/share/powerline/bindings/bash/powerline.sh",
        pre: "export TERM=xterm-256color POWERLINE_BASH_CONTINUATION=1 POWERLINE_BASH_SELECT=1\n\
              . /usr/share/powerline/bindings/bash/powerline.sh\n",
        post: "__t_mark() { PS1+='::vs:: '; }\nPROMPT_COMMAND+=$'\\n'__t_mark\n",
        own: "work",
    },
    Theme {
        name: "powerline (zsh)",
        sh: Sh::Zsh,
        needs: "/usr/share/powerline/bindings/zsh/powerline.zsh",
        pre: "export TERM=xterm-256color\n. /usr/share/powerline/bindings/zsh/powerline.zsh\n",
        post: "PS1+='::vs:: '\n",
        own: "work",
    },
    Theme {
        name: "powerlevel9k",
        sh: Sh::Zsh,
        needs: "/usr/share/powerlevel9k/powerlevel9k.zsh-theme",
        pre: "export TERM=xterm-256color\nPOWERLEVEL9K_MODE=compatible\n\
              POWERLEVEL9K_LEFT_PROMPT_ELEMENTS=(virtualenv dir)\nPOWERLEVEL9K_RIGHT_PROMPT_ELEMENTS=()\n\
              source /usr/share/powerlevel9k/powerlevel9k.zsh-theme\n",
        post: "__t_mark() { PROMPT+='::vs:: ' }\nprecmd_functions+=(__t_mark)\n",
        own: "work",
    },
    // powerline's fish binding, unlike its bash and zsh ones, leaves
    // VIRTUAL_ENV_DISABLE_PROMPT to the user (as for Python's activate.fish): set here as
    // fish users set it, unexported, which venvsh's hook must read as fish has it.
    Theme {
        name: "powerline (fish)",
        sh: Sh::Fish,
        needs: "/usr/share/powerline/bindings/fish/powerline-setup.fish",
        pre: "set -gx TERM xterm-256color\n\
              set fish_function_path $fish_function_path /usr/share/powerline/bindings/fish\n\
              powerline-setup\nset -g VIRTUAL_ENV_DISABLE_PROMPT 1\n",
        post: "functions -c fish_prompt __t_theme_prompt\n\
               function fish_prompt; __t_theme_prompt; printf '::vs:: '; end\n",
        own: "work",
    },
];

/// The prompts in what the terminal drew (cleaned of escapes): the lines that hold the
/// harness's mark.
fn drawn(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains("::vs::"))
        .map(str::to_string)
        .collect()
}

fn venv_shows_once(t: &Theme) {
    if !Path::new(t.needs).exists() {
        if common::in_ci() {
            panic!(
                "{} is not installed, and CI=true: this test must run",
                t.needs
            );
        }
        eprintln!("\n!!! SKIPPED: {} is not installed !!!\n", t.needs);
        return;
    }
    if t.sh.require().is_none() {
        return;
    }
    let w = World::new("theme");
    let zeta = w.home.join(".venvs/zeta");
    w.venv(&zeta, &[]);
    let work: PathBuf = w.p("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join(".venv"), format!("{}\n", zeta.display())).unwrap();
    let out = w.venvsh(&["allow"], &work);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rc = Rc {
        pre: t.pre.into(),
        post: t.post.into(),
        own_prompt: true,
        ..Rc::default()
    };
    let mut s = Session::start(&w, t.sh, &rc);
    let before = s.shown();
    let snap = s.cd(&work);
    assert_eq!(
        snap.ve.as_deref(),
        Some(zeta.as_os_str().as_encoded_bytes()),
        "{}: {}",
        t.name,
        snap.out()
    );
    s.run("true");
    let mut prompts = drawn(&s.terminal_since(before));
    assert!(prompts.len() >= 3, "{}: {prompts:?}", t.name);
    if t.sh == Sh::Fish {
        // fish redraws its prompt with cursor moves that a line of the terminal does
        // not keep: what the prompt function draws, asked of it.
        prompts = vec![fish_prompt(&mut s)];
    }
    for p in &prompts {
        assert_eq!(
            p.matches("zeta").count(),
            1,
            "{}: the venv once in {p:?}",
            t.name
        );
        assert!(p.contains(t.own), "{}: the theme's text in {p:?}", t.name);
    }
    let before = s.shown();
    let snap = s.cd(&w.root);
    assert_eq!(snap.ve, None, "{}", t.name);
    let mut prompts = drawn(&s.terminal_since(before));
    if t.sh == Sh::Fish {
        prompts = vec![fish_prompt(&mut s)];
    }
    for p in prompts {
        assert!(!p.contains("zeta"), "{}: left, yet {p:?}", t.name);
    }
}

/// What fish's prompt function draws now, escapes left out.
fn fish_prompt(s: &mut Session) -> String {
    // (The harness's mark renamed, or the session would take it for the next prompt.)
    let out = s.raw(
        "fish_prompt | string replace -ra '\\e\\[[0-9;]*[a-zA-Z]' '' | string replace -a :: ..; echo",
    );
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn liquidprompt_in_bash() {
    venv_shows_once(&THEMES[0]);
}

#[test]
fn powerline_in_bash() {
    venv_shows_once(&THEMES[1]);
}

#[test]
fn powerline_in_zsh() {
    venv_shows_once(&THEMES[2]);
}

#[test]
fn powerlevel9k_in_zsh() {
    venv_shows_once(&THEMES[3]);
}

#[test]
fn powerline_in_fish() {
    venv_shows_once(&THEMES[4]);
}
