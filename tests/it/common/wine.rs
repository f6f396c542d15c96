//! Running Windows code under Debian's wine: batch files in `wine cmd`, headless, in one
//! wine prefix shared by the tests (made on first use).

use super::World;
use super::cross::WinKit;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn prefix() -> PathBuf {
    std::env::temp_dir().join("venvsh-test-wineprefix")
}

/// A Linux path as wine's Windows programs see it (drive Z: is `/`).
pub fn path(p: &Path) -> String {
    format!("Z:{}", p.to_string_lossy().replace('/', "\\"))
}

/// Code page 437's upper half: wine's cmd reads batch files in the OEM code page (as a
/// console does by default), 437 here. What it prints comes in the ANSI one, 1252, of
/// which the tests meet only the Latin-1 part.
const CP437: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else {
                let i = CP437.chars().position(|x| x == c).unwrap_or_else(|| {
                    panic!("{c:?} is not in the code page wine's cmd reads batch files in")
                });
                0x80 + i as u8
            }
        })
        .collect()
}

pub fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Starts the wine server for the prefix, once per test binary, before any wine program:
/// one that a program starts itself holds that program's output pipes open until it
/// exits, seconds after the program (other tests' programs keep it alive longer), and a
/// test would wait on them. It stays 10 s after its last client.
pub fn server() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| server_for(&prefix()));
}

/// Starts the wine server for this prefix (see `server`).
pub fn server_for(prefix: &Path) {
    // It needs the prefix's folder; the first program fills it in.
    let _ = std::fs::create_dir_all(prefix);
    let _ = Command::new("wineserver")
        .arg("-p10")
        .env("WINEPREFIX", prefix)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// `wine cmd /c FILE` for a batch text (its lines end in CRLF); returns the lines it
/// printed, stderr too (one stream, in order: `2>&1` inside).
pub fn batch(w: &World, name: &str, text: &str) -> Vec<String> {
    server();
    batch_in(w, &prefix(), name, text)
}

/// `batch` in a wine prefix of its own (one whose registry a test changes).
pub fn batch_in(w: &World, prefix: &Path, name: &str, text: &str) -> Vec<String> {
    let file = w.p(format!("tmp/{name}.cmd"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    std::fs::write(&file, encode(&crlf)).unwrap();
    // One batch at a time: under the load of several at once on two cores, wine's cmd
    // once failed to start a program it had started a moment before ("Can't recognize",
    // exit 9009) in a clean-clone CI run.
    static ONE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let run = || {
        super::timeout(
            Command::new("wine")
                .args(["cmd", "/c"])
                .arg(path(&file))
                .env("WINEDEBUG", "-all")
                .env("WINEPREFIX", prefix)
                // Wine names Unix files by the locale's encoding: without one, é is lost.
                .env("LANG", "C.UTF-8")
                .env_remove("LC_ALL")
                .env_remove("LC_CTYPE"),
            300,
        )
    };
    // Under load, wine once failed to start cmd.exe at all ("ShellExecuteEx failed:
    // Internal error", in a clean-clone CI run beside two release builds): the batch
    // never ran, so running it again is the same test. Any other failure is the test's.
    let never_started = |o: &std::process::Output| {
        !o.status.success()
            && (decode(&o.stderr).contains("ShellExecuteEx failed")
                || decode(&o.stdout).contains("ShellExecuteEx failed"))
    };
    let mut out = run();
    for _ in 0..2 {
        if !never_started(&out) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_secs(2));
        out = run();
    }
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

/// A world for venvsh.exe: its config (every venv under the world trusted) and trust
/// store in folders of the world, named by APPDATA and LOCALAPPDATA.
pub struct WinWorld {
    pub w: World,
    pub kit: &'static WinKit,
}

impl WinWorld {
    pub fn new(tag: &str) -> Option<WinWorld> {
        let kit = super::cross::windows()?;
        let w = World::new(tag);
        std::fs::create_dir_all(w.p("appdata/venvsh")).unwrap();
        std::fs::create_dir_all(w.p("localappdata")).unwrap();
        Some(WinWorld { w, kit })
    }

    pub fn trust_all(&self) {
        std::fs::write(
            self.w.p("appdata/venvsh/config.toml"),
            format!("trusted_roots = ['{}']\n", path(&self.w.root)),
        )
        .unwrap();
    }

    /// The start of every batch: a known PATH (Windows' own folders and the stand-in
    /// Python's), PROMPT, and the world's APPDATA and LOCALAPPDATA.
    pub fn head(&self) -> String {
        format!(
            "@echo off\nset \"PATH={}\"\nset \"PROMPT=$P$G\"\nset \"APPDATA={}\"\nset \"LOCALAPPDATA={}\"\n",
            self.base_path(),
            path(&self.w.p("appdata")),
            path(&self.w.p("localappdata")),
        )
    }

    pub fn base_path(&self) -> String {
        format!(
            "{};C:\\windows\\system32;C:\\windows",
            path(&self.kit.python)
        )
    }

    pub fn exe(&self) -> String {
        format!("\"{}\"", path(&self.kit.exe()))
    }

    /// A venv in Windows' layout, as the stand-in's `-m venv` makes it.
    pub fn venv(&self, dir: &Path, prompt: Option<&str>) {
        let scripts = dir.join("Scripts");
        std::fs::create_dir_all(&scripts).unwrap();
        std::fs::create_dir_all(dir.join("Lib/site-packages")).unwrap();
        std::fs::copy(
            self.kit.python.join("python.exe"),
            scripts.join("python.exe"),
        )
        .unwrap();
        let mut cfg = format!(
            "home = {}\r\ninclude-system-site-packages = false\r\nversion = 3.12.4\r\n",
            path(&self.kit.python)
        );
        if let Some(p) = prompt {
            cfg.push_str(&format!("prompt = '{p}'\r\n"));
        }
        std::fs::write(dir.join("pyvenv.cfg"), cfg).unwrap();
    }

    pub fn run(&self, name: &str, body: &str) -> Vec<String> {
        batch(&self.w, name, &format!("{}{body}", self.head()))
    }
}
