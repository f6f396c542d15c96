//! The one way venvsh reads a file that a folder holds (behaviour.md §2): a regular file
//! only, opened without blocking, never more than a cap. A FIFO, a device, a socket (or
//! a link to one) is never read, and a huge file is never loaded: the hook runs in every
//! folder a user enters, including repositories nobody has read.
//!
//! `tests/it/lint.rs` fails when a read of a file appears anywhere else in `src/`.

use std::io::Read;
use std::path::Path;

/// How much of each kind of file venvsh reads at most.
pub mod cap {
    /// `pyvenv.cfg`: CPython stops caring long before this; more is not a real venv's.
    pub const PYVENV_CFG: u64 = 32 * 1024;
    /// A `.venv` link file, `.pdm-python`, `.python-version`: one line.
    pub const LINE_FILE: u64 = 64 * 1024;
    /// `pyproject.toml`, `Pipfile`, `poetry.toml`, `hatch.toml` and the tools' own TOML.
    pub const PROJECT_FILE: u64 = 4 * 1024 * 1024;
    /// venvsh's config file and a trust-store entry.
    pub const OWN_FILE: u64 = 1024 * 1024;
    /// A shell's startup file, which `venvsh init` edits.
    pub const STARTUP_FILE: u64 = 16 * 1024 * 1024;
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// Nothing there (or a link that leads nowhere).
    Missing,
    /// There, but no regular file: what it is.
    NotRegular(&'static str),
    /// A regular file larger than the cap.
    TooLarge {
        size: u64,
        cap: u64,
    },
    Io(std::io::Error),
}

impl Refusal {
    /// One line naming the file and why it was passed over.
    pub fn line(&self, path: &Path) -> String {
        let p = crate::show::show(path);
        match self {
            Refusal::Missing => format!("cannot read {p}: it is gone"),
            Refusal::NotRegular(what) => {
                format!("passed over {p}: it is {what}, not a regular file")
            }
            Refusal::TooLarge { size, cap } => format!(
                "passed over {p}: it holds {}, more than the {} venvsh reads of such a file",
                bytes(*size),
                bytes(*cap)
            ),
            Refusal::Io(e) => format!("cannot read {p}: {}", crate::show::io_reason(e)),
        }
    }
}

fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

fn kind(ft: std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some(if ft.is_dir() { "a folder" } else { "no file" })
}

fn io(e: std::io::Error) -> Refusal {
    if e.kind() == std::io::ErrorKind::NotFound {
        Refusal::Missing
    } else {
        Refusal::Io(e)
    }
}

/// The whole file, when it is a regular file of at most `cap` bytes.
pub fn read(path: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
    read_up_to(path, cap, false)
}

/// The first `cap` bytes of a regular file of any size (`pyvenv.cfg`, read as CPython
/// reads it, stops there).
pub fn read_head(path: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
    read_up_to(path, cap, true)
}

/// `read`, or None when the file is missing: for files that may or may not be there.
pub fn read_if_there(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, Refusal> {
    match read(path, cap) {
        Ok(b) => Ok(Some(b)),
        Err(Refusal::Missing) => Ok(None),
        Err(e) => Err(e),
    }
}

fn read_up_to(path: &Path, cap: u64, head: bool) -> Result<Vec<u8>, Refusal> {
    // A `stat` first, so a device is never even opened (opening some has effects); the
    // check that counts is the `fstat` of what was opened, below.
    let before = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = kind(before.file_type()) {
        return Err(Refusal::NotRegular(what));
    }
    let f = open(path).map_err(io)?;
    let meta = f.metadata().map_err(Refusal::Io)?;
    if let Some(what) = kind(meta.file_type()) {
        return Err(Refusal::NotRegular(what));
    }
    if !head && meta.len() > cap {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let mut buf = Vec::with_capacity(meta.len().min(cap) as usize + 1);
    // One byte past the cap tells a file that grew after the fstat.
    f.take(cap + 1).read_to_end(&mut buf).map_err(Refusal::Io)?;
    if buf.len() as u64 > cap {
        if !head {
            return Err(Refusal::TooLarge {
                size: buf.len() as u64,
                cap,
            });
        }
        buf.truncate(cap as usize);
    }
    Ok(buf)
}

/// Opened without blocking (a FIFO swapped in after the `stat` opens at once and reads
/// nothing) and without becoming the controlling terminal.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("venvsh-bounded-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn reads_regular_files_within_the_cap() {
        let d = dir("ok");
        std::fs::write(d.join("f"), b"hello").unwrap();
        assert_eq!(read(&d.join("f"), 5).unwrap(), b"hello");
        assert!(matches!(
            read(&d.join("f"), 4),
            Err(Refusal::TooLarge { size: 5, cap: 4 })
        ));
        assert_eq!(read_head(&d.join("f"), 4).unwrap(), b"hell");
        assert!(matches!(read(&d.join("none"), 4), Err(Refusal::Missing)));
        assert!(read_if_there(&d.join("none"), 4).unwrap().is_none());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn never_reads_what_is_not_a_regular_file() {
        let d = dir("odd");
        nix::unistd::mkfifo(&d.join("fifo"), nix::sys::stat::Mode::S_IRWXU).unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join("zero")).unwrap();
        std::os::unix::fs::symlink("fifo", d.join("to-fifo")).unwrap();
        std::os::unix::fs::symlink("loop", d.join("loop")).unwrap();
        std::os::unix::fs::symlink("nowhere", d.join("dangling")).unwrap();
        for (name, what) in [
            ("fifo", "a FIFO"),
            ("to-fifo", "a FIFO"),
            ("zero", "a device"),
            (".", "a folder"),
        ] {
            match read(&d.join(name), 1024) {
                Err(Refusal::NotRegular(w)) => assert_eq!(w, what, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert!(matches!(read(&d.join("loop"), 1), Err(Refusal::Io(_))));
        assert!(matches!(
            read(&d.join("dangling"), 1),
            Err(Refusal::Missing)
        ));
        let big = std::fs::File::create(d.join("big")).unwrap();
        big.set_len(1 << 30).unwrap();
        let e = read(&d.join("big"), 1024).unwrap_err();
        assert_eq!(
            e.line(Path::new("/p/pyproject.toml")),
            "passed over /p/pyproject.toml: it holds 1.0 GiB, more than the 1 KiB venvsh reads of such a file"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }
}
