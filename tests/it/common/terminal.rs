//! What a terminal shows for the bytes a shell wrote.

/// Terminal text as a person would read it: a small terminal model. `\r` returns to the
/// start of the line and later text overwrites (fish pads a `⏎` mark out and returns
/// over it before each prompt); `ESC [ K` erases to the end of the line; other escape
/// sequences draw nothing. The last line ends at the cursor (what follows it on that line
/// is leftover padding); finished lines lose trailing blanks for the same reason.
pub fn clean(b: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = vec![Vec::new()];
    let mut col = 0usize;
    let mut i = 0;
    while i < b.len() {
        let line = lines.last_mut().unwrap();
        match b[i] {
            0x1b if b.get(i + 1) == Some(&b'[') => {
                let start = i + 2;
                i = start;
                while i < b.len() && !(0x40..=0x7e).contains(&b[i]) {
                    i += 1;
                }
                if b.get(i) == Some(&b'K') && b[start..i].iter().all(|c| *c == b'0') {
                    line.truncate(col);
                }
                i += 1;
            }
            0x1b if b.get(i + 1) == Some(&b']') => {
                // OSC (a window title): up to BEL or ESC \.
                i += 2;
                while i < b.len() && b[i] != 0x07 && !(b[i] == 0x1b && b.get(i + 1) == Some(&b'\\'))
                {
                    i += 1;
                }
                i += if b.get(i) == Some(&0x07) { 1 } else { 2 };
            }
            0x1b => i += 2,
            b'\r' => {
                col = 0;
                i += 1;
            }
            b'\n' => {
                lines.push(Vec::new());
                col = 0;
                i += 1;
            }
            c => {
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.push(c);
                }
                col += 1;
                i += 1;
            }
        }
    }
    let last = lines.len() - 1;
    lines[last].truncate(col);
    for l in &mut lines[..last] {
        while l.last() == Some(&b' ') {
            l.pop();
        }
    }
    lines.join(&b'\n')
}
