//! Generated inputs for the property and model-based tests: a small seeded generator
//! (splitmix64), so any run can be replayed with `VENVSH_SEED=<seed>`.

/// The run's seed: `VENVSH_SEED` when set, else from the clock. Printed (it shows with a
/// failing test's output) so that a failure can be replayed.
pub fn seed(what: &str) -> u64 {
    let seed = std::env::var("VENVSH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("{what}: seed {seed} (replay: VENVSH_SEED={seed} cargo test ...)");
    seed
}

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0..n (0 when n is 0)
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A name of 1..=24 bytes, weighted towards what shells treat specially: quotes,
    /// `$`, backquotes, `!`, `%`, `^`, `\`, globs, braces, separators, control bytes,
    /// multi-byte UTF-8, stray non-UTF-8 bytes, and pieces of payloads that would leave a
    /// PWNED file behind if they ran. No NUL and no `/` (it is a folder name too); never
    /// `.` or `..`.
    pub fn name(&mut self) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"$(touch PWNED)",
            b"`touch PWNED`",
            b";touch PWNED;",
            b"&touch PWNED&",
            b"|touch PWNED",
            b"\ntouch PWNED\n",
            b"%PATH%",
            b"${PATH}",
            b"$HOME",
            b"!!",
            b"!$",
            b"\\n",
            b"\\",
            b"'",
            b"\"",
            b"''",
            b"\"\"",
            b"%",
            b"^",
            b"!",
            b"*",
            b"?",
            b"[a]",
            b"{a,b}",
            b"~",
            b"#",
            b"-",
            b" ",
            b"\t",
            b"\x1b[31m",
            "\u{9b}31m".as_bytes(),
            "\u{85}".as_bytes(),
            "\u{202e}".as_bytes(),
            "\u{2067}".as_bytes(),
            b"\r",
            b"\x7f",
            "é".as_bytes(),
            "🚒".as_bytes(),
            "中".as_bytes(),
            b"\xff",
            b"\xc3",
            b"\xed\xa0\x80",
            b"(",
            b")",
            b"<",
            b">",
            b"&",
            b"|",
            b";",
            b"=",
            b",",
            b":",
            b"@",
        ];
        loop {
            let mut out = Vec::new();
            let parts = 1 + self.below(4);
            for _ in 0..parts {
                if self.chance(30) {
                    let len = 1 + self.below(4);
                    for _ in 0..len {
                        out.push(b'a' + self.below(26) as u8);
                    }
                } else {
                    let piece: &[u8] = self.pick(PIECES);
                    out.extend_from_slice(piece);
                }
            }
            out.truncate(24);
            if !(out == b"." || out == b".." || out.is_empty()) {
                return out;
            }
        }
    }
}

/// How the prompt shows a name (README: control characters the way zsh shows them,
/// bytes that are not UTF-8 as U+FFFD). Written from the README, not from venvsh's code.
pub fn shown(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in String::from_utf8_lossy(name).chars() {
        match c {
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\x7f' => out.extend_from_slice(b"^?"),
            c if (c as u32) < 0x20 => out.extend_from_slice(&[b'^', c as u8 + 0x40]),
            '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.extend_from_slice(format!("<U+{:04X}>", c as u32).as_bytes())
            }
            c => out.extend_from_slice(c.to_string().as_bytes()),
        }
    }
    out
}
