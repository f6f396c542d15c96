//! behaviour.md §4-§6 and §10 in real interactive shells, through a pty, with real venvs.

use crate::common;

use common::check::*;
use common::{BASE_PATH, Rc, Session, Sh, World};

in_shells!(
    spec_6_rows,
    user_path_edits_survive,
    pythonhome_restored,
    trust_hint_allow_and_refusal
);

/// Every row of behaviour.md §6, in order, in one interactive shell.
fn spec_6_rows(sh: Sh) {
    let w = World::new("rows");
    w.trust_all();
    let p1 = w.project("p1");
    let p2 = w.p("p2");
    w.venv(&p2.join(".venv"), &["--prompt".as_ref(), "two".as_ref()]);
    let sub = p1.join("sub/deeper");
    std::fs::create_dir_all(&sub).unwrap();
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let v1 = p1.join(".venv");
    let v2 = p2.join(".venv");
    let mut s = Session::start(&w, sh, &Rc::default());

    let snap = s.cd(&p1);
    assert_active(&snap, &v1, b"p1", BASE_PATH, "enter");
    said(&snap, "venvsh: activated p1 (.venv, Python", 1, "enter");

    let snap = s.cd(&sub);
    assert_active(&snap, &v1, b"p1", BASE_PATH, "move inside");
    assert!(
        snap.venvsh_lines().is_empty(),
        "moving inside says nothing: {:?}",
        snap.out()
    );

    let snap = s.cd(&p2);
    assert_active(&snap, &v2, b"two", BASE_PATH, "switch project");
    said(&snap, "deactivated p1", 1, "switch");
    said(&snap, "activated two", 1, "switch");

    let snap = s.cd(&plain);
    assert_inactive(&snap, BASE_PATH, "leave");
    said(&snap, "deactivated two", 1, "leave");

    // By hand: pinned across cd until `venvsh deactivate`.
    let snap = s.run(&format!("venvsh activate {}", q(&v2)));
    assert_active(&snap, &v2, b"two", BASE_PATH, "manual activate");
    let snap = s.cd(&p1);
    assert_active(
        &snap,
        &v2,
        b"two",
        BASE_PATH,
        "pinned across cd into another project",
    );
    let snap = s.cd(&plain);
    assert_active(&snap, &v2, b"two", BASE_PATH, "pinned across cd out");
    let snap = s.run("venvsh deactivate");
    assert_inactive(&snap, BASE_PATH, "venvsh deactivate");

    // `deactivate` keeps this folder off until the folder changes.
    s.cd(&p1);
    let snap = s.run("deactivate");
    assert_inactive(&snap, BASE_PATH, "deactivate");
    let snap = s.run("true");
    assert_inactive(&snap, BASE_PATH, "deactivate: next prompt, same folder");
    let snap = s.cd(&sub);
    assert_active(
        &snap,
        &v1,
        b"p1",
        BASE_PATH,
        "folder changed after deactivate",
    );

    // Activated some other way: left alone until it is deactivated.
    s.cd(&plain);
    let snap = s.run(&sh.source_activate(&v2));
    assert_eq!(
        snap.ve.as_deref(),
        Some(b(&v2).as_slice()),
        "foreign activation: {}",
        snap.out()
    );
    let snap = s.cd(&p1);
    assert_eq!(
        snap.ve.as_deref(),
        Some(b(&v2).as_slice()),
        "foreign venv left alone: {}",
        snap.out()
    );
    assert_eq!(
        show(&snap.path),
        show(&[b(&v2.join("bin")), BASE_PATH.to_vec()].join(&b':'))
    );
    let snap = s.run("deactivate");
    assert_active(
        &snap,
        &v1,
        b"p1",
        BASE_PATH,
        "after the foreign venv is deactivated",
    );

    // Deleted while active: gone at the next prompt.
    let snap = s.run(&format!("rm -rf -- {}", q(&v1)));
    assert_inactive(&snap, BASE_PATH, "venv deleted while active");

    // Created in this folder: active at the next prompt, no cd needed.
    let snap = s.run(&format!(
        "{} -m venv --without-pip .venv",
        q(&common::python())
    ));
    assert_active(&snap, &v1, b"p1", BASE_PATH, "venv created here");

    // A child shell has the same venv, prompt and deactivate, no PATH entry twice.
    let snap = s.child(false);
    assert_active(&snap, &v1, b"p1", BASE_PATH, "child shell");
    let snap = s.cd(&plain);
    assert_inactive(&snap, BASE_PATH, "child shell leaves");
    let snap = s.run("exit");
    assert_active(&snap, &v1, b"p1", BASE_PATH, "back in the parent");
    let snap = s.child(true);
    assert_active(&snap, &v1, b"p1", BASE_PATH, "exec'd shell");
}

/// behaviour.md §5: PATH after leaving is PATH before entering plus the user's own edits.
fn user_path_edits_survive(sh: Sh) {
    let w = World::new("pathedit");
    w.trust_all();
    let p1 = w.project("p1");
    let mut s = Session::start(&w, sh, &Rc::default());
    s.cd(&p1);
    s.run(&sh.path_wrap("/mine", Some("/late")));
    let snap = s.run(&sh.path_wrap("/front", None));
    assert_eq!(snap.ve.as_deref(), Some(b(&p1.join(".venv")).as_slice()));
    let snap = s.cd(&w.root);
    assert_inactive(
        &snap,
        b"/front:/mine:/usr/bin:/bin:/late",
        "leave after PATH edits",
    );
}

/// behaviour.md §4/§5: PYTHONHOME set, empty or unset comes back exactly.
fn pythonhome_restored(sh: Sh) {
    for (pre, want) in [
        (
            sh.export_var("PYTHONHOME", "/some/home"),
            Some(&b"/some/home"[..]),
        ),
        (sh.export_var("PYTHONHOME", "''"), Some(&b""[..])),
        (sh.unset_env("PYTHONHOME"), None),
    ] {
        let pre = pre.as_str();
        let w = World::new("pyhome");
        w.trust_all();
        let p1 = w.project("p1");
        let rc = Rc {
            pre: pre.into(),
            ..Rc::default()
        };
        let mut s = Session::start(&w, sh, &rc);
        let snap = s.cd(&p1);
        assert_eq!(snap.pythonhome, None, "{pre}: unset while active");
        assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, pre);
        let snap = s.cd(&w.root);
        assert_eq!(snap.pythonhome.as_deref(), want, "{pre}: restored");
    }
}

/// behaviour.md §7: not allowed = one hint per entry; allow activates at the next prompt; a venv
/// others can write to is refused with the reason, even when allowed.
fn trust_hint_allow_and_refusal(sh: Sh) {
    let w = World::new("trust");
    let p1 = w.project("p1");
    std::fs::create_dir_all(p1.join("sub")).unwrap();
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&p1);
    assert_inactive(&snap, BASE_PATH, "not allowed");
    assert_eq!(
        snap.venvsh_lines(),
        vec!["venvsh: .venv found in p1 but not allowed — run 'venvsh allow' to activate it here"],
    );
    let snap = s.run("true");
    assert!(
        snap.venvsh_lines().is_empty(),
        "hint not repeated at the next prompt: {:?}",
        snap.out()
    );
    let snap = s.cd(&p1.join("sub"));
    assert!(
        snap.venvsh_lines().is_empty(),
        "hint not repeated inside: {:?}",
        snap.out()
    );
    let snap = s.cd(&w.root);
    let snap2 = s.cd(&p1);
    assert!(snap.venvsh_lines().is_empty());
    said(&snap2, "not allowed", 1, "re-entry hints again");

    let snap = s.run("venvsh allow");
    assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, "allow");

    // Writable by others: refused whatever the trust, and by hand without --force.
    let p3 = w.project("p3");
    let r = w.venvsh(&["allow"], &p3);
    assert!(r.status.success());
    std::fs::set_permissions(
        p3.join(".venv/bin"),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let snap = s.cd(&p3);
    assert_inactive(&snap, BASE_PATH, "writable venv");
    said(&snap, "writable by everyone", 1, "writable venv");
    let snap = s.run("venvsh activate");
    assert_inactive(&snap, BASE_PATH, "writable venv by hand");
    said(&snap, "--force", 1, "by hand names --force");
    let snap = s.run("venvsh activate --force");
    assert_active(&snap, &p3.join(".venv"), b"p3", BASE_PATH, "--force");
}

in_shells!(hostile_names_arrive_exactly);

/// Every name in hostile-names.txt (plus newline, tab and non-UTF-8 ones) as the project
/// folder and as the venv's --prompt: VIRTUAL_ENV exact, the prompt drawn exactly as
/// `(NAME) `, nothing run. Twice: with default prompt options and with the risky ones
/// (bash `shopt -u promptvars`, zsh `setopt PROMPT_SUBST`).
fn hostile_names_arrive_exactly(sh: Sh) {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let w = World::new("hostile");
    w.trust_all();
    let names = common::hostile_names();
    let mut cases = Vec::new();
    for (i, (name, shown)) in names.iter().enumerate() {
        let folder = w.p(format!("f{i}")).join(OsString::from_vec(name.clone()));
        w.venv_any(&folder.join(".venv"), None);
        cases.push((folder.join(".venv"), name.clone(), shown.clone()));
        let proj = w.p(format!("g{i}"));
        w.venv_any(&proj.join(".venv"), Some(name));
        cases.push((proj.join(".venv"), name.clone(), shown.clone()));
    }
    for pre in std::iter::once("").chain(sh.risky_prompt_options().iter().copied()) {
        let rc = Rc {
            pre: pre.into(),
            ..Rc::default()
        };
        let mut s = Session::start(&w, sh, &rc);
        for (venv, name, shown) in &cases {
            let step = format!("{pre:?} name {}", show(name));
            if sh.cannot_enter(venv.parent().unwrap()) {
                continue;
            }
            let snap = s.cd(venv.parent().unwrap());
            if let Some(why) = sh.refuses(name) {
                // behaviour.md §11: a name the shell cannot hold; refused, clearly.
                assert_inactive(&snap, BASE_PATH, &step);
                said(&snap, why, 1, &step);
                continue;
            }
            assert_active_as(&snap, venv, name, shown, BASE_PATH, &step);
            let snap = s.cd(&w.root);
            assert_inactive(&snap, BASE_PATH, &step);
        }
        assert!(s.alive());
    }
    assert_eq!(
        w.pwned(),
        Vec::<std::path::PathBuf>::new(),
        "a name ran code"
    );
}

in_shells!(
    strict_options_and_other_hooks,
    exit_status_kept,
    loaded_twice_hooks_once,
    failures_cost_one_line
);

/// behaviour.md §10: the user's strict options and other hooks change nothing.
fn strict_options_and_other_hooks(sh: Sh) {
    for array in [false, true] {
        let w = World::new("strict");
        w.trust_all();
        let p1 = w.project("p1");
        let plain = w.p("plain");
        std::fs::create_dir_all(&plain).unwrap();
        let rc = Rc {
            pre: format!("{}\n{}", sh.strict_options(), sh.other_hook(array)),
            private: true,
            ..Rc::default()
        };
        let mut s = Session::start(&w, sh, &rc);
        s.run(&sh.set_var("T_X", "''"));
        let snap = s.cd(&p1);
        assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, "strict: enter");
        // The other hook ran at each prompt (T_X='s, its dump's, the cd's), and still runs.
        assert_eq!(
            show(&snap.x),
            show(b"0,0,0,"),
            "the other hook ran each prompt"
        );
        let snap = s.cd(&p1.join(".venv"));
        assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, "strict: inside");
        let snap = s.cd(&plain);
        assert_inactive(&snap, BASE_PATH, "strict: leave");
        let snap = s.run("venvsh activate ../p1");
        assert_active(
            &snap,
            &p1.join(".venv"),
            b"p1",
            BASE_PATH,
            "strict: by hand",
        );
        let snap = s.run("deactivate");
        assert_inactive(&snap, BASE_PATH, "strict: deactivate");
        assert!(s.alive(), "the shell survived its own options");
        assert!(
            snap.venvsh_lines()
                .iter()
                .all(|l| !l.contains("unbound") && !l.contains("parameter not set"))
        );
    }
}

mod options_people_set {
    per_shell!(super::options_people_set; bash Bash, zsh Zsh, fish Fish, tcsh Tcsh);
}

/// Issue 34 §6: under each option its users set (zsh's ERR_EXIT ended the shell at its
/// first prompt; CSH_JUNKIE_QUOTES kept the hook from loading; a bash function named
/// `unset` kept leaving from unsetting), the hook loads, entering activates, leaving
/// deactivates, and the shell lives on.
fn options_people_set(sh: Sh) {
    for opts in sh.options_people_set() {
        let w = World::new("opts");
        w.trust_all();
        let p1 = w.project("p1");
        let plain = w.p("plain");
        std::fs::create_dir_all(&plain).unwrap();
        let rc = Rc {
            pre: opts.to_string(),
            ..Rc::default()
        };
        let mut s = Session::start(&w, sh, &rc);
        let snap = s.cd(&p1);
        // fish_trace draws its trace where the prompt is: the variables tell.
        let traced = opts.contains("fish_trace");
        if traced {
            assert_eq!(
                snap.ve.as_deref(),
                Some(b(&p1.join(".venv")).as_slice()),
                "{opts}"
            );
        } else {
            assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, opts);
        }
        let snap = s.cd(&plain);
        if traced {
            assert_eq!(snap.ve, None, "{opts}");
            assert_eq!(show(&snap.path), show(BASE_PATH), "{opts}");
        } else {
            assert_inactive(&snap, BASE_PATH, opts);
        }
        assert!(s.alive(), "{}: the shell lived on under {opts}", sh.name());
    }
}

/// behaviour.md §10: `$?` after a failing command is what the next command and the other
/// hooks see, entering a project or not.
fn exit_status_kept(sh: Sh) {
    if sh == Sh::Elvish {
        return; // no exit status in elvish: a failing command is an exception, shown.
    }
    let w = World::new("status");
    w.trust_all();
    let p1 = w.project("p1");
    let rc = Rc {
        pre: sh.other_hook(false),
        ..Rc::default()
    };
    let mut s = Session::start(&w, sh, &rc);
    s.run(&sh.set_var("T_X", "''"));
    let snap = s.run("sh -c 'exit 3'");
    assert_eq!(snap.status, "3", "idle prompt keeps $?");
    let snap = s.run(&sh.and_then(&format!("cd {}", q(&p1)), "sh -c 'exit 5'"));
    assert_eq!(snap.status, "5", "a prompt that activates keeps $?");
    assert_eq!(snap.ve.as_deref(), Some(b(&p1.join(".venv")).as_slice()));
    // T_X= (0), its dump (0), (exit 3) and its dump (3, 3), the cd (5).
    let after_dump = if sh.dump_keeps_status() { "3" } else { "0" };
    assert_eq!(
        show(&snap.x),
        show(format!("0,0,3,{after_dump},5,").as_bytes()),
        "the other hook saw the same statuses"
    );
}

/// behaviour.md §10: an rc loaded twice installs one hook, and the prompt comes back once.
fn loaded_twice_hooks_once(sh: Sh) {
    let w = World::new("twice");
    w.trust_all();
    let p1 = w.project("p1");
    let again = sh.hook_line(&w.exe);
    let rc = Rc {
        pre: sh.other_hook(false),
        post: again.clone(),
        ..Rc::default()
    };
    let mut s = Session::start(&w, sh, &rc);
    let hooks = sh.list_hooks();
    let snap = s.run(&hooks);
    let x = String::from_utf8_lossy(&snap.x).into_owned();
    assert_eq!(x.matches("__venvsh_hook").count(), 1, "hooks: {x:?}");
    assert_eq!(x.matches("__t_pc").count(), 1, "hooks: {x:?}");
    s.cd(&p1);
    // Re-sourcing while active keeps one prefix, and a PS1 reset by the rc gets it back.
    let snap = s.run(&again);
    assert_active(
        &snap,
        &p1.join(".venv"),
        b"p1",
        BASE_PATH,
        "hook loaded again while active",
    );
    s.run(&sh.reset_prompt());
    let snap = s.run(&again);
    assert_active(
        &snap,
        &p1.join(".venv"),
        b"p1",
        BASE_PATH,
        "rc re-sourced (PS1 reset) while active",
    );
}

/// behaviour.md §10: a missing binary, a corrupt state variable and a malformed config each
/// give at most one line, and the prompt comes back.
fn failures_cost_one_line(sh: Sh) {
    let w = World::new("fail");
    w.trust_all();
    let p1 = w.project("p1");
    let plain = w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();

    // The binary vanishes while a venv is active.
    // In a folder with a space: the hook must call it by its path in every shell.
    let copy = w.p("b in/venvsh");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(&w.exe, &copy).unwrap();
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            exe: Some(copy.clone()),
            ..Rc::default()
        },
    );
    s.cd(&p1);
    std::fs::remove_file(&copy).unwrap();
    let snap = s.cd(&plain);
    assert_eq!(snap.out().lines().count(), 1, "one line: {:?}", snap.out());
    assert!(snap.out().contains("is gone"), "{:?}", snap.out());
    let expected_path = [b(&p1.join(".venv/bin")), BASE_PATH.to_vec()].join(&b':');
    assert_eq!(show(&snap.path), show(&expected_path), "PATH untouched");
    let snap = s.cd(&p1);
    assert_eq!(snap.out(), "", "said once only");
    assert!(s.alive());
    drop(s);

    // A corrupt state variable: one line, then business as usual.
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.run(&sh.export_var("VENVSH_STATE", "'v1v:999:garbage'"));
    assert_eq!(snap.venvsh_lines().len(), 1, "{:?}", snap.out());
    assert!(snap.out().contains("corrupt"), "{:?}", snap.out());
    let snap = s.cd(&p1);
    assert_active(
        &snap,
        &p1.join(".venv"),
        b"p1",
        BASE_PATH,
        "after a corrupt state",
    );
    let snap = s.run(&sh.export_var("VENVSH_STATE", "nonsense"));
    assert_eq!(snap.venvsh_lines().len(), 1, "{:?}", snap.out());
    // VIRTUAL_ENV no longer known to be venvsh's: left alone, PATH intact.
    assert_eq!(snap.ve.as_deref(), Some(b(&p1.join(".venv")).as_slice()));
    assert_eq!(show(&snap.path), show(&expected_path));
    drop(s);

    // A malformed config: one line naming file and line; the shell keeps working.
    assert!(w.venvsh(&["allow"], &p1).status.success());
    w.config("prompt = = true\n");
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&p1);
    let cfg_lines: Vec<String> = snap
        .venvsh_lines()
        .into_iter()
        .filter(|l| l.contains("config.toml"))
        .collect();
    assert_eq!(cfg_lines.len(), 1, "{:?}", snap.out());
    assert!(cfg_lines[0].contains("line 1"), "{:?}", cfg_lines);
    assert_active(
        &snap,
        &p1.join(".venv"),
        b"p1",
        BASE_PATH,
        "with a malformed config",
    );
}

in_shells!(idle_prompt_starts_no_process);

/// behaviour.md §10: at a prompt where nothing changed, no process is started (no fork, no
/// exec), counted with strace over 20 prompts inside an active project; and a cd starts
/// venvsh once.
fn idle_prompt_starts_no_process(sh: Sh) {
    if !common::have("strace") {
        return;
    }
    let w = World::new("idle");
    w.trust_all();
    let p1 = w.project("p1");
    let log = w.p("tmp/strace.log");
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            strace: Some(log.clone()),
            ..Rc::default()
        },
    );
    s.raw("/bin/true __t_mark_cd");
    let snap = s.cd(&p1);
    assert_eq!(snap.ve.as_deref(), Some(b(&p1.join(".venv")).as_slice()));
    s.raw("/bin/true __t_mark_start");
    for _ in 0..20 {
        s.raw("");
    }
    s.raw("/bin/true __t_mark_end");
    // strace writes as it goes: once the end mark is in the log, the count is complete.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("__t_mark_end")
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(s);
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // What the hook could start: a fork by the shell's own process, or venvsh itself.
    // (fish starts `man --path` in the background after start-up: not the hook's.)
    let shell_pid = lines[0].split_whitespace().next().unwrap();
    let exe = w.exe.to_string_lossy().into_owned();
    let start = lines
        .iter()
        .position(|l| l.contains("execve(") && l.contains("__t_mark_start"))
        .expect("start mark");
    let end = lines
        .iter()
        .position(|l| l.contains("execve(") && l.contains("__t_mark_end"))
        .expect("end mark");
    // elvish (Go) starts a process from any of its threads, and always by exec: every
    // exec counts there.
    let starts: Vec<&&str> = lines[start + 1..end]
        .iter()
        .filter(|l| !l.contains("CLONE_THREAD"))
        .filter(|l| {
            let forked = ["fork(", "clone(", "clone3("].iter().any(|c| l.contains(c));
            (forked && l.split_whitespace().next() == Some(shell_pid))
                || (l.contains("execve(") && (l.contains(&exe) || sh == Sh::Elvish))
        })
        .collect();
    // The only process start between the marks is the one that runs the end mark (its
    // fork; elvish's exec of it is the end mark itself).
    assert_eq!(
        starts.len(),
        usize::from(sh != Sh::Elvish),
        "process starts at 20 idle prompts: {starts:#?}"
    );
    // And a cd starts venvsh exactly once (fish's hook fires on the PWD change and again
    // at the prompt; the second must see nothing changed).
    let cd = lines
        .iter()
        .position(|l| l.contains("execve(") && l.contains("__t_mark_cd"))
        .expect("cd mark");
    let execs: Vec<&&str> = lines[cd..start]
        .iter()
        .filter(|l| l.contains("execve(") && l.contains(&exe))
        .collect();
    assert_eq!(execs.len(), 1, "venvsh started on one cd: {execs:#?}");
}

in_shells!(link_files_names_and_settings);

/// The venv home and `.venv` link files (behaviour.md §2), `venvsh activate NAME`, and the
/// settings that quiet venvsh or leave the prompt alone (behaviour.md §4, §8).
fn link_files_names_and_settings(sh: Sh) {
    let w = World::new("link");
    let home_venv = w.home.join(".venvs/tools");
    w.venv(&home_venv, &[]);
    let linked = w.p("linked");
    std::fs::create_dir_all(linked.join("deep")).unwrap();
    std::fs::write(linked.join(".venv"), "\n  tools\n").unwrap();
    let rel = w.p("rel");
    std::fs::create_dir_all(&rel).unwrap();
    std::fs::write(rel.join(".venv"), "../linked-target\n").unwrap();
    let target = w.p("linked-target");
    w.venv(&target, &[]);
    w.trust_all();
    let mut s = Session::start(&w, sh, &Rc::default());
    let snap = s.cd(&linked.join("deep"));
    assert_active(
        &snap,
        &home_venv,
        b"tools",
        BASE_PATH,
        "bare name in a .venv file",
    );
    let snap = s.cd(&rel);
    assert_active(
        &snap,
        &target,
        b"linked-target",
        BASE_PATH,
        "relative .venv file",
    );
    std::fs::write(rel.join(".venv"), "nothing-there\n").unwrap();
    let snap = s.cd(&w.root);
    assert_inactive(&snap, BASE_PATH, "leave");
    let snap = s.cd(&rel);
    assert_inactive(&snap, BASE_PATH, ".venv file naming nothing");
    said(&snap, "not a venv", 1, ".venv file naming nothing");
    let snap = s.cd(&w.root);
    let snap2 = s.run("venvsh activate tools");
    assert_inactive(&snap, BASE_PATH, "left");
    assert_active(&snap2, &home_venv, b"tools", BASE_PATH, "activate NAME");
    let snap = s.run("venvsh activate no-such-venv");
    assert_active(
        &snap,
        &home_venv,
        b"tools",
        BASE_PATH,
        "a failed activate changes nothing",
    );
    said(
        &snap,
        "no venv named 'no-such-venv'",
        1,
        "activate unknown NAME",
    );
    s.run("deactivate");
    drop(s);

    // VIRTUAL_ENV_DISABLE_PROMPT and `prompt = false` leave the prompt alone; quiet
    // (config or VENVSH_QUIET=1) prints no activated/deactivated line.
    let p1 = w.project("p1");
    for (config, pre) in [
        ("", sh.export_var("VIRTUAL_ENV_DISABLE_PROMPT", "1")),
        ("prompt = false\nquiet = true\n", String::new()),
        ("", sh.export_var("VENVSH_QUIET", "1")),
    ] {
        let pre = pre.as_str();
        w.config(&format!(
            "{config}trusted_roots = ['{}']\n",
            w.root.display()
        ));
        let mut s = Session::start(
            &w,
            sh,
            &Rc {
                pre: pre.into(),
                ..Rc::default()
            },
        );
        let snap = s.cd(&p1);
        assert_eq!(
            snap.ve.as_deref(),
            Some(b(&p1.join(".venv")).as_slice()),
            "{config}{pre}"
        );
        let quiet = pre.contains("QUIET") || config.contains("quiet");
        assert_eq!(
            snap.venvsh_lines().len(),
            usize::from(!quiet),
            "{config}{pre}: {:?}",
            snap.out()
        );
        let plain = pre.contains("DISABLE") || config.contains("prompt = false");
        let want: &[u8] = if plain { b"::vs:: " } else { b"(p1) ::vs:: " };
        assert_eq!(show(&snap.prompt), show(want), "{config}{pre}");
    }
}

in_shells!(eval_without_the_hook);

/// behaviour.md §1: without the hook, `eval "$(venvsh activate --shell SH)"` activates in full
/// (prompt and `deactivate` too), and that `deactivate` works.
fn eval_without_the_hook(sh: Sh) {
    if matches!(sh, Sh::Elvish | Sh::Xonsh | Sh::Nu) {
        return; // their `venvsh activate` is the hook's function (README).
    }
    let w = World::new("nohook");
    let p1 = w.project("p1");
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            no_hook: true,
            ..Rc::default()
        },
    );
    s.cd(&p1);
    let snap = s.run(&sh.eval_activate(&w.exe));
    assert_active(
        &snap,
        &p1.join(".venv"),
        b"p1",
        BASE_PATH,
        "eval activate without the hook",
    );
    let snap = s.run("deactivate");
    assert_inactive(&snap, BASE_PATH, "its deactivate");
}

/// fish: the user's fish_prompt is wrapped while a venv is active and put back exactly
/// (same definition, same origin), whether it came from its own autoloaded file or from
/// config.fish.
#[test]
fn fish_prompt_restored_exactly() {
    let Some(_) = Sh::Fish.require() else { return };
    for from_file in [true, false] {
        let w = World::new("fishprompt");
        w.trust_all();
        let p1 = w.project("p1");
        let def = "function fish_prompt --description 'mine'\n    set -l s $status\n    printf '::vs:: '\nend\n";
        let rc = if from_file {
            // Where fish_config saves prompts; found through fish_function_path.
            let dir = w.p("myfuncs");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("fish_prompt.fish"), def).unwrap();
            Rc {
                pre: format!("set -p fish_function_path {}", dir.display()),
                own_prompt: true,
                ..Rc::default()
            }
        } else {
            Rc {
                pre: def.into(),
                own_prompt: true,
                ..Rc::default()
            }
        };
        let mut s = Session::start(&w, Sh::Fish, &rc);
        // Definition and description; for a prompt from its own file, the file too.
        // (Not fish's `autoloaded` flag: fish never autoloads an erased function again
        // in a session. Not the "Defined in config.fish" note of one defined there: a
        // copy of a fish function always says "Defined interactively".)
        let show_prompt = if from_file {
            "set -g T_X (functions -Dv fish_prompt)[1 5] (functions fish_prompt | string collect)"
        } else {
            "set -g T_X (functions -Dv fish_prompt)[5] (functions fish_prompt | tail -n +2 | string collect)"
        };
        let before = s.run(show_prompt).x;
        let snap = s.cd(&p1);
        assert_active(&snap, &p1.join(".venv"), b"p1", BASE_PATH, "enter");
        let wrapped = s.run(show_prompt).x;
        assert_ne!(show(&wrapped), show(&before), "wrapped while active");
        let snap = s.cd(&w.root);
        assert_inactive(&snap, BASE_PATH, "leave");
        let after = s.run(show_prompt).x;
        assert_eq!(
            show(&after),
            show(&before),
            "from its own file: {from_file}"
        );
    }
}

/// Issue 26 §5: tcsh keeps all of the user's prompt while a venv is active, whatever it
/// starts with. `%$__venvsh_pp` in front of `tcsh> ` read as the variable
/// `$__venvsh_pptcsh`, and only `> ` was left.
#[test]
#[ignore = "full tier"]
fn tcsh_prompt_keeps_its_text() {
    for sh in [Sh::Tcsh, Sh::Csh] {
        let Some(_) = sh.require() else { return };
        let w = World::new("tcshprompt");
        w.trust_all();
        let p1 = w.project("p1");
        // (as set, as drawn): a letter, a digit, `%`, `[` and a space first.
        for (set, drawn) in [
            ("tcsh::vs:: ", "tcsh::vs:: "),
            ("9::vs:: ", "9::vs:: "),
            ("_x::vs:: ", "_x::vs:: "),
            ("%%::vs:: ", "%::vs:: "),
            ("[x]::vs:: ", "[x]::vs:: "),
            (" ::vs:: ", " ::vs:: "),
        ] {
            let rc = Rc {
                pre: format!("set prompt = '{set}'"),
                own_prompt: true,
                ..Rc::default()
            };
            let mut s = Session::start(&w, sh, &rc);
            s.no_python = true;
            let snap = s.cd(&p1);
            let entered = format!("(p1) {drawn}");
            assert_eq!(show(&snap.prompt), show(entered.as_bytes()), "{set:?}");
            let snap = s.cd(&w.root);
            assert_eq!(show(&snap.prompt), show(drawn.as_bytes()), "{set:?}, left");
            assert!(s.alive());
        }
    }
}

/// Issue 17: the musl build (Alpine, the usual dev container) runs this whole suite.
/// There `std::env::args_os()` is empty under venvsh's C `main`, so a build that read
/// its arguments from std saw none and every hook silently did nothing.
#[test]
#[ignore = "full tier"]
fn whole_suite_with_the_musl_binary() {
    if std::env::var_os("VENVSH_TEST_BIN").is_some() {
        return; // this is the inner run
    }
    let Some(bin) = common::cross::musl() else {
        return;
    };
    let version = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("venvsh {}", env!("CARGO_PKG_VERSION")),
        "the musl binary reads its arguments"
    );
    let suite = || {
        let mut c = std::process::Command::new("timeout");
        c.args(["-k", "10", "1800"])
            .arg(std::env::current_exe().unwrap())
            // One at a time: the rest of this suite runs beside it on two cores.
            .args([
                "shells::",
                "--skip",
                "whole_suite_with_the_musl_binary",
                "--include-ignored",
                "--test-threads=1",
            ])
            .env("VENVSH_TEST_BIN", &bin);
        c
    };
    let listed = suite()
        .args(["--list", "--format", "terse"])
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter(|l| l.ends_with(": test"))
        .count();
    let out = suite().output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the shells suite failed with {}:\n{said}\n{}",
        bin.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // Every scenario ran in every shell.
    let passed: usize = said
        .lines()
        .find_map(|l| l.strip_prefix("test result: ok. "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        listed >= 40 && passed == listed,
        "{passed} of {listed} passed:\n{said}"
    );
}

/// zsh (through chpwd) and fish (on its PWD change) switch during the `cd` itself, so a
/// command on the same line runs in the venv; bash and tcsh have no such hook and switch
/// at the next prompt (README).
#[test]
fn cd_then_a_command_on_one_line_runs_in_the_venv() {
    let w = World::new("one-line");
    w.trust_all();
    let p1 = w.project("p1");
    let venv = p1.join(".venv");
    for sh in [Sh::Zsh, Sh::Fish] {
        if sh.require().is_none() {
            continue;
        }
        let mut s = Session::start(&w, sh, &Rc::default());
        let snap = s.run(&format!(
            "cd {}; python -c 'import sys; print(\"prefix=\" + sys.prefix)'",
            common::q(&p1)
        ));
        assert!(
            snap.out().contains(&format!("prefix={}", venv.display())),
            "{}: {}",
            sh.name(),
            snap.out()
        );
        let snap = s.cd(&w.root);
        assert_eq!(snap.ve, None, "{}", sh.name());
    }
}

/// xonsh: with `{env_name}` in the user's $PROMPT, the venv's name shows there, as xonsh's
/// own convention is (venvsh's name for it, `--prompt`'s), once and not also in front;
/// leaving gives the field back (xonsh's own, which shows nothing with no venv).
#[test]
#[ignore = "full tier"]
fn xonsh_prompt_uses_env_name() {
    let sh = Sh::Xonsh;
    let Some(_) = sh.require() else { return };
    let w = World::new("xonsh-env-name");
    w.trust_all();
    let p2 = w.p("p2");
    w.venv(&p2.join(".venv"), &["--prompt".as_ref(), "two".as_ref()]);
    let mut s = Session::start(
        &w,
        sh,
        &Rc {
            pre: "$PROMPT = '{env_name}::vs:: '\n$RIGHT_PROMPT = ''".into(),
            own_prompt: true,
            ..Rc::default()
        },
    );
    let snap = s.cd(&p2);
    assert_eq!(snap.ve.as_deref(), Some(b(&p2.join(".venv")).as_slice()));
    assert_eq!(String::from_utf8_lossy(&snap.prompt), "(two) ::vs:: ");
    let snap = s.cd(&w.root);
    assert_eq!(snap.ve, None);
    assert_eq!(String::from_utf8_lossy(&snap.prompt), "::vs:: ");
}

/// The shells that take venvsh's answer as JSON (elvish, xonsh, nushell): `--help` of
/// the commands their function applies (`activate`, `deactivate`, `remove`) is shown,
/// not taken for operations.
#[test]
#[ignore = "full tier"]
fn help_through_the_json_shells_functions() {
    for sh in [Sh::Elvish, Sh::Xonsh, Sh::Nu] {
        let Some(_) = sh.require() else { continue };
        let w = World::new("json-help");
        let mut s = Session::start(&w, sh, &Rc::default());
        for cmd in ["activate", "deactivate", "remove"] {
            let out = String::from_utf8_lossy(&s.raw(&format!("venvsh {cmd} --help"))).into_owned();
            assert!(out.contains("Usage"), "{} {cmd}: {out}", sh.name());
        }
    }
}
