//! Shells. Each has one module, which holds everything about it: how it quotes, its hook
//! script (under `shell/`, pulled in at build time), how it spells each `Op`, what it
//! cannot carry and how it is loaded. A module gives that through the `Dialect` trait;
//! `Shell::dialect` is the one place that maps a shell to its module. Nothing here
//! decides anything.

mod bash;
mod clink;
mod cmd;
mod csh;
mod elvish;
mod fish;
mod nu;
mod parts;
mod pwsh;
pub mod rc;
pub mod startup;
mod xonsh;
mod zsh;

use crate::plan::Op;
use startup::{Ask, Startup};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    /// tcsh, and csh (on most systems a tcsh)
    #[value(alias = "csh")]
    Tcsh,
    /// PowerShell: pwsh 7, and Windows PowerShell 5.1
    #[value(alias = "powershell")]
    Pwsh,
    /// cmd.exe: a batch file for AutoRun, with doskey macros
    Cmd,
    /// Clink (cmd.exe with Clink): a Lua script that switches at every prompt
    Clink,
    Elvish,
    Xonsh,
    /// nushell: the hook is saved as a file that config.nu sources
    #[value(alias = "nushell")]
    Nu,
}

/// First line of code meant for `eval` (bash, zsh, fish, PowerShell): the shell functions
/// eval output only when it starts with this, so `--help` or an error text is never run
/// as code. tcsh and cmd have marks of their own.
pub const EVAL_MARK: &str = "# venvsh eval";

/// How a user loads venvsh in a shell (the table in `rc.rs` is made of these).
pub enum Setup {
    /// A line for the shell's startup file.
    Line {
        line: &'static str,
        file: &'static str,
    },
    /// A command that saves the hook where the shell loads it, and what to do then.
    Saved {
        command: &'static str,
        then: &'static str,
    },
}

/// What venvsh needs from one shell.
trait Dialect: Sync {
    /// How the user loads venvsh here.
    fn setup(&self) -> Setup;
    /// Whether this shell can hold these bytes in a variable (behaviour.md §11); a venv
    /// whose path or name it cannot is refused.
    fn can_hold(&self, _b: &[u8]) -> bool {
        true
    }
    /// What `can_hold` refuses, for the refusal message.
    fn cannot_hold(&self) -> &'static str {
        "a NUL"
    }
    /// These bytes as one word of this shell's code.
    fn quote(&self, b: &[u8]) -> Vec<u8>;
    /// A program's path as the command word of the rc line.
    fn command_word(&self, path: &[u8]) -> Vec<u8> {
        self.quote(path)
    }
    /// The code `venvsh hook SHELL` prints, calling venvsh by `exe`.
    fn hook(&self, exe: &Path) -> Vec<u8>;
    /// `ops` as code for the hook (or `eval`) to run; `standalone` adds the helpers the
    /// ops call, for output eval'd where no hook is loaded.
    fn render(&self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8>;
    /// Its startup files and the block `init` writes in each, `line` being the rc line
    /// calling venvsh by `exe`; None for a shell `init` does not set up through a file.
    fn startup(&self, _at: &dyn Ask, _line: &str, _exe: &Path) -> Option<Startup> {
        None
    }
    /// Whether `init` with no shell named looks for this shell's files: not where
    /// finding them would start the shell.
    fn init_unasked(&self) -> bool {
        true
    }
    /// Why the rc line cannot call venvsh by this path, if it cannot.
    fn cannot_load(&self, _exe: &[u8]) -> Option<String> {
        None
    }
    /// The extension of the conda `activate.d` scripts this shell runs (conda's
    /// activator for it picks the same); None where venvsh cannot run any.
    fn script_ext(&self) -> Option<&'static str> {
        None
    }
    /// Whether it runs a conda or pixi script with the extension `ext`: its own
    /// (`script_ext`), and what a module adds.
    fn runs_ext(&self, ext: &str) -> bool {
        self.script_ext() == Some(ext)
    }
    /// clap's completion script for this shell with venvsh's additions: venv names from
    /// the venv home where an argument takes one (`activate`, `remove`, `run --venv`).
    fn completions(&self, clap: Vec<u8>) -> Vec<u8> {
        clap
    }
    /// How to run the code `cmd` prints (`venvsh activate`, say) in this shell without the
    /// hook; None where the shell cannot run a command's output as code.
    fn eval_line(&self, _cmd: &str) -> Option<String> {
        None
    }
    /// The names venvsh's code for this shell uses (its hook's variables and functions);
    /// a test holds this to the hook's text.
    fn own_names(&self) -> &'static [&'static str];
    /// The variables this shell keeps for itself: its prompts and hooks, its read-only
    /// and special ones, and those that run code at its start.
    fn specials(&self) -> &'static [&'static str] {
        &[]
    }
    /// Whether a conda env setting `name` would change this shell's workings or
    /// venvsh's own code in it: `own_names` and `specials` in any case (Windows'
    /// variables know none), and what a module adds.
    fn keeps(&self, name: &str) -> bool {
        self.own_names()
            .iter()
            .chain(self.specials())
            .any(|n| n.eq_ignore_ascii_case(name))
    }
}

impl Shell {
    pub const ALL: [Shell; 10] = [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Tcsh,
        Shell::Pwsh,
        Shell::Cmd,
        Shell::Clink,
        Shell::Elvish,
        Shell::Xonsh,
        Shell::Nu,
    ];

    fn dialect(self) -> &'static dyn Dialect {
        match self {
            Shell::Bash => &bash::Bash,
            Shell::Zsh => &zsh::Zsh,
            Shell::Fish => &fish::Fish,
            Shell::Tcsh => &csh::Tcsh,
            Shell::Pwsh => &pwsh::Pwsh,
            Shell::Cmd => &cmd::Cmd,
            Shell::Clink => &clink::Clink,
            Shell::Elvish => &elvish::Elvish,
            Shell::Xonsh => &xonsh::Xonsh,
            Shell::Nu => &nu::Nu,
        }
    }

    /// A shell by the name `venvsh hook` takes, or an alias of one: the names and aliases
    /// are clap's, declared once on `Shell` (the hook's fast path skips the rest of clap).
    pub fn parse(s: &str) -> Option<Shell> {
        <Shell as clap::ValueEnum>::from_str(s, false).ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Tcsh => "tcsh",
            Shell::Pwsh => "pwsh",
            Shell::Cmd => "cmd",
            Shell::Clink => "clink",
            Shell::Elvish => "elvish",
            Shell::Xonsh => "xonsh",
            Shell::Nu => "nu",
        }
    }

    /// The shell a bare `eval "$(venvsh activate)"` most likely runs in.
    pub fn from_env() -> Option<Shell> {
        if let Some(s) = std::env::var_os("VENVSH_SHELL") {
            return Shell::parse(&s.to_string_lossy());
        }
        let sh = std::env::var_os("SHELL")?;
        let name = Path::new(&sh).file_name()?.to_string_lossy().into_owned();
        Shell::parse(&name)
    }

    pub fn setup(self) -> Setup {
        self.dialect().setup()
    }

    pub fn can_hold(self, b: &[u8]) -> bool {
        self.dialect().can_hold(b)
    }

    pub fn cannot_hold(self) -> &'static str {
        self.dialect().cannot_hold()
    }

    /// These bytes as one word of this shell's code.
    pub fn quote_word(self, b: &[u8]) -> Vec<u8> {
        self.dialect().quote(b)
    }

    /// The line for the shell's startup file, calling venvsh by `exe` (so that it works
    /// before venvsh's folder is on PATH); None for a shell loaded otherwise.
    pub fn rc_line_with(self, exe: &Path) -> Option<Vec<u8>> {
        let Setup::Line { line, .. } = self.setup() else {
            return None;
        };
        let (pre, post) = line.split_once("venvsh hook")?;
        let word = self.dialect().command_word(crate::paths::path_bytes(exe));
        Some([pre.as_bytes(), &word, b" hook", post.as_bytes()].concat())
    }

    /// The code `venvsh hook SHELL` prints. `exe` is this binary's absolute path: the
    /// hook calls it by path so a venv's `bin` on PATH can never stand in for it.
    pub fn hook(self, exe: &Path) -> Vec<u8> {
        self.dialect().hook(exe)
    }

    /// Where `init` writes for this shell, calling venvsh by `exe`.
    pub fn startup(self, at: &dyn Ask, exe: &Path) -> Option<Startup> {
        let line = self.rc_line_with(exe).unwrap_or_default();
        self.dialect()
            .startup(at, &String::from_utf8_lossy(&line), exe)
    }

    pub fn init_unasked(self) -> bool {
        self.dialect().init_unasked()
    }

    pub fn cannot_load(self, exe: &Path) -> Option<String> {
        self.dialect().cannot_load(crate::paths::path_bytes(exe))
    }

    /// clap's completion script with this shell's additions.
    pub fn completions(self, clap: Vec<u8>) -> Vec<u8> {
        self.dialect().completions(clap)
    }

    /// `ops` as code for `eval`. `standalone` adds the helper functions the ops call, for
    /// output that may be eval'd in a shell without the hook.
    pub fn render(self, ops: &[Op], exe: &Path, standalone: bool) -> Vec<u8> {
        if ops
            .iter()
            .any(|op| matches!(op, Op::Source(p) if !self.runs(p)))
        {
            let mine: Vec<Op> = ops
                .iter()
                .filter(|op| !matches!(op, Op::Source(p) if !self.runs(p)))
                .cloned()
                .collect();
            return self.dialect().render(&mine, exe, standalone);
        }
        self.dialect().render(ops, exe, standalone)
    }

    /// Whether this shell runs a conda `activate.d`/`deactivate.d` script: one in its
    /// own language, by the extension conda's activator picks for it.
    pub fn runs(self, script: &Path) -> bool {
        let Some(ext) = script.extension().and_then(|e| e.to_str()) else {
            return false;
        };
        // conda's own folders hold what its activator picks by the shell's one extension;
        // a script a tool's manifest names (pixi's) may have more (`runs_ext`).
        let condas = script
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == "activate.d" || n == "deactivate.d");
        match condas {
            true => self.dialect().script_ext() == Some(ext),
            false => self.dialect().runs_ext(ext),
        }
    }

    /// How to run what `cmd` prints in this shell without the hook (`Dialect::eval_line`).
    pub fn eval_line(self, cmd: &str) -> Option<String> {
        self.dialect().eval_line(cmd)
    }

    /// Whether this shell, or venvsh's code in it, keeps the variable `name` (`Dialect::
    /// keeps`).
    pub fn keeps(self, name: &str) -> bool {
        self.dialect().keeps(name)
    }

    /// The extension of the scripts it runs, for the line that says none was for it.
    pub fn script_ext(self) -> Option<&'static str> {
        self.dialect().script_ext()
    }
}

/// Whether any shell, or venvsh's code in any, keeps the variable `name`: a conda env
/// may not set it in any shell, since a child shell of another kind inherits it.
pub fn kept_by_any(name: &str) -> bool {
    Shell::ALL.iter().any(|s| s.keeps(name))
}

/// Variables that make a shell or the dynamic linker run code of their choosing at a
/// start (`BASH_ENV`, `ENV`, `ZDOTDIR`, `LD_PRELOAD`, …): refused where no activation
/// script runs (elvish, nushell, `venvsh env`), since setting them would run what the
/// scripts were not allowed to.
pub const RUNS_CODE: &[&str] = &[
    "PS0",
    "PROMPT_COMMAND",
    "BASH_ENV",
    "ENV",
    "ZDOTDIR",
    "XONSHRC",
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "LD_AUDIT",
    "DYLD_INSERT_LIBRARIES",
    "DYLD_LIBRARY_PATH",
    "PYTHONSTARTUP",
    "fish_function_path",
];

/// `RUNS_CODE`, in any case.
pub fn runs_code(name: &str) -> bool {
    RUNS_CODE.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// What a shell keeps (unexported) to say which venv it has set up the prompt and
/// `deactivate` for: a hash of the venv's path, so the value is plain hex that needs no
/// quoting anywhere it is passed back (tcsh expands variables inside a backquoted
/// command before parsing it).
pub fn set_up_token(venv: &Path) -> String {
    format!(
        "{:016x}",
        crate::files::fnv1a64(crate::paths::path_bytes(venv))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_is_found_by_its_name() {
        for sh in Shell::ALL {
            assert_eq!(Shell::parse(sh.name()), Some(sh));
        }
        assert_eq!(Shell::parse("csh"), Some(Shell::Tcsh));
        assert_eq!(Shell::parse("powershell"), Some(Shell::Pwsh));
        assert_eq!(Shell::parse("sh"), None);
    }

    /// Every name venvsh's code for a shell uses (`__venvsh…`, `__VENVSH…`, in its hook
    /// and in what its module writes) is in that module's `own_names`, so no conda env
    /// can set one (issue 34 §1). A new name in a hook fails here until it is declared.
    #[test]
    fn own_names_cover_every_name_the_code_uses() {
        let exe = Path::new("/usr/bin/venvsh");
        for sh in Shell::ALL {
            let mut text = sh.hook(exe);
            text.extend(sh.render(
                &[
                    Op::Set("VIRTUAL_ENV".into(), "/p/.venv".into()),
                    Op::PromptOn(b"p".to_vec()),
                    Op::DefineDeactivate,
                    Op::SetUpHere(Some("/p/.venv".into())),
                    Op::Watch(vec![("/p/.venv".into(), crate::seen::Seen::File)]),
                    Op::PromptOff,
                    Op::RemoveDeactivate,
                    Op::Rehash,
                ],
                exe,
                true,
            ));
            let text = String::from_utf8_lossy(&text);
            let lower = text.to_ascii_lowercase();
            let mut at = 0;
            while let Some(i) = lower[at..].find("__venvsh") {
                let start = at + i;
                let end = text[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(text.len(), |e| start + e);
                let name = &text[start..end];
                assert!(
                    sh.dialect().own_names().contains(&name),
                    "{}: {name} is not in own_names",
                    sh.name()
                );
                assert!(super::kept_by_any(name));
                at = end;
            }
        }
        assert!(!super::kept_by_any("http_proxy"));
        assert!(super::kept_by_any("argv") && !super::kept_by_any("ARGV_X"));
        assert!(super::kept_by_any("path") && super::kept_by_any("Bash_Env"));
        assert!(super::runs_code("ld_preload") && !super::kept_by_any("LD_PRELOAD"));
    }

    /// `name` is clap's name for the shell, and every alias clap knows parses.
    #[test]
    fn names_and_aliases_are_clap_s() {
        use clap::ValueEnum;
        for sh in Shell::ALL {
            let v = sh.to_possible_value().unwrap();
            assert_eq!(v.get_name(), sh.name());
            for alias in v.get_name_and_aliases() {
                assert_eq!(Shell::parse(alias), Some(sh), "{alias}");
            }
        }
        assert_eq!(Shell::value_variants().len(), Shell::ALL.len());
        assert_eq!(Shell::parse("csh"), Some(Shell::Tcsh));
        assert_eq!(Shell::parse("powershell"), Some(Shell::Pwsh));
        assert_eq!(Shell::parse("nushell"), Some(Shell::Nu));
        assert_eq!(Shell::parse("Bash"), None);
    }

    /// pixi's activation scripts may be `.sh` or `.bash` (pixi's docs); bash runs both,
    /// zsh only `.sh`; conda's own `activate.d` only its one extension.
    #[test]
    fn which_scripts_each_shell_runs() {
        let runs = |sh: Shell, f: &str| sh.runs(Path::new(f));
        assert!(runs(Shell::Bash, "/p/a.sh") && runs(Shell::Bash, "/p/a.bash"));
        assert!(runs(Shell::Zsh, "/p/a.sh") && !runs(Shell::Zsh, "/p/a.bash"));
        assert!(runs(Shell::Fish, "/p/a.fish") && !runs(Shell::Fish, "/p/a.sh"));
        assert!(!runs(Shell::Nu, "/p/a.sh") && !runs(Shell::Bash, "/p/sh"));
        // conda's own activate.d: only what conda's bash activator runs.
        assert!(!runs(Shell::Bash, "/p/etc/conda/activate.d/a.bash"));
        assert!(runs(Shell::Bash, "/p/etc/conda/activate.d/a.sh"));
    }

    #[test]
    fn hook_scripts_have_one_mark_and_the_exe() {
        for sh in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Tcsh,
            Shell::Pwsh,
        ] {
            let h = String::from_utf8(sh.hook(Path::new("/x y/venvsh"))).unwrap();
            if sh != Shell::Tcsh {
                assert_eq!(h.matches(parts::HOOK_MARK).count(), 1, "{}", sh.name());
            }
            assert!(
                h.contains("'/x y/venvsh'") && !h.contains("@VENVSH@"),
                "{}",
                sh.name()
            );
        }
    }
}
