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

/// Where the block is: the byte range of its lines (the last newline included) and
/// whether it ends with `END_NONL`.
fn find(text: &[u8]) -> Option<(usize, usize, bool)> {
    let mut at = 0;
    let mut start = None;
    for line in text.split_inclusive(|b| *b == b'\n') {
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        match start {
            None if body.starts_with(BEGIN_WORDS.as_bytes()) => start = Some(at),
            Some(s) if body == END.as_bytes() || body == END_NONL.as_bytes() => {
                return Some((s, at + line.len(), body == END_NONL.as_bytes()));
            }
            _ => {}
        }
        at += line.len();
    }
    None
}

/// Whether the text holds venvsh's block.
pub fn has_block(text: &[u8]) -> bool {
    find(text).is_some()
}

/// The text with the block holding `lines` (each without its newline): where the block
/// was, or at the end.
pub fn with_block(text: &[u8], lines: &[String]) -> Vec<u8> {
    let block = |nonl: bool| {
        let mut b = String::new();
        b.push_str(BEGIN);
        b.push('\n');
        for l in lines {
            b.push_str(l);
            b.push('\n');
        }
        b.push_str(if nonl { END_NONL } else { END });
        b.push('\n');
        b.into_bytes()
    };
    if let Some((s, e, nonl)) = find(text) {
        return [&text[..s], &block(nonl), &text[e..]].concat();
    }
    let nonl = !text.is_empty() && !text.ends_with(b"\n");
    let mut out = text.to_vec();
    if nonl {
        out.push(b'\n');
    }
    out.extend_from_slice(&block(nonl));
    out
}

/// The text without the block, as it was before the block came.
pub fn without_block(text: &[u8]) -> Vec<u8> {
    let Some((s, e, nonl)) = find(text) else {
        return text.to_vec();
    };
    let mut out = text[..s].to_vec();
    let rest = &text[e..];
    if nonl && rest.is_empty() && out.ends_with(b"\n") {
        out.pop();
    }
    out.extend_from_slice(rest);
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
        ] {
            let added = with_block(before, &lines());
            assert!(has_block(&added));
            assert_eq!(with_block(&added, &lines()), added, "twice is once");
            assert_eq!(
                without_block(&added),
                before,
                "{:?}",
                String::from_utf8_lossy(before)
            );
            // What the user added after the block stays after it.
            let mut later = added.clone();
            later.extend_from_slice(b"export X=1\n");
            let out = without_block(&later);
            assert!(out.ends_with(b"export X=1\n") && !has_block(&out));
        }
    }

    #[test]
    fn updated_where_it_stands() {
        let text = with_block(b"first\n", &lines());
        let mut text = [&text[..], b"last\n"].concat();
        text = with_block(&text, &["new line".to_string()]);
        let s = String::from_utf8(text).unwrap();
        assert!(s.starts_with("first\n# >>> venvsh >>>"));
        assert!(s.contains("\nnew line\n# <<< venvsh <<<\nlast\n"));
        assert!(!s.contains("hook bash"));
    }

    #[test]
    fn install_sh_blocks_are_found() {
        let old = b"x\n# >>> venvsh >>> (added by venvsh's install.sh; './install.sh --uninstall' removes it)\neval\n# <<< venvsh <<<\n";
        assert_eq!(without_block(old), b"x\n");
    }
}
