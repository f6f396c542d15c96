//! Running Windows code under Debian's wine: batch files in `wine cmd`, headless, in one
//! wine prefix shared by the tests (made on first use).

use super::World;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn prefix() -> PathBuf {
    std::env::temp_dir().join("venvsh-test-wineprefix")
}

/// A Linux path as wine's Windows programs see it (drive Z: is `/`).
pub fn path(p: &Path) -> String {
    format!("Z:{}", p.to_string_lossy().replace('/', "\\"))
}

/// Text as wine's cmd reads a batch file and writes its output: its ANSI code page,
/// 1252, of which the tests use the Latin-1 part.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match u8::try_from(u32::from(c)) {
            Ok(b) if !(0x80..0xa0).contains(&b) => b,
            _ => panic!("{c:?} is not in the code page wine's cmd reads batch files in"),
        })
        .collect()
}

pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `wine cmd /c FILE` for a batch text (its lines end in CRLF); returns the lines it
/// printed, stderr too (one stream, in order: `2>&1` inside).
pub fn batch(w: &World, name: &str, text: &str) -> Vec<String> {
    let file = w.p(format!("tmp/{name}.cmd"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    std::fs::write(&file, encode(&crlf)).unwrap();
    let out = super::timeout(
        Command::new("wine")
            .args(["cmd", "/c"])
            .arg(path(&file))
            .env("WINEDEBUG", "-all")
            .env("WINEPREFIX", prefix()),
        300,
    );
    assert!(
        out.status.success(),
        "wine cmd {name}: {}{}",
        decode(&out.stdout),
        decode(&out.stderr)
    );
    decode(&out.stdout)
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}
