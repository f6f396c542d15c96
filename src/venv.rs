//! A venv on disk (behaviour.md §2-§3): its `pyvenv.cfg`, its `bin`, what it is called,
//! and whether it can be used.

use crate::paths::file_name_bytes;
use crate::pyvenv::PyvenvCfg;
use crate::show::show;
use std::path::{Path, PathBuf};

/// A venv on disk, as far as activation needs it.
#[derive(Debug, Clone)]
pub struct Venv {
    pub path: PathBuf,
    pub cfg: PyvenvCfg,
    /// `bin`, or `Scripts` for a Windows layout.
    pub bin: PathBuf,
    pub interpreter: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    Usable,
    /// Why it cannot be used; the text names the fix.
    Broken(String),
}

impl Venv {
    pub fn open(path: &Path) -> Result<Venv, String> {
        let cfg_path = path.join("pyvenv.cfg");
        let cfg = PyvenvCfg::read(&cfg_path)
            .map_err(|e| format!("{} is not a venv: {}", show(path), e.line(&cfg_path)))?;
        // Windows' layout is `Scripts\python.exe` (and `Lib\`); MSYS2's and Cygwin's
        // Pythons make `bin/` there too, with `python.exe` in it.
        let (bin, exe) = if !path.join("bin").exists() && path.join("Scripts").is_dir() {
            (path.join("Scripts"), "python.exe")
        } else if cfg!(windows) {
            (path.join("bin"), "python.exe")
        } else {
            (path.join("bin"), "python")
        };
        let interpreter = bin.join(exe);
        Ok(Venv {
            path: path.to_path_buf(),
            cfg,
            bin,
            interpreter,
        })
    }

    /// behaviour.md §2: usable when its interpreter exists and is not a dangling link, and the
    /// base Python's folder (`home`) is still there.
    pub fn health(&self) -> Health {
        let fix = format!(
            "recreate it: venvsh create --clear {}",
            shell_words::quote(&self.path.to_string_lossy())
        );
        if let Err(e) = std::fs::metadata(&self.interpreter) {
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                // Not gone: out of this user's reach (a folder on its way without `x`).
                return Health::Broken(format!(
                    "{} cannot be used: its Python {}: {}",
                    show(&self.path),
                    show(&self.interpreter),
                    crate::show::io_reason(&e)
                ));
            }
            let why = if self.interpreter.symlink_metadata().is_ok() {
                format!(
                    "its Python {} points at an interpreter that is gone",
                    show(&self.interpreter)
                )
            } else {
                format!("it has no {}", show(&self.interpreter))
            };
            return Health::Broken(format!("{} is broken: {why}; {fix}", show(&self.path)));
        }
        if let Some(home) = self.cfg.get("home")
            && !home.is_empty()
            && !Path::new(home).is_dir()
        {
            return Health::Broken(format!(
                "{} is broken: its base Python folder {home} is gone; {fix}",
                show(&self.path)
            ));
        }
        Health::Usable
    }

    /// behaviour.md §3. `root` is the project root, when the venv was found from one.
    pub fn prompt_name(&self, root: Option<&Path>, generic: &[String]) -> Vec<u8> {
        if let Some(p) = self.cfg.prompt() {
            return p;
        }
        let folder = file_name_bytes(&self.path);
        let is_generic = [".venv", "venv", "env"]
            .iter()
            .any(|g| g.as_bytes() == folder.as_slice())
            || generic.iter().any(|g| g.as_bytes() == folder.as_slice());
        if is_generic {
            let owner = root
                .map(Path::to_path_buf)
                .or_else(|| self.path.parent().map(Path::to_path_buf));
            if let Some(owner) = owner {
                let n = file_name_bytes(&owner);
                if !n.is_empty() {
                    return n;
                }
            }
        }
        folder
    }

    pub fn version(&self) -> Option<String> {
        self.cfg.version()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::fs;

    pub(crate) fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("venvsh-venv-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    pub(crate) fn names() -> Vec<String> {
        vec![".venv".into(), "venv".into(), "env".into()]
    }

    pub(crate) fn fake_venv(p: &Path, cfg: &str) {
        fs::create_dir_all(p.join("bin")).unwrap();
        fs::write(p.join("pyvenv.cfg"), cfg).unwrap();
        fs::write(p.join("bin/python"), "").unwrap();
    }

    #[test]
    fn prompt_name_rules() {
        let t = tmp("name");
        let proj = t.join("myproj");
        fake_venv(&proj.join(".venv"), "");
        fake_venv(&t.join("tools"), "");
        fake_venv(&t.join("p"), "prompt = 'dev env'\n");
        let v = Venv::open(&proj.join(".venv")).unwrap();
        assert_eq!(v.prompt_name(Some(&proj), &names()), b"myproj");
        let v = Venv::open(&t.join("tools")).unwrap();
        assert_eq!(v.prompt_name(Some(&proj), &names()), b"tools");
        let v = Venv::open(&t.join("p")).unwrap();
        assert_eq!(v.prompt_name(None, &names()), b"dev env");
        fs::remove_dir_all(&t).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn broken_when_interpreter_dangles_or_home_is_gone() {
        let t = tmp("broken");
        let v = t.join("v");
        fs::create_dir_all(v.join("bin")).unwrap();
        fs::write(v.join("pyvenv.cfg"), "home = /usr/bin\n").unwrap();
        std::os::unix::fs::symlink(t.join("gone"), v.join("bin/python")).unwrap();
        assert!(
            matches!(Venv::open(&v).unwrap().health(), Health::Broken(m) if m.contains("gone"))
        );
        fs::remove_file(v.join("bin/python")).unwrap();
        fs::write(v.join("bin/python"), "").unwrap();
        assert_eq!(Venv::open(&v).unwrap().health(), Health::Usable);
        fs::write(
            v.join("pyvenv.cfg"),
            format!("home = {}\n", t.join("nohome").display()),
        )
        .unwrap();
        assert!(
            matches!(Venv::open(&v).unwrap().health(), Health::Broken(m) if m.contains("base Python"))
        );
        fs::remove_dir_all(&t).unwrap();
    }
}
