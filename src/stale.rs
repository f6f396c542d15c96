//! behaviour.md §4: on entering a project, one line when its lock or requirements file is
//! newer than the venv's last install, naming the command that brings the venv up to
//! date. The venv's last install is the time its `site-packages` folder last changed:
//! every installer (pip, uv, Poetry, Pipenv, PDM) adds or removes a package's files
//! there. A `stat` per file, on entry only; never at an idle prompt.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The lock files and the command that installs what each one pins.
const LOCKS: [(&str, &str); 4] = [
    ("uv.lock", "uv sync"),
    ("poetry.lock", "poetry install"),
    ("Pipfile.lock", "pipenv sync"),
    ("pdm.lock", "pdm sync"),
];

/// The line to say on entering `root` with `venv` active, if its packages are behind.
pub fn hint(root: &Path, venv: &Path) -> Option<String> {
    let installed = modified(&site_packages(venv)?)?;
    let newer = |name: &str| modified(&root.join(name)).is_some_and(|t| t > installed);
    let (file, command) = match LOCKS.iter().find(|(f, _)| newer(f)) {
        Some((f, c)) => (f.to_string(), c.to_string()),
        None => {
            let mut reqs: Vec<String> = std::fs::read_dir(root)
                .ok()?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.starts_with("requirements") && n.ends_with(".txt"))
                .collect();
            reqs.sort();
            let file = crate::show::show_bytes(reqs.into_iter().find(|f| newer(f))?.as_bytes());
            let command = format!("pip install -r {}", shell_words::quote(&file));
            (file, command)
        }
    };
    Some(format!(
        "{file} changed after the venv's last install; '{command}' brings the venv up to date"
    ))
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).ok()?.modified().ok()
}

/// `Lib\site-packages` on Windows, `lib/<python>/site-packages` elsewhere.
fn site_packages(venv: &Path) -> Option<PathBuf> {
    let windows = venv.join("Lib").join("site-packages");
    if cfg!(windows) && windows.is_dir() {
        return Some(windows);
    }
    let lib = venv.join("lib");
    std::fs::read_dir(&lib)
        .ok()?
        .filter_map(|e| {
            let name = e.ok()?.file_name();
            let sp = lib.join(&name).join("site-packages");
            (name.to_string_lossy().starts_with("py") && sp.is_dir()).then_some(sp)
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn says_which_file_and_command() {
        let d = std::env::temp_dir().join(format!("venvsh-stale-{}", std::process::id()));
        let sp = d.join(".venv/lib/python3.12/site-packages");
        std::fs::create_dir_all(&sp).unwrap();
        let at = |p: &Path, t: SystemTime| {
            std::fs::File::open(p).unwrap().set_modified(t).unwrap();
        };
        let t0 = SystemTime::now() - Duration::from_secs(1000);
        at(&sp, t0);
        assert_eq!(hint(&d, &d.join(".venv")), None);
        std::fs::write(d.join("requirements-dev.txt"), "").unwrap();
        at(
            &d.join("requirements-dev.txt"),
            t0 + Duration::from_secs(10),
        );
        let h = hint(&d, &d.join(".venv")).unwrap();
        assert!(h.contains("'pip install -r requirements-dev.txt'"), "{h}");
        std::fs::write(d.join("poetry.lock"), "").unwrap();
        let h = hint(&d, &d.join(".venv")).unwrap();
        assert!(
            h.starts_with("poetry.lock ") && h.contains("'poetry install'"),
            "{h}"
        );
        // Installed after: quiet.
        at(&sp, SystemTime::now() + Duration::from_secs(10));
        assert_eq!(hint(&d, &d.join(".venv")), None);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
