//! Where venvsh keeps its own files (README "Configuration"): one rule for the config
//! file, the trust store and `install.sh --uninstall` (which asks `venvsh dirs`).
//!
//! On every Unix, macOS included, the XDG folders and their usual defaults, as starship,
//! mise and direnv do (`dirs::config_dir()` would say `~/Library/Application Support` on
//! macOS, where the README promises `~/.config`). On Windows, `%APPDATA%` for the config
//! (roaming, as `dirs::config_dir`) and `%LOCALAPPDATA%` for the trust store (marks of
//! local paths do not roam).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `config.toml`.
    Config,
    /// The trust store.
    Data,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Unix,
    Windows,
}

impl Platform {
    pub const HERE: Platform = if cfg!(windows) {
        Platform::Windows
    } else {
        Platform::Unix
    };
}

/// venvsh's own folder of that kind (`…/venvsh`), here and now.
pub fn dir(kind: Kind) -> Option<PathBuf> {
    rule(
        kind,
        Platform::HERE,
        &|var| std::env::var_os(var),
        crate::paths::home_dir().as_deref(),
    )
}

/// The rule itself, for any platform: `var` reads the environment, `home` is the home
/// folder. A variable that is empty or relative is ignored, as the XDG spec says.
pub fn rule(
    kind: Kind,
    platform: Platform,
    var: &dyn Fn(&str) -> Option<OsString>,
    home: Option<&Path>,
) -> Option<PathBuf> {
    let from = |name: &str| {
        var(name)
            .map(PathBuf::from)
            .filter(|p| is_absolute(p, platform))
    };
    let base = match (platform, kind) {
        (Platform::Unix, Kind::Config) => xdg(var, "XDG_CONFIG_HOME", home, ".config"),
        (Platform::Unix, Kind::Data) => xdg(var, "XDG_DATA_HOME", home, ".local/share"),
        (Platform::Windows, Kind::Config) => {
            from("APPDATA").or_else(|| Some(home?.join("AppData").join("Roaming")))
        }
        (Platform::Windows, Kind::Data) => {
            from("LOCALAPPDATA").or_else(|| Some(home?.join("AppData").join("Local")))
        }
    }?;
    Some(base.join("venvsh"))
}

/// The XDG rule, the one place it is written (venvsh's folders here, and the tools'
/// through `managers::Ctx`): the variable `name` when it holds an absolute path (an
/// empty or relative one is ignored, as the spec says), else `home/default`.
pub fn xdg(
    var: &dyn Fn(&str) -> Option<OsString>,
    name: &str,
    home: Option<&Path>,
    default: &str,
) -> Option<PathBuf> {
    xdg_set(var, name).or_else(|| Some(home?.join(default)))
}

/// The XDG variable `name` when it holds an absolute path.
pub fn xdg_set(var: &dyn Fn(&str) -> Option<OsString>, name: &str) -> Option<PathBuf> {
    var(name)
        .map(PathBuf::from)
        .filter(|p| is_absolute(p, Platform::Unix))
}

/// Absolute by that platform's rules, whichever platform this is: tests check the
/// Windows rule on Linux.
fn is_absolute(p: &Path, platform: Platform) -> bool {
    match platform {
        Platform::Unix => crate::paths::os_bytes(p.as_os_str()).first() == Some(&b'/'),
        Platform::Windows => {
            let b = crate::paths::os_bytes(p.as_os_str());
            let sep = |c: u8| c == b'\\' || c == b'/';
            (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && sep(b[2]))
                || (b.len() >= 2 && sep(b[0]) && sep(b[1]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn unix(kind: Kind, vars: &[(&str, &str)]) -> Option<PathBuf> {
        rule(
            kind,
            Platform::Unix,
            &with(vars),
            Some(Path::new("/home/u")),
        )
    }

    fn windows(kind: Kind, vars: &[(&str, &str)]) -> Option<PathBuf> {
        rule(
            kind,
            Platform::Windows,
            &with(vars),
            Some(Path::new(r"C:\Users\u")),
        )
    }

    #[test]
    fn unix_defaults_are_the_xdg_ones_on_every_unix_macos_too() {
        assert_eq!(
            unix(Kind::Config, &[]),
            Some("/home/u/.config/venvsh".into())
        );
        assert_eq!(
            unix(Kind::Data, &[]),
            Some("/home/u/.local/share/venvsh".into())
        );
        // Windows' variables mean nothing on Unix.
        assert_eq!(
            unix(Kind::Config, &[("APPDATA", "/x")]),
            Some("/home/u/.config/venvsh".into())
        );
    }

    #[test]
    fn unix_xdg_variables_win_when_absolute() {
        let vars = [("XDG_CONFIG_HOME", "/c"), ("XDG_DATA_HOME", "/d")];
        assert_eq!(unix(Kind::Config, &vars), Some("/c/venvsh".into()));
        assert_eq!(unix(Kind::Data, &vars), Some("/d/venvsh".into()));
        let bad = [("XDG_CONFIG_HOME", "rel/c"), ("XDG_DATA_HOME", "")];
        assert_eq!(
            unix(Kind::Config, &bad),
            Some("/home/u/.config/venvsh".into())
        );
        assert_eq!(
            unix(Kind::Data, &bad),
            Some("/home/u/.local/share/venvsh".into())
        );
    }

    #[test]
    fn no_home_and_no_variable_is_no_folder() {
        assert_eq!(rule(Kind::Data, Platform::Unix, &with(&[]), None), None);
        assert_eq!(
            rule(
                Kind::Data,
                Platform::Unix,
                &with(&[("XDG_DATA_HOME", "/d")]),
                None
            ),
            Some("/d/venvsh".into())
        );
    }

    #[test]
    fn windows_uses_appdata_and_localappdata() {
        let vars = [
            ("APPDATA", r"C:\Users\u\AppData\Roaming"),
            ("LOCALAPPDATA", r"D:\Local"),
            ("XDG_CONFIG_HOME", "/c"),
        ];
        let config = windows(Kind::Config, &vars).unwrap();
        assert!(
            config.starts_with(r"C:\Users\u\AppData\Roaming"),
            "{config:?}"
        );
        assert!(config.ends_with("venvsh"));
        let data = windows(Kind::Data, &vars).unwrap();
        assert!(data.starts_with(r"D:\Local"), "{data:?}");
        // Unset, or not absolute on Windows (no drive, not UNC): the profile's folders.
        let data = windows(Kind::Data, &[("LOCALAPPDATA", r"Local")]).unwrap();
        assert!(data.starts_with(r"C:\Users\u"), "{data:?}");
        let unc = windows(Kind::Data, &[("LOCALAPPDATA", r"\\srv\share")]).unwrap();
        assert!(unc.starts_with(r"\\srv\share"), "{unc:?}");
    }
}
