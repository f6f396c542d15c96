//! `pyvenv.cfg`, read the way CPython's `site.py` reads it (behaviour.md §2), and the `prompt`
//! value decoded from the forms CPython, virtualenv and uv write (behaviour.md §3).

use std::path::Path;

pub const MAX_CFG_BYTES: u64 = crate::bounded::cap::PYVENV_CFG;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PyvenvCfg {
    /// (lower-cased key, trimmed value) in file order; later duplicates win in `get`.
    entries: Vec<(String, String)>,
}

impl PyvenvCfg {
    pub fn parse(bytes: &[u8]) -> PyvenvCfg {
        let bytes = &bytes[..bytes.len().min(MAX_CFG_BYTES as usize)];
        let text = String::from_utf8_lossy(bytes);
        let mut entries = Vec::new();
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some((k, v)) = line.split_once('=') {
                let key = k.trim().to_ascii_lowercase();
                if !key.is_empty() {
                    entries.push((key, v.trim().to_string()));
                }
            }
        }
        PyvenvCfg { entries }
    }

    /// Its first 32 KiB, as CPython reads it; a FIFO or device is refused.
    pub fn read(path: &Path) -> Result<PyvenvCfg, crate::bounded::Refusal> {
        crate::bounded::read_head(path, MAX_CFG_BYTES).map(|b| PyvenvCfg::parse(&b))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// The Python version the venv was made with: CPython writes `version`, virtualenv
    /// and uv `version_info` (sometimes with a `.final.0` tail, which is dropped).
    pub fn version(&self) -> Option<String> {
        let v = self.get("version").or_else(|| self.get("version_info"))?;
        let short: Vec<&str> = v.split('.').take(3).collect();
        Some(short.join(".")).filter(|s| !s.is_empty())
    }

    /// The decoded `prompt`, as bytes (a prompt may carry surrogate-escaped bytes that
    /// are not UTF-8). `None` when absent or empty.
    pub fn prompt(&self) -> Option<Vec<u8>> {
        let raw = self.get("prompt")?;
        let decoded = decode_python_literal(raw).unwrap_or_else(|| raw.as_bytes().to_vec());
        Some(decoded).filter(|p| !p.is_empty())
    }
}

/// Decodes a Python string literal as `repr()` writes it (`'dev env'`, `"it's"`, with
/// `\\`, `\'`, `\n`, `\xhh`, `\uhhhh`, `\Uhhhhhhhh`, octal). Lone surrogates
/// U+DC80..U+DCFF are turned back into the bytes Python's `surrogateescape` made them
/// from. Returns `None` when `s` is not one well-formed literal, so the caller can use
/// the raw text (uv writes a bare word).
pub fn decode_python_literal(s: &str) -> Option<Vec<u8>> {
    let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    if s.len() < 2 || !s.ends_with(quote) {
        return None;
    }
    let body = &s[1..s.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    let push = |out: &mut Vec<u8>, cp: u32| -> Option<()> {
        if (0xDC80..=0xDCFF).contains(&cp) {
            out.push((cp - 0xDC00) as u8);
        } else {
            let c = char::from_u32(cp)?;
            let mut b = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        }
        Some(())
    };
    while let Some(c) = chars.next() {
        if c == quote {
            // An unescaped quote inside: not a single literal.
            return None;
        }
        if c != '\\' {
            push(&mut out, c as u32)?;
            continue;
        }
        let e = chars.next()?;
        match e {
            '\\' | '\'' | '"' => push(&mut out, e as u32)?,
            'n' => out.push(b'\n'),
            't' => out.push(b'\t'),
            'r' => out.push(b'\r'),
            'a' => out.push(0x07),
            'b' => out.push(0x08),
            'f' => out.push(0x0c),
            'v' => out.push(0x0b),
            '\n' => {}
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut cp = 0u32;
                for _ in 0..n {
                    cp = cp * 16 + chars.next()?.to_digit(16)?;
                }
                push(&mut out, cp)?;
            }
            '0'..='7' => {
                let mut cp = e.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            cp = cp * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                push(&mut out, cp)?;
            }
            // Python keeps an unknown escape as the backslash and the character.
            other => {
                out.push(b'\\');
                push(&mut out, other as u32)?;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_cpython() {
        let cfg = PyvenvCfg::parse(
            b"home = /usr/bin\r\nInclude-System-Site-Packages=false\nno equals here\nversion = 3.11.2\n  key =  a = b  \n",
        );
        assert_eq!(cfg.get("home"), Some("/usr/bin"));
        assert_eq!(cfg.get("include-system-site-packages"), Some("false"));
        assert_eq!(cfg.get("key"), Some("a = b"));
        assert_eq!(cfg.version().as_deref(), Some("3.11.2"));
        assert_eq!(cfg.entries().len(), 4);
    }

    #[test]
    fn reads_at_most_32k() {
        let mut big = vec![b'#'; 40 * 1024];
        big.extend_from_slice(b"\nprompt = late\n");
        assert_eq!(PyvenvCfg::parse(&big).get("prompt"), None);
    }

    #[test]
    fn prompt_forms() {
        let p = |s: &str| PyvenvCfg::parse(format!("prompt = {s}\n").as_bytes()).prompt();
        assert_eq!(p("'dev env'"), Some(b"dev env".to_vec()));
        assert_eq!(p("\"it's\""), Some(b"it's".to_vec()));
        assert_eq!(
            p(r#"'it\'s "x" a\\b é'"#),
            Some("it's \"x\" a\\b é".as_bytes().to_vec())
        );
        assert_eq!(p("bare"), Some(b"bare".to_vec()));
        assert_eq!(p("'\\udcff\\n\\t'"), Some(vec![0xff, b'\n', b'\t']));
        assert_eq!(p("'unterminated"), Some(b"'unterminated".to_vec()));
        assert_eq!(p("''"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("'a' + 'b'"), Some(b"'a' + 'b'".to_vec()));
    }

    #[test]
    fn virtualenv_version_info() {
        let cfg = PyvenvCfg::parse(b"version_info = 3.12.1.final.0\n");
        assert_eq!(cfg.version().as_deref(), Some("3.12.1"));
    }
}
