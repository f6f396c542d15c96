//! venvsh: parse the command line and dispatch; the work is in `cmd`.

mod cli;
mod cmd;
mod config;
#[cfg(test)]
mod fuzz;
mod plan;
mod pyvenv;
mod shell;
mod state;
mod trust;
mod util;
mod venv;

use clap::Parser;
use cli::{Cli, Cmd};
use cmd::allow::Action;

fn main() {
    let code = run();
    std::process::exit(code);
}

fn run() -> i32 {
    // The prompt hook's call, `venvsh export SHELL [UI]`, skips clap: it runs on every
    // `cd` and its arguments are always written by the hook itself.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() >= 3
        && args.len() <= 4
        && args[1] == "export"
        && let Some(shell) = args[2].to_str().and_then(shell::Shell::parse)
    {
        return cmd::export::run(shell, args.get(3).cloned());
    }
    let cli = Cli::parse_from(args);
    match cli.cmd {
        Cmd::Hook { shell } => cmd::hook::run(shell),
        Cmd::Export { shell, ui } => cmd::export::run(shell, ui),
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
        Cmd::Create(opts) => cmd::create::run(opts),
        Cmd::Run { venv, command } => cmd::run::run(venv, command),
        Cmd::Remove { target, yes, shell } => cmd::remove::run(target, yes, shell),
        Cmd::List { json } => cmd::list::run(json),
        Cmd::Doctor => cmd::doctor::run(),
    }
}
