//! venvsh: parse the command line and dispatch; the work is in `cmd`.
//!
//! On Unix `main` is the C one: the prompt hook starts this binary on every `cd`, and
//! Rust's own start-up asks glibc for the main thread's stack bounds (for its
//! stack-overflow message), which reads and parses /proc/self/maps (what that costs:
//! BENCHMARKS.md, "What each start-up trick saves"). Without it,
//! a stack overflow is a plain SIGSEGV, and a closed pipe (`venvsh list | head`) ends
//! venvsh by SIGPIPE as it does any C tool.
#![cfg_attr(all(unix, not(test)), no_main)]
#![warn(clippy::too_many_lines)]

mod bounded;
mod cli;
mod cmd;
mod conda;
mod config;
mod cwd;
mod files;
mod find;
#[cfg(test)]
mod fuzz;
mod judge;
mod managers;
mod paths;
mod places;
mod plan;
mod pyvenv;
mod rcfile;
mod seen;
mod shell;
mod show;
mod stale;
mod state;
mod term;
mod trust;
mod venv;
mod world;

use clap::Parser;

use cli::{Cli, Cmd};
use cmd::allow::Action;

/// Unit tests have the test harness's `main`; this one keeps `run` reached.
#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the test harness's main: std's list is filled
fn main() {
    std::process::exit(run(std::env::args_os().collect()));
}

/// The C `main` on Unix: the arguments come from the `argv` it is handed, not from
/// `std::env::args_os()`, which only glibc fills without Rust's start-up (on musl and the
/// BSDs it would be empty). `exit` flushes stdout.
#[cfg(all(unix, not(test)))]
#[unsafe(no_mangle)]
extern "C" fn main(argc: std::ffi::c_int, argv: *const *const std::ffi::c_char) -> std::ffi::c_int {
    use std::os::unix::ffi::OsStringExt;
    let args = (0..usize::try_from(argc).unwrap_or(0))
        .map(|i| {
            // SAFETY: the C runtime hands `main` argc valid NUL-terminated strings.
            let arg = unsafe { std::ffi::CStr::from_ptr(*argv.add(i)) };
            std::ffi::OsString::from_vec(arg.to_bytes().to_vec())
        })
        .collect();
    std::process::exit(run(args));
}

/// Windows: Rust's own start-up, which reads the command line as UTF-16.
#[cfg(all(not(unix), not(test)))]
#[allow(clippy::disallowed_methods)] // Rust's own start-up fills std's list here
fn main() {
    std::process::exit(run(std::env::args_os().collect()));
}

fn run(args: Vec<std::ffi::OsString>) -> i32 {
    // The prompt hook's call, `venvsh export SHELL [UI]`, skips clap: it runs on every
    // `cd` and its arguments are always written by the hook itself.
    if args.len() >= 3
        && args.len() <= 4
        && args[1] == "export"
        && let Some(shell) = args[2].to_str().and_then(shell::Shell::parse)
    {
        return cmd::export::run(shell, args.get(3).cloned());
    }
    run_cli(args)
}

/// Every other command, through clap. Apart from `run` so that the hook's path does not
/// carry this code (the whole dispatch, inlined) on its pages.
#[inline(never)]
#[cold]
fn run_cli(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = Cli::parse_from(args);
    match cli.cmd {
        Cmd::Hook {
            shell,
            rc_line: true,
        } => cmd::hook::rc_line(shell),
        Cmd::Hook { shell, .. } => cmd::hook::run(shell),
        Cmd::Export { shell, set_up } => cmd::export::run(shell, set_up),
        Cmd::Activate {
            target,
            force,
            shell,
        } => cmd::activate::activate(target, force, shell),
        Cmd::Deactivate { mode, shell } => cmd::activate::deactivate(mode, shell),
        Cmd::Allow { dir } => cmd::allow::run(Action::Allow, dir),
        Cmd::Deny { dir } => cmd::allow::run(Action::Deny, dir),
        Cmd::Revoke { dir } => cmd::allow::run(Action::Revoke, dir),
        Cmd::Status { json } => cmd::status::run(json),
        Cmd::Completions { shell } => cmd::completions::run(shell),
        Cmd::Man { command, dir } => cmd::man::run(command, dir),
        Cmd::Init {
            shells,
            undo,
            dry_run,
        } => cmd::init::run(shells, undo, dry_run),
        Cmd::Create(opts) => cmd::create::run(opts),
        Cmd::Run { venv, command } => cmd::run::run(venv, command),
        Cmd::Remove { target, yes, shell } => cmd::remove::run(target, yes, shell),
        Cmd::List { names: true, .. } => cmd::list::names(),
        Cmd::List { json, .. } => cmd::list::run(json),
        Cmd::Doctor => cmd::doctor::run(),
        Cmd::Env { dir, format, trust } => cmd::env::run(dir, format, trust),
        Cmd::Dirs { kind } => cmd::dirs::run(&kind),
    }
}
