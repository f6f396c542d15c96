//! What venvsh did in this shell, carried in one exported variable, `VENVSH_STATE`, so a
//! child shell (`bash`, `tmux`, `exec zsh`) knows it too.
//!
//! Encoding: `v1` then fields `<key>:<len>:<value>`, lengths in decimal bytes, values
//! percent-encoded outside plain printable ASCII (and `%`, quotes, `!`, `$`, backslash,
//! backtick): the variable is then plain text that every shell can hold and compare,
//! whatever bytes the paths in it have (a tcsh cannot hold a newline, PowerShell no
//! stray bytes). Anything that does not parse exactly is reported as corrupt, never
//! half-read.

use crate::paths::{os_bytes, os_from_bytes};
use std::ffi::OsString;
use std::path::PathBuf;

pub const VAR: &str = "VENVSH_STATE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Active {
    pub venv: PathBuf,
    /// The exact PATH entry activation put first.
    pub bin: OsString,
    /// The prompt name shown.
    pub name: Vec<u8>,
    /// Activated by `venvsh activate`: no automatic switching until `venvsh deactivate`.
    pub pinned: bool,
    /// `PYTHONHOME` before activation: `None` unset, `Some("")` set and empty.
    pub pythonhome: Option<OsString>,
    /// Set when activation pointed uv at this venv (`UV_PROJECT_ENVIRONMENT`).
    pub uv_env: Option<UvEnvSet>,
    /// Set when it is a conda prefix, activated as conda does.
    pub conda: Option<CondaActive>,
    /// The user whose shell activated it. Only that user's shells run its scripts or put
    /// back what it saved (a state carried into root's shell by `su` or `sudo -E`, or
    /// forged, says what was there before; that is never put back). None: a state that
    /// does not say, from before venvsh recorded it.
    pub by: Option<u32>,
}

impl Active {
    /// Whether the shell of user `uid` may put back what this activation saved and run
    /// its scripts.
    pub fn is_of(&self, uid: u32) -> bool {
        self.by == Some(uid)
    }
}

impl Active {
    /// The file whose presence says it is still there: its `pyvenv.cfg`, or a conda
    /// prefix's `conda-meta/history`. The hook watches it.
    pub fn marker(&self) -> PathBuf {
        let file = match self.conda {
            Some(_) => crate::conda::MARKER,
            None => "pyvenv.cfg",
        };
        self.venv.join(file)
    }
}

/// A conda prefix venvsh activated: what to put back on leaving it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CondaActive {
    /// Each variable activation set, with its value before (None: it was unset).
    pub saved: Vec<(crate::conda::Name, Option<OsString>)>,
    /// Its `deactivate.d` scripts, in the order conda runs them.
    pub leave: Vec<PathBuf>,
}

/// venvsh set `UV_PROJECT_ENVIRONMENT`; what it was before, to put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UvEnvSet {
    /// `None`: it was unset.
    pub before: Option<OsString>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub active: Option<Active>,
    /// Deactivated by hand in this folder: stay off until the folder changes.
    pub deactivated_in: Option<PathBuf>,
    /// A hint or refusal was already shown for this project root.
    pub hinted_in: Option<PathBuf>,
}

fn escape(v: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len());
    for &c in v {
        if (0x20..0x7f).contains(&c) && !b"%!'\"\\$`".contains(&c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("%{c:02X}").as_bytes());
        }
    }
    out
}

fn unescape(v: &[u8]) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%' {
            let hex = v.get(i + 1..i + 3).ok_or("bad escape")?;
            let txt = std::str::from_utf8(hex).map_err(|_| "bad escape")?;
            out.push(u8::from_str_radix(txt, 16).map_err(|_| "bad escape")?);
            i += 3;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    Ok(out)
}

impl State {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = b"v1".to_vec();
        let mut field = |k: u8, v: &[u8]| {
            let v = escape(v);
            out.push(k);
            out.push(b':');
            out.extend_from_slice(v.len().to_string().as_bytes());
            out.push(b':');
            out.extend_from_slice(&v);
        };
        if let Some(a) = &self.active {
            field(b'v', os_bytes(a.venv.as_os_str()));
            field(b'b', os_bytes(&a.bin));
            field(b'n', &a.name);
            field(b'm', if a.pinned { b"pin" } else { b"auto" });
            if let Some(uid) = a.by {
                field(b'w', uid.to_string().as_bytes());
            }
            if let Some(h) = &a.pythonhome {
                field(b'h', os_bytes(h));
            }
            // `-` for "was unset", `=` and the value for "was set".
            match a.uv_env.as_ref().map(|u| &u.before) {
                None => {}
                Some(None) => field(b'u', b"-"),
                Some(Some(v)) => field(b'u', &[b"=", os_bytes(v)].concat()),
            }
            // A conda prefix: `k`, then each variable as `c` (`NAME` was unset,
            // `NAME=value` was set) and each `deactivate.d` script as `d`, by its name
            // in the prefix's `etc/conda/deactivate.d` (the state stays short: cmd's
            // lines and Windows' variables have limits).
            if let Some(k) = &a.conda {
                field(b'k', b"conda");
                for (n, v) in &k.saved {
                    match v {
                        None => field(b'c', n.as_bytes()),
                        Some(v) => field(b'c', &[n.as_bytes(), b"=", os_bytes(v)].concat()),
                    }
                }
                for d in &k.leave {
                    field(b'd', os_bytes(d.file_name().unwrap_or_default()));
                }
            }
        }
        if let Some(o) = &self.deactivated_in {
            field(b'o', os_bytes(o.as_os_str()));
        }
        if let Some(t) = &self.hinted_in {
            field(b't', os_bytes(t.as_os_str()));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        *self == State::default()
    }

    pub fn decode(s: &[u8]) -> Result<State, &'static str> {
        let mut rest = s.strip_prefix(b"v1").ok_or("unknown version")?;
        let mut f = Fields::default();
        let mut st = State::default();
        while !rest.is_empty() {
            let (key, value) = next_field(&mut rest)?;
            let slot = match key {
                b'v' => &mut f.venv,
                b'b' => &mut f.bin,
                b'n' => &mut f.name,
                b'm' => &mut f.mode,
                b'h' => &mut f.home,
                b'u' => &mut f.uv,
                b'o' => {
                    st.deactivated_in = Some(PathBuf::from(os_from_bytes(&value)));
                    continue;
                }
                b't' => {
                    st.hinted_in = Some(PathBuf::from(os_from_bytes(&value)));
                    continue;
                }
                b'k' if value == b"conda" && f.conda.is_none() => {
                    f.conda = Some(CondaActive::default());
                    continue;
                }
                b'w' => {
                    let uid = std::str::from_utf8(&value)
                        .ok()
                        .filter(|v| {
                            !v.is_empty() && v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit())
                        })
                        .and_then(|v| v.parse().ok())
                        .ok_or("bad uid")?;
                    if f.by.replace(uid).is_some() {
                        return Err("repeated field");
                    }
                    continue;
                }
                b'c' | b'd' => {
                    let k = f.conda.as_mut().ok_or("conda field before k")?;
                    k.decode_field(key, &value)?;
                    continue;
                }
                _ => return Err("unknown field"),
            };
            if slot.replace(value).is_some() {
                return Err("repeated field");
            }
        }
        st.active = f.active()?;
        Ok(st)
    }
}

/// One `<key>:<len>:<value>` field off the front of `rest`, its value unescaped.
fn next_field(rest: &mut &[u8]) -> Result<(u8, Vec<u8>), &'static str> {
    let key = rest[0];
    let after = rest
        .get(1..)
        .and_then(|r| r.strip_prefix(b":"))
        .ok_or("bad field")?;
    let colon = after.iter().position(|b| *b == b':').ok_or("bad length")?;
    let len_txt = &after[..colon];
    if len_txt.is_empty() || len_txt.len() > 7 || !len_txt.iter().all(u8::is_ascii_digit) {
        return Err("bad length");
    }
    let len: usize = std::str::from_utf8(len_txt)
        .unwrap()
        .parse()
        .map_err(|_| "bad length")?;
    let raw = after.get(colon + 1..colon + 1 + len).ok_or("truncated")?;
    *rest = &after[colon + 1 + len..];
    Ok((key, unescape(raw)?))
}

impl CondaActive {
    /// A conda prefix's field of a state: `c` a variable to put
    /// back (`NAME` was unset, `NAME=value` was set), `d` a `deactivate.d` script.
    fn decode_field(&mut self, key: u8, value: &[u8]) -> Result<(), &'static str> {
        match key {
            b'c' => {
                let (name, v) = match value.iter().position(|b| *b == b'=') {
                    Some(i) => (&value[..i], Some(os_from_bytes(&value[i + 1..]))),
                    None => (value, None),
                };
                let name = std::str::from_utf8(name)
                    .ok()
                    .filter(|n| *n == "CONDA_PREFIX" || !crate::conda::reserved(n))
                    .and_then(|n| crate::conda::var_name(n.to_owned()))
                    .ok_or("bad variable name")?;
                self.saved.push((name, v));
            }
            _ => {
                // One plain file name: joined to the prefix's folder once it is known.
                let name = PathBuf::from(os_from_bytes(value));
                let plain = matches!(
                    name.components().collect::<Vec<_>>().as_slice(),
                    [std::path::Component::Normal(_)]
                );
                if !plain || value.contains(&b'/') || value.contains(&b'\\') {
                    return Err("bad script name");
                }
                self.leave.push(name);
            }
        }
        Ok(())
    }
}

/// An active venv's fields as a state gives them, before they are checked as a whole.
#[derive(Default)]
struct Fields {
    venv: Option<Vec<u8>>,
    bin: Option<Vec<u8>>,
    name: Option<Vec<u8>>,
    mode: Option<Vec<u8>>,
    home: Option<Vec<u8>>,
    uv: Option<Vec<u8>>,
    conda: Option<CondaActive>,
    by: Option<u32>,
}

impl Fields {
    /// The active venv they describe: all of it, or none of it at all.
    fn active(self) -> Result<Option<Active>, &'static str> {
        let uv_env = match self.uv.as_deref() {
            None => None,
            Some(b"-") => Some(UvEnvSet { before: None }),
            Some([b'=', v @ ..]) => Some(UvEnvSet {
                before: Some(os_from_bytes(v)),
            }),
            Some(_) => return Err("bad uv field"),
        };
        let mut conda = self.conda;
        // A deactivate.d script is one of the prefix's own.
        if let (Some(k), Some(v)) = (&mut conda, &self.venv) {
            let dir = crate::conda::etc_conda(&PathBuf::from(os_from_bytes(v)), "deactivate.d");
            for p in &mut k.leave {
                *p = dir.join(&*p);
            }
        }
        match (self.venv, self.bin, self.name, self.mode) {
            (Some(v), Some(b), Some(n), Some(m)) if !v.is_empty() && !b.is_empty() => {
                let pinned = match m.as_slice() {
                    b"pin" => true,
                    b"auto" => false,
                    _ => return Err("bad mode"),
                };
                Ok(Some(Active {
                    venv: PathBuf::from(os_from_bytes(&v)),
                    bin: os_from_bytes(&b),
                    name: n,
                    pinned,
                    pythonhome: self.home.map(|h| os_from_bytes(&h)),
                    uv_env,
                    conda,
                    by: self.by,
                }))
            }
            (None, None, None, None)
                if self.home.is_none()
                    && uv_env.is_none()
                    && conda.is_none()
                    && self.by.is_none() =>
            {
                Ok(None)
            }
            _ => Err("incomplete active venv"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        State {
            active: Some(Active {
                venv: PathBuf::from("/p/with:colon\nnewline/.venv"),
                bin: OsString::from("/p/with:colon\nnewline/.venv/bin"),
                name: vec![0xff, b':', b'1'],
                pinned: true,
                pythonhome: Some(OsString::new()),
                uv_env: Some(UvEnvSet {
                    before: Some(OsString::from("rel/env")),
                }),
                conda: Some(CondaActive {
                    saved: vec![
                        ("CONDA_PREFIX".into(), Some(OsString::from("/opt/conda"))),
                        ("MY_VAR".into(), None),
                        ("EMPTY".into(), Some(OsString::new())),
                    ],
                    leave: vec![PathBuf::from(
                        "/p/with:colon\nnewline/.venv/etc/conda/deactivate.d/x's.sh",
                    )],
                }),
                by: Some(1000),
            }),
            deactivated_in: None,
            hinted_in: Some(PathBuf::from("/q")),
        }
    }

    #[test]
    fn round_trips() {
        for st in [State::default(), sample()] {
            assert_eq!(State::decode(&st.encode()), Ok(st));
        }
        let mut unset_home = sample();
        unset_home.active.as_mut().unwrap().pythonhome = None;
        unset_home.active.as_mut().unwrap().uv_env = Some(UvEnvSet { before: None });
        assert_eq!(State::decode(&unset_home.encode()), Ok(unset_home.clone()));
        unset_home.active.as_mut().unwrap().uv_env = None;
        assert_eq!(State::decode(&unset_home.encode()), Ok(unset_home.clone()));
        unset_home.active.as_mut().unwrap().conda = None;
        assert_eq!(State::decode(&unset_home.encode()), Ok(unset_home));
    }

    #[test]
    fn encoded_state_is_plain_ascii() {
        let enc = sample().encode();
        assert!(
            enc.iter().all(|c| (0x20..0x7f).contains(c)),
            "{:?}",
            String::from_utf8_lossy(&enc)
        );
        assert!(!enc.contains(&b'\n') && !enc.contains(&b'!') && !enc.contains(&b'\''));
    }

    #[test]
    fn rejects_corruption() {
        let good = sample().encode();
        for cut in 1..good.len() {
            // Any truncation either fails or is a shorter valid state, never a panic.
            let _ = State::decode(&good[..cut]);
        }
        for bad in [
            &b""[..],
            b"v2",
            b"v1x",
            b"v1v:3:ab",
            b"v1v:99999999:a",
            b"v1m:3:pin",
            b"v1v:1:a",
            b"v1q:0:",
            b"v1u:1:-",
            b"v1v:1:ab:1:bn:1:nm:4:autou:1:x",
            b"v1v:1:ab:1:bn:1:nm:4:autoc:1:X",
            b"v1v:1:ab:1:bn:1:nm:4:autok:5:condac:5:A;B=1",
            b"v1v:1:ab:1:bn:1:nm:4:autok:5:condac:3:1=x",
            b"v1v:1:ab:1:bn:1:nm:4:autok:5:condac:6:PATH=x",
            b"v1v:1:ab:1:bn:1:nm:4:autok:5:condac:4:pathd:4:x.sh",
            b"v1v:2:/ab:1:bn:1:nm:4:autok:5:condad:7:../y.sh",
            b"v1v:2:/ab:1:bn:1:nm:4:autok:5:condad:2:..",
            b"v1v:2:/ab:1:bn:1:nm:4:autok:5:condad:5:/y.sh",
            b"v1v:2:/ab:1:bn:1:nm:4:autok:5:condad:0:",
        ] {
            assert!(
                State::decode(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
