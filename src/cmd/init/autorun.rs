//! cmd.exe has no startup file. `venvsh init cmd` saves the hook as
//! %LOCALAPPDATA%\venvsh\venvsh.cmd and has cmd run it from the AutoRun value under
//! HKCU\Software\Microsoft\Command Processor: appended to an AutoRun that is there
//! (`OLD & "…\venvsh.cmd"`), never replacing it. The value as it was is kept beside the
//! hook file, so `--undo` puts it back exactly, or deletes it when there was none. The
//! registry is read and written by Windows' own `reg.exe`.

use crate::show::io_reason;
use std::path::{Path, PathBuf};
use std::process::Command;

const KEY: &str = r"HKCU\Software\Microsoft\Command Processor";

/// venvsh's folder under %LOCALAPPDATA% (where its trust store is).
fn folder() -> Option<PathBuf> {
    crate::places::dir(crate::places::Kind::Data)
}

fn reg(args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("reg")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run reg.exe: {}", io_reason(&e)))
}

/// AutoRun's type and value, or None when there is none.
fn query() -> Result<Option<(String, String)>, String> {
    let out = reg(&["query", KEY, "/v", "AutoRun"])?;
    if !out.status.success() {
        return Ok(None);
    }
    // reg.exe writes in the console's code page: only ASCII is read back for sure.
    if !out.stdout.is_ascii() {
        return Err("cmd's AutoRun holds text that is not ASCII, which venvsh cannot read back exactly through reg.exe; add the hook to it by hand (README)".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        // `    AutoRun    REG_SZ    VALUE`: four spaces between the fields.
        if let Some(rest) = line.trim_start().strip_prefix("AutoRun    ") {
            let (kind, value) = rest.split_once("    ").unwrap_or((rest, ""));
            let value = value.trim_end_matches(['\r', '\n']);
            return Ok(Some((kind.to_string(), value.to_string())));
        }
    }
    Ok(None)
}

fn set(kind: &str, value: &str) -> Result<(), String> {
    let out = reg(&["add", KEY, "/v", "AutoRun", "/t", kind, "/d", value, "/f"])?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cannot set cmd's AutoRun: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn delete() -> Result<(), String> {
    let out = reg(&["delete", KEY, "/v", "AutoRun", "/f"])?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cannot delete cmd's AutoRun: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// The command AutoRun gets: the hook file, quoted.
fn piece(hook: &Path) -> String {
    format!("\"{}\"", hook.display())
}

pub fn put_in(exe: &Path, dry_run: bool) -> Result<(), String> {
    if !cfg!(windows) {
        return Err("init cmd: cmd.exe's AutoRun is Windows' registry; run it there".into());
    }
    let dir = folder().ok_or("init cmd: no LOCALAPPDATA folder")?;
    let hook = dir.join("venvsh.cmd");
    if !hook.to_string_lossy().is_ascii() {
        return Err(format!(
            "init cmd: {} is not ASCII, which venvsh cannot read back exactly through reg.exe; add the hook to AutoRun by hand (README)",
            hook.display()
        ));
    }
    let code = crate::shell::Shell::Cmd.hook(exe);
    let me = piece(&hook);
    let now = query()?;
    let value = match &now {
        Some((_, v)) if v.contains(&me) => None,
        Some((_, v)) if !v.trim().is_empty() => Some(format!("{v} & {me}")),
        _ => Some(me.clone()),
    };
    let stale = super::read(&hook).ok().flatten().as_deref() != Some(code.as_slice());
    if value.is_none() && !stale {
        println!("cmd's AutoRun already runs {}", hook.display());
        return Ok(());
    }
    if dry_run {
        if let Some(v) = &value {
            println!("would set cmd's AutoRun ({KEY}) to: {v}");
        }
        println!("  and save the hook as {}", hook.display());
        return Ok(());
    }
    let save = |p: &Path, b: &[u8]| {
        crate::files::write_atomic(p, b, None)
            .map_err(|e| format!("cannot write {}: {}", p.display(), io_reason(&e)))
    };
    save(&hook, &code)?;
    if let Some(v) = value {
        // What AutoRun was, for --undo: "none", or its type, a newline and its value.
        let before = match &now {
            None => "none".to_string(),
            Some((kind, old)) => format!("{kind}\n{old}"),
        };
        save(&dir.join("autorun-before.txt"), before.as_bytes())?;
        let kind = now.as_ref().map_or("REG_EXPAND_SZ", |(k, _)| k.as_str());
        set(kind, &v)?;
    }
    println!(
        "added the venvsh hook to cmd's AutoRun ({})",
        hook.display()
    );
    Ok(())
}

pub fn take_out(dry_run: bool) -> Result<(), String> {
    if !cfg!(windows) {
        return Ok(());
    }
    let Some(dir) = folder() else { return Ok(()) };
    let hook = dir.join("venvsh.cmd");
    let me = piece(&hook);
    let kept = dir.join("autorun-before.txt");
    let now = query()?;
    if let Some((kind, v)) = &now
        && v.contains(&me)
    {
        let before = super::read(&kept)
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok());
        let ours = |old: &str| {
            if old.trim().is_empty() {
                me.clone()
            } else {
                format!("{old} & {me}")
            }
        };
        // The value as it was, when AutoRun is still what init made of it; else the
        // user's since: only venvsh's part goes.
        let back = match before.as_deref().map(|b| b.split_once('\n')) {
            Some(Some((k, old))) if *v == ours(old) => Some((k.to_string(), old.to_string())),
            _ if before.as_deref() == Some("none") && *v == me => None,
            _ => Some((
                kind.clone(),
                v.replace(&format!(" & {me}"), "")
                    .replace(&format!("{me} & "), "")
                    .replace(&me, "")
                    .trim()
                    .to_string(),
            )),
        };
        if dry_run {
            println!("would take venvsh out of cmd's AutoRun");
        } else {
            match back {
                Some((k, old)) if !old.is_empty() || before.as_deref() != Some("none") => {
                    set(&k, &old)?
                }
                _ => delete()?,
            }
            println!("removed the venvsh hook from cmd's AutoRun");
        }
    }
    // The hook file goes once AutoRun no longer calls it.
    let still = query().ok().flatten().is_some_and(|(_, v)| v.contains(&me));
    if !dry_run && !still {
        for f in [&hook, &kept] {
            if f.exists() {
                std::fs::remove_file(f)
                    .map_err(|e| format!("cannot remove {}: {}", f.display(), io_reason(&e)))?;
            }
        }
    }
    Ok(())
}
