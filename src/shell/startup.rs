//! Where a shell's startup files are and what `init` writes in them, as each shell module
//! says it (`Dialect::startup`). What a module needs to know of the machine it asks
//! through `Ask`, which `init` answers: the modules themselves touch nothing.

use super::Shell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// What a shell module may ask to say where its startup files are.
pub trait Ask {
    fn home(&self) -> &Path;
    /// `XDG_CONFIG_HOME`, else `~/.config` (on macOS too, as fish and install.sh use it).
    fn config(&self) -> &Path;
    /// `XDG_DATA_HOME`, else `~/.local/share`.
    fn data(&self) -> &Path;
    /// Where an application keeps its config by the platform's rule (platformdirs'):
    /// `XDG_CONFIG_HOME`, Application Support on macOS, `%APPDATA%`.
    fn app_config(&self, app: &str) -> Option<PathBuf>;
    /// The Documents folder (Windows' PowerShell profiles live there).
    fn documents(&self) -> Option<PathBuf>;
    fn exists(&self, p: &Path) -> bool;
    fn var(&self, name: &str) -> Option<OsString>;
    /// A startup file's bytes, read bounded; None when it cannot be read.
    fn read(&self, p: &Path) -> Option<Vec<u8>>;
    /// What `program args…` prints when it succeeds, run without stdin or stderr. None
    /// when it is not there or fails.
    fn output(&self, program: &str, args: &[&str]) -> Option<Vec<u8>>;
    /// The user's login shell (`SHELL`).
    fn login(&self) -> Option<Shell>;
}

/// A shell's startup files as `init` uses them.
pub struct Startup {
    /// Where the block goes: first the file the shell reads first (never a new file that
    /// would hide the user's), then any other it needs (a login bash's).
    pub blocks: Vec<Block>,
    /// Other files the shell may have read the block from (`--undo` looks there too):
    /// which file it reads first may have changed since `init` wrote it.
    pub others: Vec<PathBuf>,
}

/// One file's block: its lines, and for nushell the hook file it sources.
pub struct Block {
    pub file: PathBuf,
    pub lines: Vec<String>,
    pub saved_hook: Option<(PathBuf, Vec<u8>)>,
}

impl Block {
    pub fn new(file: PathBuf, lines: Vec<String>) -> Block {
        Block {
            file,
            lines,
            saved_hook: None,
        }
    }
}

impl Startup {
    /// One file, the block holding `line`.
    pub fn one(file: PathBuf, line: &str) -> Startup {
        Startup {
            blocks: vec![Block::new(file, vec![line.to_string()])],
            others: Vec::new(),
        }
    }
}

/// Of two startup files a shell tries in turn, reading only the first it finds: the one
/// it reads, or the first when neither is there.
pub fn read_first(at: &dyn Ask, first: PathBuf, then: PathBuf) -> PathBuf {
    if !at.exists(&first) && at.exists(&then) {
        then
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A machine made of a table: files that exist, programs' answers.
    #[derive(Default)]
    struct Table {
        home: PathBuf,
        files: HashMap<PathBuf, Vec<u8>>,
        outputs: HashMap<String, Vec<u8>>,
        login: Option<Shell>,
    }

    impl Ask for Table {
        fn home(&self) -> &Path {
            &self.home
        }
        fn config(&self) -> &Path {
            Path::new("/h/.config")
        }
        fn data(&self) -> &Path {
            Path::new("/h/.local/share")
        }
        fn app_config(&self, app: &str) -> Option<PathBuf> {
            Some(Path::new("/h/.config").join(app))
        }
        fn documents(&self) -> Option<PathBuf> {
            None
        }
        fn exists(&self, p: &Path) -> bool {
            self.files.contains_key(p)
        }
        fn var(&self, _name: &str) -> Option<OsString> {
            None
        }
        fn read(&self, p: &Path) -> Option<Vec<u8>> {
            self.files.get(p).cloned()
        }
        fn output(&self, program: &str, _args: &[&str]) -> Option<Vec<u8>> {
            self.outputs.get(program).cloned()
        }
        fn login(&self) -> Option<Shell> {
            self.login
        }
    }

    fn files(sh: Shell, at: &Table) -> Vec<PathBuf> {
        let st = sh.startup(at, Path::new("/bin/venvsh")).unwrap();
        st.blocks.into_iter().map(|b| b.file).collect()
    }

    #[test]
    fn each_shell_says_which_file_it_reads_first() {
        let mut at = Table {
            home: "/h".into(),
            ..Table::default()
        };
        let h = |p: &str| Path::new("/h").join(p);
        assert_eq!(files(Shell::Tcsh, &at), [h(".tcshrc")]);
        assert_eq!(files(Shell::Bash, &at), [h(".bashrc")]);
        assert_eq!(files(Shell::Zsh, &at), [h(".zshrc")]);
        assert_eq!(files(Shell::Elvish, &at), [h(".config/elvish/rc.elv")]);
        assert!(Shell::Cmd.startup(&at, Path::new("/bin/venvsh")).is_none());

        at.files.insert(h(".cshrc"), Vec::new());
        at.files.insert(h(".bash_login"), Vec::new());
        at.files
            .insert(h(".zshenv"), b"export ZDOTDIR=~/zsh\n".to_vec());
        at.outputs
            .insert("zsh".into(), b"noise<venvsh-zdotdir>/h/zsh".to_vec());
        at.files.insert(h(".elvish/rc.elv"), Vec::new());
        at.outputs.insert("elvish".into(), b"0.19.2\n".to_vec());
        assert_eq!(files(Shell::Tcsh, &at), [h(".cshrc")]);
        assert_eq!(files(Shell::Bash, &at), [h(".bashrc"), h(".bash_login")]);
        assert_eq!(files(Shell::Zsh, &at), [h("zsh/.zshrc")]);
        assert_eq!(files(Shell::Elvish, &at), [h(".elvish/rc.elv")]);
        at.outputs.insert("elvish".into(), b"0.21.0\n".to_vec());
        assert_eq!(files(Shell::Elvish, &at), [h(".config/elvish/rc.elv")]);

        // A login bash with no file of its own gets one, unless ~/.profile is there.
        at.files.remove(&h(".bash_login"));
        at.login = Some(Shell::Bash);
        assert_eq!(files(Shell::Bash, &at), [h(".bashrc"), h(".bash_profile")]);
        at.files.insert(h(".profile"), Vec::new());
        assert_eq!(files(Shell::Bash, &at), [h(".bashrc")]);
    }
}
