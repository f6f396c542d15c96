//! How a path looked, by one lookup: what the walk saw and what the hook watches at an
//! idle prompt (behaviour.md §6). Beneath finding and deciding both.

use std::path::Path;

/// How a path looked: what the hook watches at an idle prompt (behaviour.md §6), as the
/// walk saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// A regular file (`pyvenv.cfg`, a `.venv` link file).
    File,
    /// Something, but not a regular file (a folder with no `pyvenv.cfg` yet).
    NotFile,
    /// Nothing at all: the cheapest check, a negative lookup.
    Absent,
}

impl Seen {
    /// What a lookup of `p` (following links) finds, or why it found nothing.
    pub fn lookup(p: &Path) -> std::io::Result<Seen> {
        let m = std::fs::metadata(p)?;
        Ok(if m.is_file() {
            Seen::File
        } else {
            Seen::NotFile
        })
    }
}
