//! Issue 16: the Windows venvsh.exe, run for real under wine. Its commands on venvs in
//! Windows' layout (`Scripts\python.exe`, `Lib\`, made by a stand-in python.exe, see
//! tests/data/winpython.c); cmd.exe switching through the AutoRun file it prints; Clink's
//! script with `io.popen` running it; its PowerShell code is parsed in tests/it/pwsh.rs.
//! Folder names hold spaces, `&`, parentheses and letters outside ASCII.

use crate::common;

use common::wine::{self, WinWorld, path as win};
use std::path::{Path, PathBuf};

/// `cd /d` that ends the batch when it fails: the rest must not run in another folder.
/// (Checked by `%CD%`: after a `cd` that worked, wine's cmd still runs what `||` guards.)
fn cd(dir: &str) -> String {
    format!(
        "cd /d \"{dir}\"\nif not \"%CD%\"==\"{dir}\" (echo \"cannot cd to {dir}\" & exit /b 1)\n"
    )
}

/// The value a line `KEY=VALUE` gives after the line `---STEP`, from `set KEY`.
fn get<'a>(lines: &'a [String], step: &str, key: &str) -> Option<&'a str> {
    let start = lines.iter().position(|l| l == &format!("---{step}"))?;
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("---"))
        .find_map(|l| {
            // Windows' variable names are case-insensitive (`Path` is PATH).
            let (k, v) = l.split_once('=')?;
            k.eq_ignore_ascii_case(key).then_some(v)
        })
}

fn json(file: &Path, expr: &str) -> String {
    let text = std::fs::read(file).unwrap();
    common::python_on(
        &text,
        &format!("import json,sys; d=json.load(sys.stdin); print({expr})"),
    )
    .trim_end()
    .to_string()
}

/// Every command, as a Windows user types it in cmd: create (through the `py` launcher),
/// status and list (and their JSON), run (its exit code passed on), doctor, allow, deny,
/// revoke, remove. The trust store lands in %LOCALAPPDATA%\venvsh, the config is read
/// from %APPDATA%\venvsh.
#[test]
#[ignore = "full tier"]
fn commands_run_for_real_under_wine() {
    let Some(ww) = WinWorld::new("win-cmds") else {
        return;
    };
    let proj = ww.w.p("my proj (é) & co");
    std::fs::create_dir_all(&proj).unwrap();
    let out = ww.w.p("out");
    std::fs::create_dir_all(&out).unwrap();
    let o = |f: &str| win(&out.join(f));
    let x = ww.exe();
    let lines = ww.run(
        "commands",
        &format!(
            "{cd}\
             {x} create --python 3.12 --prompt \"dev é\"\n\
             echo create=%ERRORLEVEL%\n\
             xcopy /e /i /q \"%LOCALAPPDATA%\\venvsh\\trust\" \"{marks}\" >nul\n\
             {x} status --json > \"{status}\"\n\
             {x} list --json > \"{list}\"\n\
             {x} run -- python -c \"raise SystemExit(7)\"\n\
             echo run=%ERRORLEVEL%\n\
             {x} run -- python -c \"import sys; print(sys.prefix)\" > \"{prefix}\"\n\
             {x} doctor > \"{doctor}\" 2>&1\n\
             echo doctor=%ERRORLEVEL%\n\
             {x} deny 2>nul\n\
             {x} status --json > \"{denied}\"\n\
             {x} revoke 2>nul\n\
             {x} status --json > \"{revoked}\"\n\
             {x} create --python 3.9 other 2> \"{nopy}\"\n\
             echo nopy=%ERRORLEVEL%\n\
             if exist .venv\\Scripts\\python.exe if exist .venv\\Lib (echo layout=windows)\n\
             {x} remove --yes .venv\n\
             echo remove=%ERRORLEVEL%\n\
             if exist .venv (echo venv=left) else (echo venv=gone)\n",
            cd = cd(&win(&proj)),
            status = o("status.json"),
            marks = o("marks"),
            list = o("list.json"),
            prefix = o("prefix.txt"),
            doctor = o("doctor.txt"),
            denied = o("denied.json"),
            revoked = o("revoked.json"),
            nopy = o("nopy.txt"),
        ),
    );
    let said = |k: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k}= in {lines:#?}"))
            .to_string()
    };
    let ctx = format!("{lines:#?}");
    assert_eq!(said("create"), "0", "{ctx}");
    let venv = format!("{}\\.venv", win(&proj));
    let st = json(
        &out.join("status.json"),
        "'|'.join(str(d[k]) for k in ['project','found_by','venv','name','python','health','trust'])",
    );
    assert_eq!(
        st,
        format!(
            "{}|.venv folder|{venv}|dev é|3.12.4|usable|allowed: by you (venvsh allow or venvsh create)",
            win(&proj)
        ),
        "{ctx}"
    );
    // The venv's layout is Windows': Scripts\python.exe and Lib\.
    assert_eq!(said("layout"), "windows", "{ctx}");
    // Its trust mark, in the world's %LOCALAPPDATA% (copied before `remove` forgot it).
    let marks: Vec<PathBuf> = std::fs::read_dir(out.join("marks"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(
        marks
            .iter()
            .any(|m| std::fs::read(m).is_ok_and(|t| String::from_utf8_lossy(&t).contains(&venv))),
        "{marks:?}"
    );
    let list = json(
        &out.join("list.json"),
        "'|'.join(e['path'] + ':' + e['source'] + ':' + e['health'] for e in d)",
    );
    assert_eq!(list, format!("{venv}:allowed:usable"));
    assert_eq!(said("run"), "7", "the exit code of the command: {ctx}");
    assert_eq!(
        wine::decode(&std::fs::read(out.join("prefix.txt")).unwrap()).trim_end(),
        venv,
        "python in `run` is the venv's"
    );
    let doctor = std::fs::read_to_string(out.join("doctor.txt")).unwrap();
    assert!(doctor.contains("hook"), "{doctor}");
    assert_eq!(json(&out.join("denied.json"), "d['trust']"), "denied");
    // Revoking the project forgets its deny; the venv keeps the allow `create` gave it.
    assert_eq!(
        json(&out.join("revoked.json"), "d['trust']"),
        "allowed: by you (venvsh allow or venvsh create)"
    );
    let nopy = std::fs::read_to_string(out.join("nopy.txt")).unwrap();
    assert!(
        nopy.starts_with("venvsh: no Python 3.9") && nopy.lines().count() == 1,
        "{nopy}"
    );
    assert_eq!(said("nopy"), "1");
    assert!(!proj.join("other").exists());
    assert_eq!(said("remove"), "0", "{ctx}");
    assert_eq!(said("venv"), "gone", "{ctx}");
}

/// With no APPDATA/LOCALAPPDATA of the world's, the trust store is where Windows keeps
/// a user's local data: the wine prefix's `%LOCALAPPDATA%\venvsh\trust`.
#[test]
#[ignore = "full tier"]
fn trust_store_defaults_to_localappdata() {
    let Some(ww) = WinWorld::new("win-store") else {
        return;
    };
    let proj = ww.w.p("proj");
    ww.venv(&proj.join(".venv"), None);
    let x = ww.exe();
    let lines = wine::batch(
        &ww.w,
        "store",
        &format!(
            "@echo off\n{}{x} allow 2>nul\necho %LOCALAPPDATA%\n{x} revoke 2>nul\n",
            cd(&win(&proj))
        ),
    );
    let local = lines.last().unwrap();
    let rel = local
        .strip_prefix("C:\\")
        .unwrap_or_else(|| panic!("{lines:?}"))
        .replace('\\', "/");
    // After the revoke the mark is gone again, but its folder stays.
    let store = wine::prefix()
        .join("drive_c")
        .join(rel)
        .join("venvsh/trust");
    assert!(store.is_dir(), "{} {lines:?}", store.display());
}

/// cmd.exe through the AutoRun file `venvsh.exe hook cmd` prints: what its `cd` macro
/// runs (`call venvsh.cmd __switch`) after each move, and `venvsh activate`/`deactivate`
/// as its `venvsh` macro calls them. After each step VIRTUAL_ENV, the whole PATH and
/// PROMPT are checked, and which python.exe runs.
#[test]
#[ignore = "full tier"]
fn cmd_switches_with_venvsh_exe() {
    let Some(ww) = WinWorld::new("win-autorun") else {
        return;
    };
    ww.trust_all();
    let names = ["plain", "with space & (paren)", "café"];
    for name in names {
        let one = ww.w.p(format!("one {name}"));
        let two = ww.w.p(format!("two {name}"));
        ww.venv(&one.join(".venv"), None);
        ww.venv(&two.join(".venv"), Some("two é"));
    }
    let plain = ww.w.p("plain folder");
    std::fs::create_dir_all(&plain).unwrap();
    let hook = ww.w.p("tmp/venvsh.cmd");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    let call = format!("call \"{}\"", win(&hook));
    let out = ww.w.p("out");
    std::fs::create_dir_all(&out).unwrap();
    // Which python.exe runs: its sys.prefix, written to a file (in the ANSI code page).
    let show = |step: &str| {
        format!(
            "echo ---{step}\nset VIRTUAL_ENV\nset PATH\nset PROMPT\npython -c \"import sys; print(sys.prefix)\" > \"{}\"\n",
            win(&out.join(format!("prefix-{step}.txt")))
        )
    };
    let prefix = |step: &str| {
        let text = std::fs::read(out.join(format!("prefix-{step}.txt"))).unwrap_or_default();
        wine::decode(&text).trim_end().to_string()
    };
    let mut body = format!("{} hook cmd > \"{}\"\n", ww.exe(), win(&hook));
    let plain = win(&plain);
    for (i, name) in names.iter().enumerate() {
        let one = win(&ww.w.p(format!("one {name}")));
        let two = win(&ww.w.p(format!("two {name}")));
        let steps = [
            (cd(&one), "__switch".to_string(), "enter"),
            (cd(&format!("{one}\\.venv")), "__switch".into(), "inside"),
            (cd(&two), "__switch".into(), "switch"),
            (cd(&plain), "__switch".into(), "leave"),
            (String::new(), format!("activate \"{one}\""), "activate"),
            (cd(&two), "__switch".into(), "pinned"),
            (String::new(), "deactivate".into(), "deactivate"),
            (cd(&plain), "__switch".into(), "end"),
        ];
        for (go, what, step) in steps {
            body.push_str(&format!(
                "{go}{call} {what}\n{}",
                show(&format!("{step}{i}"))
            ));
        }
    }
    let lines = ww.run("autorun", &body);
    let ctx = format!("{lines:#?}");
    let base = ww.base_path();
    let python = win(&ww.kit.python);
    for (i, name) in names.iter().enumerate() {
        let one = format!("{}\\.venv", win(&ww.w.p(format!("one {name}"))));
        let two = format!("{}\\.venv", win(&ww.w.p(format!("two {name}"))));
        // After each step: VIRTUAL_ENV, the whole PATH, PROMPT, and which python.exe runs.
        let seen = |step: &str| {
            let step = format!("{step}{i}");
            let get = |k| get(&lines, &step, k).map(str::to_string);
            (
                get("VIRTUAL_ENV"),
                get("PATH"),
                get("PROMPT"),
                prefix(&step),
            )
        };
        let active = |step: &str, venv: &str, prompt: &str| {
            let want = (
                Some(venv.to_string()),
                Some(format!("{venv}\\Scripts;{base}")),
                Some(format!("({prompt}) $P$G")),
                venv.to_string(),
            );
            assert_eq!(seen(step), want, "{step}{i}: {ctx}");
        };
        let inactive = |step: &str| {
            let want = (
                None,
                Some(base.clone()),
                Some("$P$G".into()),
                python.clone(),
            );
            assert_eq!(
                seen(step),
                want,
                "{step}{i}: PATH byte for byte as before: {ctx}"
            );
        };
        let shown = format!("one {name}");
        active("enter", &one, &shown);
        active("inside", &one, &shown);
        active("switch", &two, "two é");
        inactive("leave");
        active("activate", &one, &shown);
        active("pinned", &one, &shown);
        inactive("deactivate");
        inactive("end");
    }
}

/// What cmd cannot carry is refused with the reason, and nothing changes: a name its
/// code page cannot hold (wine's cmd reads batch files in 437: no Cyrillic), and the
/// characters no quoting holds in cmd (`%`, `!`, `^`, `"`), here in a venv's prompt.
#[test]
#[ignore = "full tier"]
fn cmd_refuses_what_it_cannot_carry() {
    let Some(ww) = WinWorld::new("win-refuse") else {
        return;
    };
    ww.trust_all();
    ww.venv(&ww.w.p("cyr/проект/.venv"), None);
    let mut body = String::new();
    let cases = ["50% off", "hi!", "a^b", "say \"x\""];
    for (i, prompt) in cases.iter().enumerate() {
        let proj = ww.w.p(format!("p{i}"));
        ww.venv(&proj.join(".venv"), Some(prompt));
        body.push_str(&format!(
            "{}{} export cmd > \"{}\" 2>&1\n",
            cd(&win(&proj)),
            ww.exe(),
            win(&ww.w.p(format!("out{i}.txt")))
        ));
    }
    // The Cyrillic folder's name cannot be typed in this batch file: reached by a glob.
    body.push_str(&format!(
        "{}for /d %%d in (*) do cd /d \"%%d\"\n{} export cmd > \"{}\" 2>&1\ncd\n",
        cd(&win(&ww.w.p("cyr"))),
        ww.exe(),
        win(&ww.w.p("out-cyr.txt"))
    ));
    // A PATH entry of the user's own that cmd's code page cannot hold: the session stays
    // as it was (a project that is fine otherwise), with a line saying why.
    let fine = ww.w.p("fine");
    ww.venv(&fine.join(".venv"), None);
    let hook = ww.w.p("tmp/venvsh.cmd");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    body.push_str(&format!(
        "{x} hook cmd > \"{h}\"\n{}for /d %%d in (*) do set \"PATH=%%d;%PATH%\"\nset PATH> \"{before}\"\n{}call \"{h}\" __switch 2> \"{said}\"\nset PATH> \"{after}\"\nif defined VIRTUAL_ENV (echo path-venv=on) else (echo path-venv=off)\n",
        cd(&win(&ww.w.p("cyr"))),
        cd(&win(&fine)),
        x = ww.exe(),
        h = win(&hook),
        before = win(&ww.w.p("path-before.txt")),
        after = win(&ww.w.p("path-after.txt")),
        said = win(&ww.w.p("path-said.txt")),
    ));
    let lines = ww.run("refuse", &body);
    assert!(lines.iter().any(|l| l == "path-venv=off"), "{lines:?}");
    let read = |f: &str| std::fs::read(ww.w.p(f)).unwrap();
    assert_eq!(
        read("path-after.txt"),
        read("path-before.txt"),
        "PATH as it was"
    );
    let said = String::from_utf8_lossy(&read("path-said.txt")).into_owned();
    assert!(said.contains("code page"), "{said}");
    assert!(
        lines.last().is_some_and(|l| !l.ends_with("cyr")),
        "moved into the folder: {lines:?}"
    );
    let said = |f: &str| String::from_utf8_lossy(&std::fs::read(ww.w.p(f)).unwrap()).into_owned();
    let cyr = said("out-cyr.txt");
    assert!(!cyr.contains("VIRTUAL_ENV="), "{cyr}");
    assert!(cyr.contains("code page"), "{cyr}");
    for (i, case) in cases.iter().enumerate() {
        let out = said(&format!("out{i}.txt"));
        assert!(!out.contains("VIRTUAL_ENV="), "{case}: {out}");
        assert!(out.contains("% ! ^"), "{case}: the reason: {out}");
    }
}

/// Link files with Windows paths (absolute, and relative with `..\`), a venv made by an
/// MSYS2 Python (`bin\python.exe`), and PATH spelled `Path`, as Windows has it.
#[test]
#[ignore = "full tier"]
fn link_files_msys2_layout_and_path_spelled_path() {
    let Some(ww) = WinWorld::new("win-link") else {
        return;
    };
    ww.trust_all();
    let shared = ww.w.p("venvs/shared");
    ww.venv(&shared, Some("shared"));
    let abs = ww.w.p("abs");
    let rel = ww.w.p("rel");
    std::fs::create_dir_all(&abs).unwrap();
    std::fs::create_dir_all(&rel).unwrap();
    std::fs::write(abs.join(".venv"), format!("{}\r\n", win(&shared))).unwrap();
    std::fs::write(rel.join(".venv"), "..\\venvs\\shared\n").unwrap();
    let msys = ww.w.p("msys");
    ww.venv(&msys.join(".venv"), None);
    std::fs::rename(msys.join(".venv/Scripts"), msys.join(".venv/bin")).unwrap();
    let hook = ww.w.p("tmp/venvsh.cmd");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    let call = format!("call \"{}\"", win(&hook));
    let mut body = format!(
        "set \"PATH=\"\nset \"Path={}\"\n{} hook cmd > \"{}\"\n",
        ww.base_path(),
        ww.exe(),
        win(&hook)
    );
    for (step, dir) in [("abs", &abs), ("rel", &rel), ("msys", &msys)] {
        body.push_str(&format!(
            "{}{call} __switch\necho ---{step}\nset VIRTUAL_ENV\nset PATH\n{}{call} __switch\necho ---{step}-left\nset PATH\n",
            cd(&win(dir)),
            cd(&win(&ww.w.root)),
        ));
    }
    let lines = ww.run("links", &body);
    let ctx = format!("{lines:#?}");
    let base = ww.base_path();
    let get = |step: &str, key: &str| get(&lines, step, key).map(str::to_string);
    for (step, venv, bin) in [
        ("abs", win(&shared), "Scripts"),
        ("rel", win(&shared), "Scripts"),
        ("msys", format!("{}\\.venv", win(&msys)), "bin"),
    ] {
        assert_eq!(get(step, "VIRTUAL_ENV"), Some(venv.clone()), "{step} {ctx}");
        assert_eq!(
            get(step, "PATH"),
            Some(format!("{venv}\\{bin};{base}")),
            "{step} {ctx}"
        );
        assert_eq!(
            get(&format!("{step}-left"), "PATH"),
            Some(base.clone()),
            "{step} {ctx}"
        );
    }
}

/// Clink: its script under lua5.4 (clink's few functions stubbed), with `io.popen`
/// running venvsh.exe under wine: activates on entering, starts nothing at an idle
/// prompt, and puts everything back on leaving.
#[test]
#[ignore = "full tier"]
fn clink_script_runs_venvsh_exe() {
    if !common::have("lua5.4") {
        return;
    }
    let Some(ww) = WinWorld::new("win-clink") else {
        return;
    };
    ww.trust_all();
    let proj = ww.w.p("my proj (1) & é");
    ww.venv(&proj.join(".venv"), None);
    let plain = ww.w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let script = ww.w.p("tmp/venvsh.lua");
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    let hook = ww.run("clinkhook", &format!("{} hook clink\n", ww.exe()));
    std::fs::write(&script, hook.join("\n")).unwrap();
    let base = "C:\\windows\\system32;C:\\windows";
    // Wine makes PATH, APPDATA and LOCALAPPDATA from its registry: the ones this cmd
    // session has go as VENVSH_T_*, and a batch file of the test's puts them in place.
    let runner = ww.w.p("tmp/run.cmd");
    let mut run = String::from("@echo off\r\n");
    for k in ["PATH", "APPDATA", "LOCALAPPDATA"] {
        run.push_str(&format!(
            "set \"{k}=%VENVSH_T_{k}%\"\r\nset \"VENVSH_T_{k}=\"\r\n"
        ));
    }
    run.push_str("%*\r\n");
    std::fs::write(&runner, run).unwrap();
    let env = [
        ("PATH", base.to_string()),
        ("PROMPT", "$P$G".to_string()),
        ("APPDATA", win(&ww.w.p("appdata"))),
        ("LOCALAPPDATA", win(&ww.w.p("localappdata"))),
    ];
    // cwd is a Windows path; wine starts in the Linux folder it names.
    let command = format!(
        r#"function(cwd, env, cmd, shq)
  local dir = cwd:gsub("^Z:", ""):gsub("\\", "/")
  local vars = {{}}
  for k, v in pairs(env) do
    if k == "PATH" or k == "APPDATA" or k == "LOCALAPPDATA" then k = "VENVSH_T_" .. k end
    vars[#vars + 1] = k .. "=" .. shq(v)
  end
  return "cd " .. shq(dir) .. " && env -i LANG=C.UTF-8 PATH=/usr/bin:/bin HOME=" .. shq(real_getenv("HOME"))
    .. " WINEPREFIX=" .. shq({prefix:?}) .. " WINEDEBUG=-all " .. table.concat(vars, " ")
    .. " wine cmd /c " .. shq({runner:?}) .. " " .. cmd
end"#,
        prefix = wine::prefix().to_string_lossy(),
        runner = win(&runner),
    );
    let lines = common::clink::run(
        &ww.w.p("tmp"),
        &script,
        &win(&ww.w.root),
        &env,
        &command,
        &[
            ("enter", Some(win(&proj))),
            ("idle", None),
            ("leave", Some(win(&plain))),
        ],
    );
    let text = lines.join("\n");
    let get = |k: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k} in {text}"))
    };
    let venv = format!("{}\\.venv", win(&proj));
    assert_eq!(get("enter:VIRTUAL_ENV"), venv, "{text}");
    assert_eq!(
        get("enter:PATH"),
        format!("{venv}\\Scripts;{base}"),
        "{text}"
    );
    assert_eq!(get("enter:PROMPT"), "(my proj (1) & é) $P$G", "{text}");
    assert_eq!(
        get("idle:popens"),
        "1",
        "no process at an idle prompt: {text}"
    );
    assert_eq!(get("leave:VIRTUAL_ENV"), "nil", "{text}");
    assert_eq!(get("leave:PATH"), base, "{text}");
    assert_eq!(get("leave:PROMPT"), "$P$G", "{text}");
}

/// `venvsh init cmd` with the Windows venvsh.exe under wine: an AutoRun already there is
/// kept, venvsh's call appended (`wine reg query` shows it) and the hook file saved;
/// `--undo` gives the value back exactly. With no AutoRun before, `--undo` deletes the one
/// it made. In a wine prefix of its own: AutoRun runs in every cmd, other tests' too.
#[test]
#[ignore = "full tier"]
fn init_cmd_keeps_an_autorun_and_undo_gives_it_back() {
    let Some(ww) = WinWorld::new("win-init") else {
        return;
    };
    let prefix = ww.w.p("wineprefix");
    wine::server_for(&prefix);
    let key = r#""HKCU\Software\Microsoft\Command Processor" /v AutoRun"#;
    let x = ww.exe();
    // (Not `||`: wine's cmd stopped reading the batch after one.)
    let query = format!("reg query {key} 2>nul\nif errorlevel 1 echo no AutoRun");
    let lines = wine::batch_in(
        &ww.w,
        &prefix,
        "init-cmd",
        &format!(
            "{}reg add {key} /t REG_SZ /d \"echo mine\" /f >nul\n{x} init cmd\n{query}\n{x} init cmd\n{x} init --undo cmd\n{query}\nreg delete {key} /f >nul\n{x} init cmd\n{query}\n{x} init --undo cmd\n{query}\nexit /b 0\n",
            ww.head()
        ),
    );
    let text = lines.join("\n");
    let hook = format!("{}\\venvsh\\venvsh.cmd", win(&ww.w.p("localappdata")));
    let autoruns: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("AutoRun"))
        .map(|r| r.trim_start())
        .collect();
    assert_eq!(
        autoruns,
        [
            format!("REG_SZ    echo mine & \"{hook}\"").as_str(),
            "REG_SZ    echo mine",
            format!("REG_EXPAND_SZ    \"{hook}\"").as_str(),
        ],
        "{text}"
    );
    assert!(
        text.contains("already runs"),
        "a second init changes nothing: {text}"
    );
    assert_eq!(text.matches("no AutoRun").count(), 1, "{text}");
    assert!(!ww.w.p("localappdata/venvsh/venvsh.cmd").exists(), "{text}");
}

/// Issue 28 §1 on Windows: a pixi workspace's conda prefix in Windows' layout
/// (`python.exe` at its top), switched through cmd's AutoRun file by venvsh.exe: conda's
/// run of folders first on PATH, its variables, its `.bat` activate.d script called; on
/// leaving its deactivate.d one while it is still active, then PATH byte for byte as
/// before.
#[test]
#[ignore = "full tier"]
fn cmd_switches_a_conda_prefix() {
    let Some(ww) = WinWorld::new("win-conda") else {
        return;
    };
    ww.trust_all();
    let px = ww.w.p("px & (x)");
    let env = px.join(".pixi/envs/default");
    std::fs::create_dir_all(&px).unwrap();
    std::fs::write(px.join("pixi.toml"), "[workspace]\nname = \"px\"\n").unwrap();
    for d in [
        "conda-meta",
        "Library/bin",
        "Scripts",
        "etc/conda/activate.d",
        "etc/conda/deactivate.d",
    ] {
        std::fs::create_dir_all(env.join(d)).unwrap();
    }
    std::fs::write(env.join("conda-meta/history"), "").unwrap();
    // What venvsh looks for: that the prefix has its Python.
    std::fs::write(env.join("python.exe"), "").unwrap();
    std::fs::write(
        env.join("conda-meta/state"),
        r#"{"env_vars": {"DATA_HOME": "C:\\data"}}"#,
    )
    .unwrap();
    std::fs::write(
        env.join("etc/conda/activate.d/x.bat"),
        "@set \"ACT_RAN=bat\"\r\n",
    )
    .unwrap();
    std::fs::write(
        env.join("etc/conda/deactivate.d/x.bat"),
        "@set \"ACT_RAN=\"\r\n@set \"LEFT_FROM=%CONDA_PREFIX%\"\r\n",
    )
    .unwrap();
    let plain = ww.w.p("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let hook = ww.w.p("tmp/venvsh.cmd");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    let call = format!("call \"{}\"", win(&hook));
    let show = |step: &str| {
        format!(
            "echo ---{step}\nset PATH\nset CONDA_PREFIX\nset CONDA_DEFAULT_ENV\nset DATA_HOME\nset ACT_RAN\nset LEFT_FROM\n"
        )
    };
    let body = format!(
        "{} hook cmd > \"{}\"\n{}{call} __switch\n{}{}{call} __switch\n{}",
        ww.exe(),
        win(&hook),
        cd(&win(&px)),
        show("enter"),
        cd(&win(&plain)),
        show("leave"),
    ) + "exit /b 0\n";
    let lines = ww.run("conda", &body);
    let ctx = format!("{lines:#?}");
    let prefix = win(&env);
    let base = ww.base_path();
    let run = [
        "",
        "\\Library\\mingw-w64\\bin",
        "\\Library\\usr\\bin",
        "\\Library\\bin",
        "\\Scripts",
        "\\bin",
    ]
    .map(|d| format!("{prefix}{d}"))
    .join(";");
    assert_eq!(
        get(&lines, "enter", "PATH"),
        Some(format!("{run};{base}").as_str()),
        "{ctx}"
    );
    assert_eq!(
        get(&lines, "enter", "CONDA_PREFIX"),
        Some(prefix.as_str()),
        "{ctx}"
    );
    assert_eq!(
        get(&lines, "enter", "CONDA_DEFAULT_ENV"),
        Some("px"),
        "{ctx}"
    );
    assert_eq!(get(&lines, "enter", "DATA_HOME"), Some("C:\\data"), "{ctx}");
    assert_eq!(get(&lines, "enter", "ACT_RAN"), Some("bat"), "{ctx}");
    assert_eq!(get(&lines, "leave", "PATH"), Some(base.as_str()), "{ctx}");
    for gone in ["CONDA_PREFIX", "CONDA_DEFAULT_ENV", "DATA_HOME", "ACT_RAN"] {
        assert_eq!(get(&lines, "leave", gone), None, "{gone}: {ctx}");
    }
    assert_eq!(
        get(&lines, "leave", "LEFT_FROM"),
        Some(prefix.as_str()),
        "{ctx}"
    );
}
