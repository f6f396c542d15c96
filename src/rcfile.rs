//! venvsh's block in a shell's startup file, as text: put in once between two marker
//! lines (or updated where it stands), and taken out again so that the file is byte for
//! byte what it was. No I/O here; `cmd::init` reads and writes the files.

/// The first line of the block. Blocks install.sh wrote before `venvsh init` existed
/// start with the same words, so they are found, updated and taken out too.
pub const BEGIN: &str =
    "# >>> venvsh >>> (added by 'venvsh init'; 'venvsh init --undo' removes it)";
const BEGIN_WORDS: &str = "# >>> venvsh >>>";
/// The last line of the block.
pub const END: &str = "# <<< venvsh <<<";
/// The last line when the file's last line had no newline before the block came: taking
/// the block out takes that newline too.
pub const END_NONL: &str = "# <<< venvsh <<< (the line above had no newline at its end)";

/// A block: the byte range of its lines (the last line's newline included) and whether
/// it ends with `END_NONL`.
type Block = (usize, usize, bool);

/// Whether a line inside a block is one venvsh (or install.sh before it) writes there:
/// one that names venvsh or runs `… hook SHELL` (a binary under another name), zsh's
/// `fpath=(…)` for its completion, or a blank one.
fn ours(line: &[u8]) -> bool {
    let l = line.trim_ascii();
    l.is_empty()
        || l.windows(6).any(|w| w == b"venvsh")
        || l.windows(6).any(|w| w == b" hook ")
        || l.starts_with(b"fpath=(")
}

/// Every block in the text; Err when a begin line has no end line after it (the file
/// was edited by hand: nothing is changed then, since what to keep is not known), or
/// when a block holds a line of the user's (which would go with the block).
fn blocks(text: &[u8]) -> Result<Vec<Block>, String> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut start = None;
    for (n, line) in text.split_inclusive(|b| *b == b'\n').enumerate() {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        if start.is_some()
            && !body.starts_with(BEGIN_WORDS.as_bytes())
            && body != END.as_bytes()
            && body != END_NONL.as_bytes()
            && !ours(body)
        {
            return Err(format!(
                "line {} is inside venvsh's block but is not venvsh's; move it out of the block (above '{BEGIN_WORDS}' or below '{END}') and run this again",
                n + 1
            ));
        }
        if body.starts_with(BEGIN_WORDS.as_bytes()) {
            if start.is_some() {
                return Err("venvsh's block in it has a begin line without its end line".into());
            }
            start = Some(at);
        } else if let Some(s) = start
            && (body == END.as_bytes() || body == END_NONL.as_bytes())
        {
            found.push((s, at + line.len(), body == END_NONL.as_bytes()));
            start = None;
        }
        at += line.len();
    }
    if start.is_some() {
        return Err("venvsh's block in it has a begin line without its end line".into());
    }
    Ok(found)
}

/// Whether the text holds venvsh's block.
pub fn has_block(text: &[u8]) -> bool {
    blocks(text).is_ok_and(|b| !b.is_empty())
}

/// Whether the text holds nothing of venvsh's: no block, not even a damaged one.
pub fn blocks_free(text: &[u8]) -> bool {
    blocks(text).is_ok_and(|b| b.is_empty())
}

/// The text with one block holding `lines` (each without its newline): where the first
/// block was (others go), or at the end. Lines end in CRLF only when every line of the
/// file does (a Windows file); one CRLF line in a `~/.bashrc` made bash fail on the
/// whole block.
pub fn with_block(text: &[u8], lines: &[String]) -> Result<Vec<u8>, String> {
    let found = blocks(text)?;
    let mut ends = text
        .split_inclusive(|b| *b == b'\n')
        .filter(|l| l.ends_with(b"\n"));
    let crlf = ends.clone().next().is_some() && ends.all(|l| l.ends_with(b"\r\n"));
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let block = |nonl: bool| {
        let mut b = Vec::new();
        for l in std::iter::once(BEGIN)
            .chain(lines.iter().map(String::as_str))
            .chain(std::iter::once(if nonl { END_NONL } else { END }))
        {
            b.extend_from_slice(l.as_bytes());
            b.extend_from_slice(eol);
        }
        b
    };
    let Some(&(s, e, nonl)) = found.first() else {
        let nonl = !text.is_empty() && !text.ends_with(b"\n");
        let mut out = text.to_vec();
        if nonl {
            out.extend_from_slice(eol);
        }
        out.extend_from_slice(&block(nonl));
        return Ok(out);
    };
    let rest = without(
        &text[e..],
        &found[1..]
            .iter()
            .map(|(a, b, n)| (a - e, b - e, *n))
            .collect::<Vec<_>>(),
    );
    Ok([&text[..s], &block(nonl), &rest].concat())
}

/// The text without venvsh's block(s), as it was before the block came.
pub fn without_block(text: &[u8]) -> Result<Vec<u8>, String> {
    Ok(without(text, &blocks(text)?))
}

fn without(text: &[u8], found: &[Block]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut from = 0;
    for &(s, e, nonl) in found {
        out.extend_from_slice(&text[from..s]);
        from = e;
        // The newline init added before a block at the very end.
        if nonl && e == text.len() {
            if out.ends_with(b"\r\n") {
                out.truncate(out.len() - 2);
            } else if out.ends_with(b"\n") {
                out.pop();
            }
        }
    }
    out.extend_from_slice(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Vec<String> {
        vec!["eval \"$('/x/venvsh' hook bash)\"".into()]
    }

    #[test]
    fn in_once_and_out_byte_for_byte() {
        for before in [
            &b""[..],
            b"alias ll='ls -l'\n",
            b"no newline at the end",
            b"\n\n",
            b"a\r\nb\r\n",
            b"a\r\nno newline",
            b"a\r\nb\nFOO=1",
        ] {
            let added = with_block(before, &lines()).unwrap();
            assert!(has_block(&added));
            assert_eq!(
                with_block(&added, &lines()).unwrap(),
                added,
                "twice is once"
            );
            assert_eq!(
                without_block(&added).unwrap(),
                before,
                "{:?}",
                String::from_utf8_lossy(before)
            );
            // What the user added after the block stays after it.
            let mut later = added.clone();
            later.extend_from_slice(b"export X=1\n");
            let out = without_block(&later).unwrap();
            assert!(out.ends_with(b"export X=1\n") && !has_block(&out));
        }
        // A CRLF file gets CRLF lines.
        let added = with_block(b"a\r\n", &lines()).unwrap();
        assert!(!added.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
        // One CRLF line among LF ones: LF, and the user's last line keeps no `\r`.
        let added = with_block(b"a\r\nb\nFOO=1", &lines()).unwrap();
        assert!(added.starts_with(b"a\r\nb\nFOO=1\n# >>>"));
        assert_eq!(added.windows(2).filter(|w| w == b"\r\n").count(), 1);
    }

    #[test]
    fn a_line_of_the_users_inside_the_block_is_never_dropped() {
        let added = with_block(b"x\n", &lines()).unwrap();
        let mut s = String::from_utf8(added).unwrap();
        s = s.replace("# <<< venvsh <<<", "export MINE=1\n# <<< venvsh <<<");
        let e = without_block(s.as_bytes()).unwrap_err();
        assert!(e.contains("line 4 is inside venvsh's block"), "{e}");
        assert!(with_block(s.as_bytes(), &lines()).is_err());
        assert!(!has_block(s.as_bytes()) && !blocks_free(s.as_bytes()));
    }

    #[test]
    fn updated_where_it_stands_and_a_second_block_goes() {
        let text = with_block(b"first\n", &lines()).unwrap();
        let mut text = [&text[..], b"middle\n", &text[6..], b"last\n"].concat();
        text = with_block(&text, &["new venvsh line".to_string()]).unwrap();
        let s = String::from_utf8(text.clone()).unwrap();
        assert!(s.starts_with("first\n# >>> venvsh >>>"), "{s}");
        assert!(
            s.contains("\nnew venvsh line\n# <<< venvsh <<<\nmiddle\nlast\n"),
            "{s}"
        );
        assert_eq!(s.matches(BEGIN).count(), 1, "{s}");
        assert_eq!(without_block(&text).unwrap(), b"first\nmiddle\nlast\n");
    }

    #[test]
    fn a_begin_without_an_end_changes_nothing() {
        let text = b"x\n# >>> venvsh >>> note\nkeep me\n";
        assert!(with_block(text, &lines()).is_err());
        assert!(without_block(text).is_err());
        assert!(!has_block(text));
    }

    #[test]
    fn install_sh_blocks_are_found() {
        let old = b"x\n# >>> venvsh >>> (added by venvsh's install.sh; './install.sh --uninstall' removes it)\nfpath=(/u/.local/share/zsh/site-functions $fpath)\neval \"$(/u/bin/venvsh hook zsh)\"\n# <<< venvsh <<<\n";
        assert_eq!(without_block(old).unwrap(), b"x\n");
    }
}
