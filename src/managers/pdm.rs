//! PDM: `.pdm-python` in the project root names the interpreter PDM uses, as an absolute
//! path with no newline (written by `pdm use`, and whenever PDM picks one;
//! src/pdm/project/core.py). Its venv is the folder two above it (`bin/python`,
//! `Scripts\python.exe`) when that folder holds a `pyvenv.cfg`
//! (`utils.get_venv_like_prefix`). An interpreter outside any venv (PDM's PEP 582 mode)
//! is no venv for venvsh, and the walk goes on. A relative path, which PDM never writes,
//! is taken from the project root.

use super::{Ctx, Project};
use crate::paths::{join_clean, os_from_bytes};
use crate::show::show;
use std::path::{Path, PathBuf};

pub(super) fn find(p: &Project, _ctx: &Ctx) -> Option<Result<PathBuf, String>> {
    if !p.has_pdm_python() {
        return None;
    }
    let file = p.root.join(".pdm-python");
    let bytes = match crate::bounded::read(&file, crate::bounded::cap::LINE_FILE) {
        Ok(b) => b,
        Err(e) => return Some(Err(e.line(&file))),
    };
    let text = bytes.trim_ascii();
    if text.is_empty() || text.iter().any(|&c| c == b'\n' || c == b'\r' || c == 0) {
        return Some(Err(format!(
            "{} does not hold one interpreter path; 'pdm use' writes it again",
            show(&file)
        )));
    }
    let python = join_clean(p.root, Path::new(&os_from_bytes(text)));
    if !python.exists() {
        // Not what it names: the file may be a link to one of yours (issue 34 §3).
        return Some(Err(format!(
            "{} names an interpreter that is gone; 'pdm use' chooses another",
            show(&file)
        )));
    }
    let venv = python.parent()?.parent()?;
    venv.join("pyvenv.cfg")
        .is_file()
        .then(|| Ok(venv.to_path_buf()))
}
