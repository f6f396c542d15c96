//! The command line, as clap definitions; completions and help come from here.

use crate::shell::Shell;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

const ABOUT: &str = "Activates the right Python venv for the folder you are in";

fn long_about() -> String {
    format!(
        "Activates the right Python virtual environment for the folder you are in.\n\n\
         Install the hook once (one line in your shell's rc file); from then on, `cd` into a\n\
         project (or any folder below it) activates its venv, and leaving deactivates it.\n\n\
         {}\n\
         A venv shipped inside a cloned repository never activates by itself: run\n\
         `venvsh allow` in a project to let its venv switch on automatically.",
        crate::shell::rc::help()
    )
}

fn hook_long_about() -> String {
    format!(
        "Print the shell code that installs venvsh's prompt hook and the `venvsh` shell function.\n\n\
         Put the line for your shell in its rc file:\n{}\n\
         Loading it twice is harmless: the hook is installed once.",
        crate::shell::rc::help()
    )
}

#[derive(Debug, Parser)]
#[command(name = "venvsh", version, about = ABOUT, long_about = long_about())]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Print the shell code that installs venvsh in your shell
    #[command(
        long_about = hook_long_about(),
        after_help = "Example:\n  echo 'eval \"$(venvsh hook bash)\"' >> ~/.bashrc"
    )]
    Hook {
        /// The shell to print code for
        shell: Shell,
        /// Print only the line that loads it (install.sh asks)
        #[arg(long, hide = true)]
        rc_line: bool,
    },

    /// Print the code that brings this shell to the venv its folder wants (used by the hook)
    #[command(hide = true)]
    Export {
        shell: Shell,
        /// The venv whose prompt and `deactivate` this shell has set up
        #[arg(value_name = "UI")]
        set_up: Option<OsString>,
    },

    /// Activate a venv in this shell, by hand, and keep it across `cd`
    #[command(
        long_about = "Activate a venv in this shell by hand. It stays active across `cd` (no automatic switching) until `venvsh deactivate`.\n\nWith no argument: the venv of the current project. A PATH is a venv folder or a project folder; a NAME without a slash is a venv in the venv home (~/.venvs, $WORKON_HOME or `venv_home` in the config). A venv activated by hand needs no `venvsh allow`, but one writable by others is still refused unless --force.",
        after_help = "Examples:\n  venvsh activate\n  venvsh activate ~/src/other/.venv\n  venvsh activate tools          # ~/.venvs/tools"
    )]
    Activate {
        /// A venv folder, a project folder, or a venv name in the venv home
        target: Option<OsString>,
        /// Activate even a venv that others can write to
        #[arg(long)]
        force: bool,
        /// The shell to print code for (the `venvsh` shell function passes it)
        #[arg(long, hide = true)]
        shell: Option<Shell>,
    },

    /// Deactivate the venv venvsh activated; it stays off until you change folder
    #[command(after_help = "Example:\n  venvsh deactivate      # or just: deactivate")]
    Deactivate {
        /// `nondestructive`: what Python's own activate scripts pass; does not keep this folder off
        #[arg(value_parser = ["nondestructive", "-NonDestructive"])]
        mode: Option<String>,
        #[arg(long, hide = true)]
        shell: Option<Shell>,
    },

    /// Let a project's venv activate by itself when you enter it
    #[command(
        long_about = "Let a project's venv activate by itself when you enter the project. DIR is a project (any folder in it) or a venv; default: the current folder.\n\nvenvsh never puts a venv's bin first on PATH by itself until you allow it, because a venv shipped inside a cloned repository could otherwise run its code the next time you type `ls`.\n\nThe allow covers the project and the venv it names now (its real path, and the venv as made: installing packages keeps the allow, making the venv again does not). When the project later names another venv (a `git pull` that adds a .venv), or the venv is made again, entering says so and asks for `venvsh allow` again. A venv allowed by itself (DIR a venv) activates in its own project folder only: a project you never allowed cannot borrow it through a .venv file. `venvsh status` shows what an allow covers.",
        after_help = "Example:\n  cd ~/src/myproj && venvsh allow"
    )]
    Allow {
        /// A project folder or a venv (default: the current folder)
        dir: Option<PathBuf>,
    },

    /// Keep a project's venv from ever activating by itself (and from hinting)
    #[command(after_help = "Example:\n  venvsh deny ~/src/vendored-thing")]
    Deny {
        /// A project folder or a venv (default: the current folder)
        dir: Option<PathBuf>,
    },

    /// Forget `allow` or `deny` for a project or venv
    #[command(after_help = "Example:\n  venvsh revoke")]
    Revoke {
        /// A project folder or a venv (default: the current folder)
        dir: Option<PathBuf>,
    },

    /// Show what is active and why, the project's venv, its trust and health
    #[command(after_help = "Examples:\n  venvsh status\n  venvsh status --json | jq .health")]
    Status {
        /// One JSON object, for scripts
        #[arg(long)]
        json: bool,
    },

    /// Print what entering a folder would set, for CI, Docker and scripts (no hook needed)
    #[command(
        long_about = "Print what entering DIR (default: the current folder) would set: the variables of its venv, as the hook would activate it in this shell, in the format asked for. Trust applies as for the hook: a project you have not allowed gets one line and exit status 1, unless --trust says you vouch for it (a CI checkout of your own repository). A venv others can write to is refused even so. Exit status 1 too when DIR has no venv.\n\nPATH is this environment's PATH with the venv's bin in front: run venvsh where the variables will be used (inside the container, for a Docker env file).",
        after_help = "Examples:\n  eval \"$(venvsh env)\"\n  venvsh env ~/src/api --format json | jq -r .VIRTUAL_ENV\n  venvsh env --format dotenv > .env && docker run --env-file .env image\n  venvsh env --trust --format github     # in a GitHub Actions step: the next steps have the venv"
    )]
    Env {
        /// A project folder, or any folder below one
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "sh")]
        format: crate::cmd::env::Format,
        /// Vouch for the project: use its venv though it is not allowed (CI)
        #[arg(long)]
        trust: bool,
    },

    /// Create venvs with python -m venv; what it creates activates by itself
    #[command(
        long_about = "Create venvs with python -m venv (its options pass through). Several paths at once; default .venv in the current folder. What venvsh creates is allowed: it activates by itself at the next prompt.\n\n--python picks the base interpreter by version (python3.12 on PATH) or by path; without it, the version in the project's .python-version (the file uv and pyenv write), else python3. --home NAME creates the venv in the venv home and links the current folder to it with a .venv file. A venv that exists already is left alone unless --clear or --upgrade says otherwise.",
        after_help = "Examples:\n  venvsh create\n  venvsh create --python 3.12 --prompt api .venv\n  venvsh create --home tools          # ~/.venvs/tools, linked from ./.venv"
    )]
    Create(crate::cmd::create::Options),

    /// Run a command with a venv's environment, without activating it
    #[command(
        long_about = "Run a command with a venv's environment (VIRTUAL_ENV, its bin first on PATH, PYTHONHOME unset) without touching your shell. The command's exit status is venvsh's. Default venv: the current project's; --venv takes a venv folder, a project folder or a name in the venv home.",
        after_help = "Examples:\n  venvsh run -- python -m pytest\n  venvsh run --venv tools -- black .\n  */5 * * * * cd ~/src/app && venvsh run -- python job.py     # a cron line"
    )]
    Run {
        /// A venv folder, a project folder, or a venv name in the venv home
        #[arg(long, value_name = "PATH|NAME")]
        venv: Option<OsString>,
        /// The command and its arguments, after --
        #[arg(last = true, required = true)]
        command: Vec<OsString>,
    },

    /// Delete a venv (only a folder with a pyvenv.cfg) and forget its trust mark
    #[command(
        after_help = "Examples:\n  venvsh remove              # the current project's venv\n  venvsh remove --yes old-tools"
    )]
    Remove {
        /// A venv folder, a project folder, or a venv name in the venv home
        target: Option<OsString>,
        /// Do not ask
        #[arg(long, short)]
        yes: bool,
        /// Also print code that cleans up this shell if the venv was active in it (the
        /// shell function passes this)
        #[arg(long, hide = true)]
        shell: Option<Shell>,
    },

    /// List the venvs in the venv home and the allowed ones
    #[command(
        after_help = "Examples:\n  venvsh list\n  venvsh list --json | jq '.[] | select(.health == \"broken\")'\n  venvsh list --names"
    )]
    List {
        /// One JSON array, for scripts
        #[arg(long, conflicts_with = "names")]
        json: bool,
        /// Only the names of the venvs in the venv home, one per line (what `activate
        /// NAME` and `run --venv NAME` take; the completions use it)
        #[arg(long)]
        names: bool,
    },

    /// Check the hook is loaded and firing, PATH, the known venvs and the config
    #[command(
        after_help = "Example:\n  venvsh doctor      # exits 1 when it found something to fix"
    )]
    Doctor,

    /// Add the hook to your shells' startup files (or take it out again with --undo)
    #[command(
        long_about = "Add venvsh's hook to your shells' startup files: a block between two marker lines, \
                      once (running it again changes nothing), after a backup of each file it \
                      changes (one per file, in venvsh's data folder: ~/.local/share/venvsh/backups). \
                      With no shell named: your login shell and every shell whose startup file you \
                      already have; where a shell reads only the first of its files it finds (tcsh's \
                      ~/.tcshrc or ~/.cshrc), the one it reads. A line of yours inside the block is \
                      never dropped: init refuses and names it. `--undo` takes the block out again, \
                      every file back byte for byte.",
        after_help = "Examples:\n  venvsh init               # the shells you use\n  venvsh init zsh fish      # just these\n  venvsh init --dry-run     # say what would change\n  venvsh init --undo        # take it all out again"
    )]
    Init {
        /// The shells to set up (bash, zsh, fish, tcsh, elvish, xonsh, nu, pwsh)
        shells: Vec<Shell>,
        /// Take venvsh's lines out again: every file back as it was
        #[arg(long)]
        undo: bool,
        /// Say what would change, and change nothing
        #[arg(long)]
        dry_run: bool,
    },

    /// Print a completion script for a shell
    #[command(
        after_help = "Examples:\n  venvsh completions bash > ~/.local/share/bash-completion/completions/venvsh\n  venvsh completions fish > ~/.config/fish/completions/venvsh.fish"
    )]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },

    /// Print venvsh's man page (roff), or a command's (venvsh-COMMAND)
    #[command(
        after_help = "Examples:\n  venvsh man | man -l -\n  venvsh man activate | man -l -\n  venvsh man --dir ~/.local/share/man/man1    # every page, as install.sh does"
    )]
    Man {
        /// The command whose page to print
        command: Option<String>,
        /// Write every page (venvsh.1, venvsh-COMMAND.1, ...) into this folder instead
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<std::path::PathBuf>,
    },

    /// Print the folder venvsh keeps its config or its data in (install.sh asks it)
    #[command(hide = true)]
    Dirs {
        #[arg(value_parser = ["config", "data"])]
        kind: String,
    },
}
