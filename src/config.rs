//! The user's configuration (behaviour.md §8). A missing file costs one failed `open`; a broken
//! one gives one line naming file, line and key, and the defaults are used for what is
//! broken, so a typo never takes the shell down with it.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustMode {
    /// Only `venvsh allow`ed, `venvsh create`d or `trusted_roots` venvs auto-activate.
    Allow,
    /// Any venv owned by the current user auto-activates.
    Owned,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub venv_names: Vec<String>,
    pub venv_home: Option<PathBuf>,
    pub trust: TrustMode,
    pub trusted_roots: Vec<PathBuf>,
    pub prompt: bool,
    pub quiet: bool,
    pub auto: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            venv_names: vec![".venv".into(), "venv".into(), "env".into()],
            venv_home: None,
            trust: TrustMode::Allow,
            trusted_roots: Vec::new(),
            prompt: true,
            quiet: false,
            auto: true,
        }
    }
}

pub fn config_path() -> Option<PathBuf> {
    match std::env::var_os("VENVSH_CONFIG") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => crate::places::dir(crate::places::Kind::Config).map(|d| d.join("config.toml")),
    }
}

/// Loads the config. The second value is an error line for the user, if any.
pub fn load() -> (Config, Option<String>) {
    let Some(path) = config_path() else {
        return (Config::default(), None);
    };
    // `VENVSH_CONFIG=/dev/null`: no config, as for git's and others' config variables.
    if path == Path::new("/dev/null") {
        return (Config::default(), None);
    }
    match crate::bounded::read_if_there(&path, crate::bounded::cap::OWN_FILE) {
        Ok(Some(bytes)) => parse(&path, &bytes),
        Ok(None) => (Config::default(), None),
        Err(e) => (
            Config::default(),
            Some(format!("config: {}; using the defaults", e.line(&path))),
        ),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line where `key` is set, for error messages.
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// A TOML file's text and table, or what is wrong with it as `" is not UTF-8 text"` or
/// `", line N: message"`, to follow the file's name in one line.
pub fn parse_toml(bytes: &[u8]) -> Result<(&str, toml::Table), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| " is not UTF-8 text".to_string())?;
    match text.parse() {
        Ok(t) => Ok((text, t)),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let msg = e.message().trim().replace('\n', " ");
            Err(format!(", line {line}: {msg}"))
        }
    }
}

pub fn parse(path: &Path, bytes: &[u8]) -> (Config, Option<String>) {
    let mut cfg = Config::default();
    let file = path.display();
    let (text, table) = match parse_toml(bytes) {
        Ok(t) => t,
        Err(e) => return (cfg, Some(format!("config {file}{e}; using the defaults"))),
    };
    let mut errors: Vec<String> = Vec::new();
    for (key, value) in &table {
        let bad = |expected: &str| {
            format!(
                "config {file}, line {}: key '{key}' must be {expected}; using its default",
                key_line(text, key)
            )
        };
        match key.as_str() {
            "venv_names" => match value.as_array().and_then(|a| {
                a.iter()
                    .map(|v| v.as_str().filter(|s| valid_venv_name(s)).map(String::from))
                    .collect::<Option<Vec<_>>>()
            }) {
                Some(names) if !names.is_empty() => cfg.venv_names = names,
                _ => errors.push(bad("a list of folder names like [\".venv\", \"venv\"]")),
            },
            "venv_home" => match value.as_str() {
                Some(s) if !s.is_empty() => cfg.venv_home = Some(expand_tilde(s)),
                _ => errors.push(bad("a folder path")),
            },
            "trust" => match value.as_str() {
                Some("allow") => cfg.trust = TrustMode::Allow,
                Some("owned") => cfg.trust = TrustMode::Owned,
                _ => errors.push(bad("\"allow\" or \"owned\"")),
            },
            "trusted_roots" => match value.as_array().and_then(|a| {
                a.iter()
                    .map(|v| v.as_str().filter(|s| !s.is_empty()).map(expand_tilde))
                    .collect::<Option<Vec<_>>>()
            }) {
                Some(roots) => cfg.trusted_roots = roots,
                None => errors.push(bad("a list of folder paths")),
            },
            "prompt" | "quiet" | "auto" => match value.as_bool() {
                Some(b) => match key.as_str() {
                    "prompt" => cfg.prompt = b,
                    "quiet" => cfg.quiet = b,
                    _ => cfg.auto = b,
                },
                None => errors.push(bad("true or false")),
            },
            _ => errors.push(format!(
                "config {file}, line {}: unknown key '{key}' (known: venv_names, venv_home, trust, trusted_roots, prompt, quiet, auto)",
                key_line(text, key)
            )),
        }
    }
    // One line, as behaviour.md §8 asks: the first problem, and how many more there are.
    let err = match errors.len() {
        0 => None,
        1 => errors.pop(),
        n => Some(format!("{} (and {} more problems)", errors[0], n - 1)),
    };
    (cfg, err)
}

/// A venv name is one path component: it must not climb out of the project.
fn valid_venv_name(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains('/') && !s.contains('\0')
}

pub fn expand_tilde(s: &str) -> PathBuf {
    crate::paths::expand_tilde(Path::new(s), crate::paths::home_dir().as_deref())
}

impl Config {
    /// behaviour.md §2: `venv_home`, else `$WORKON_HOME`, else `~/.venvs`.
    pub fn venv_home(&self) -> Option<PathBuf> {
        if let Some(h) = &self.venv_home {
            return Some(h.clone());
        }
        match std::env::var_os("WORKON_HOME") {
            Some(w) if !w.is_empty() => Some(expand_tilde(&w.to_string_lossy())),
            _ => crate::paths::home_dir().map(|h| h.join(".venvs")),
        }
    }

    /// Where the venv home was set, when it was set (None: the default `~/.venvs`).
    pub fn venv_home_set_by(&self) -> Option<&'static str> {
        if self.venv_home.is_some() {
            Some("venv_home in the config")
        } else if std::env::var_os("WORKON_HOME").is_some_and(|w| !w.is_empty()) {
            Some("$WORKON_HOME")
        } else {
            None
        }
    }

    pub fn quiet(&self) -> bool {
        self.quiet || std::env::var_os("VENVSH_QUIET").is_some_and(|v| v == "1")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Config, Option<String>) {
        parse(Path::new("/c.toml"), s.as_bytes())
    }

    #[test]
    fn empty_is_default() {
        assert_eq!(p(""), (Config::default(), None));
    }

    #[test]
    fn all_keys() {
        let (c, e) = p(
            "venv_names = [\".v\"]\nvenv_home = \"/h\"\ntrust = \"owned\"\ntrusted_roots = [\"/src\"]\nprompt = false\nquiet = true\nauto = false\n",
        );
        assert_eq!(e, None);
        assert_eq!(c.venv_names, vec![".v"]);
        assert_eq!(c.venv_home, Some(PathBuf::from("/h")));
        assert_eq!(c.trust, TrustMode::Owned);
        assert_eq!(c.trusted_roots, vec![PathBuf::from("/src")]);
        assert!(!c.prompt && c.quiet && !c.auto);
    }

    #[test]
    fn bad_value_names_file_line_key_and_keeps_the_rest() {
        let (c, e) = p("quiet = true\n\nprompt = 3\n");
        let e = e.unwrap();
        assert!(
            e.contains("/c.toml") && e.contains("line 3") && e.contains("'prompt'"),
            "{e}"
        );
        assert!(c.quiet && c.prompt);
        assert!(!e.contains('\n'));
    }

    #[test]
    fn syntax_error_is_one_line_with_line_number() {
        let (c, e) = p("quiet = true\nprompt = = \n");
        let e = e.unwrap();
        assert!(e.contains("line 2"), "{e}");
        assert!(!e.contains('\n'));
        assert_eq!(c, Config::default());
    }

    #[test]
    fn venv_names_cannot_escape() {
        let (c, e) = p("venv_names = [\"../x\"]\n");
        assert!(e.unwrap().contains("venv_names"));
        assert_eq!(c.venv_names, Config::default().venv_names);
    }

    #[test]
    fn unknown_key() {
        let (_, e) = p("colour = true\n");
        assert!(e.unwrap().contains("unknown key 'colour'"));
    }
}
