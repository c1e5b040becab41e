//! Where a bracketed value ends, found byte by byte: how the position walker passes over
//! the values whose inner positions nobody asked for (a big file's million other events)
//! at a byte a step, where walking them char by char took most of the time of placing a
//! problem in it.
//!
//! It reads what the walker reads — strings and chars with their escapes, raw strings,
//! line and nested block comments, `#!` lines, brackets matched by kind — so that on any
//! text a parser accepted it ends where the walk would. It gives up (`None`) where the walk
//! would not reach a matching close: text that ends first, or nesting past `room`.

/// The deepest nesting followed (the walker's own limit is 256 values).
const DEEPEST: usize = 128;

/// The index just past the bracket that closes the one at `from` (`(`, `[` or `{`), or
/// `None` (see above).
pub(super) fn group_end(b: &[u8], from: usize, room: usize) -> Option<usize> {
    // The closers awaited, innermost last (on the stack: a million groups are skipped).
    let mut open = [0u8; DEEPEST];
    let mut depth = 1;
    open[0] = closer(*b.get(from)?)?;
    let room = room.min(DEEPEST);
    let mut i = from + 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' | b'\'' => i = quoted(b, i)?,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && !ident_byte(b, i) => {
                i = raw(b, i)?;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => i = past_line(b, i)?,
            b'#' if b.get(i + 1) == Some(&b'!') => i = past_line(b, i)?,
            b'/' if b.get(i + 1) == Some(&b'*') => i = past_comment(b, i)?,
            b'(' | b'[' | b'{' => {
                if depth >= room {
                    return None;
                }
                open[depth] = closer(c)?;
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if open[depth - 1] == c {
                    depth -= 1;
                }
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn closer(open: u8) -> Option<u8> {
    match open {
        b'(' => Some(b')'),
        b'[' => Some(b']'),
        b'{' => Some(b'}'),
        _ => None,
    }
}

/// Does the char before `i` continue an identifier or a number, as the walk reads them
/// (so that an `r` at `i` is part of one, not a raw string's start)?
fn ident_byte(b: &[u8], i: usize) -> bool {
    // The char's first byte: back over continuation bytes (at most three).
    let lead = (i.saturating_sub(4)..i)
        .rev()
        .find(|&k| b[k] & 0xC0 != 0x80)
        .unwrap_or(i);
    std::str::from_utf8(&b[lead..i])
        .ok()
        .and_then(|s| s.chars().next_back())
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-'))
}

/// Past the string or char quoted at `i` (a backslash escapes the next byte).
fn quoted(b: &[u8], i: usize) -> Option<usize> {
    let q = b[i];
    let mut k = i + 1;
    loop {
        match *b.get(k)? {
            b'\\' => k += 2,
            c if c == q => return Some(k + 1),
            _ => k += 1,
        }
    }
}

/// Past the raw string `r##"…"##` at `i`.
fn raw(b: &[u8], i: usize) -> Option<usize> {
    let mut k = i + 1;
    let mut hashes = 0;
    while b.get(k) == Some(&b'#') {
        hashes += 1;
        k += 1;
    }
    // The opening quote (whatever stands there, as the walk takes it).
    k += utf8_len(*b.get(k)?);
    loop {
        let q = k + memchr::memchr(b'"', b.get(k..)?)?;
        let end = q + 1 + hashes;
        if b.get(q + 1..end)
            .is_some_and(|h| h.iter().all(|&c| c == b'#'))
        {
            return Some(end);
        }
        k = q + 1;
    }
}

/// The length of the UTF-8 char whose first byte is `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Past the end of the line at `i` (its `\n` included).
fn past_line(b: &[u8], i: usize) -> Option<usize> {
    Some(i + memchr::memchr(b'\n', b.get(i..)?)? + 1)
}

/// Past the block comment at `i` (`/* … */`, nested).
fn past_comment(b: &[u8], i: usize) -> Option<usize> {
    let (mut k, mut nest) = (i + 2, 1);
    while nest > 0 {
        match (*b.get(k)?, b.get(k + 1)) {
            (b'*', Some(b'/')) => {
                nest -= 1;
                k += 2;
            }
            (b'/', Some(b'*')) => {
                nest += 1;
                k += 2;
            }
            _ => k += 1,
        }
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::group_end;

    fn end(s: &str) -> Option<usize> {
        group_end(s.as_bytes(), 0, 64)
    }

    #[test]
    fn brackets_in_strings_chars_raw_strings_and_comments_do_not_count() {
        let cases = [
            r#"(a: "x)", b: ')')"#,
            r##"(a: r#"y")"#, b: r"z)")"##,
            "(a: 1 // )\n, b: /* ) /* ) */ ) */ 2)",
            r#"(a: "q\")", b: [1, {c: 2}])"#,
            "(\n#![x)]\n)",
        ];
        for c in cases {
            assert_eq!(end(c), Some(c.len()), "{c}");
            assert_eq!(end(&format!("{c}, (more)")), Some(c.len()), "{c}");
        }
        // An `r` inside a word starts no raw string.
        assert_eq!(end(r#"(bar"x", y)"#), Some(11));
    }

    #[test]
    fn a_closer_of_another_kind_is_passed_over_and_what_never_closes_is_none() {
        assert_eq!(end("(a: ], b)"), Some(9));
        assert_eq!(end("(a: \"open)"), None);
        assert_eq!(end("(a: [1, 2)"), None);
        assert_eq!(group_end(b"((((x))))", 0, 3), None);
        assert_eq!(group_end(b"((((x))))", 0, 4), Some(9));
        assert_eq!(end("x(1)"), None);
    }
}
