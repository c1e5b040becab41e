//! Text rules of the model, shared by matching and validation: folding for search, and the
//! characters a terminal would act on or that show as nothing (which ids may not hold).

use unicode_normalization::char::is_combining_mark;

/// `bytes` as text if they are UTF-8 — the same answer as `std::str::from_utf8`, checked
/// with SIMD first (three to four times faster on text that is not all ASCII: this checks
/// every byte of a file before it is parsed, and of a cache entry's text before it is used).
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    utf8_split_from(bytes, 32 << 20)
}

/// [`utf8`], checking the two halves on two cores when there are at least `split` bytes.
fn utf8_split_from(bytes: &[u8], split: usize) -> Result<&str, std::str::Utf8Error> {
    // The fast check says only yes or no; std says where it went wrong.
    let fast = |b: &[u8]| simdutf8::basic::from_utf8(b).is_ok();
    // Text is UTF-8 if and only if both sides of a cut at a char's start are; and where
    // `char_cut` finds no char's start, the text is not UTF-8 anyway.
    let ok = match char_cut(bytes, bytes.len() / 2) {
        k if bytes.len() >= split && k > 0 && k < bytes.len() => {
            let (a, b) = bytes.split_at(k);
            let (x, y) = super::par::join(|| fast(b), || fast(a));
            x && y
        }
        _ => fast(bytes),
    };
    if ok {
        // SAFETY: checked above: two pieces of UTF-8 end to end are UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    std::str::from_utf8(bytes)
}

/// Where to cut `bytes` near `at` so that the cut falls on a char's start: `at`, or up to
/// three bytes on past continuation bytes (a char has at most three), or the end. Past
/// three the text is not UTF-8 whichever side holds them, and the cut stays there.
pub(crate) fn char_cut(bytes: &[u8], at: usize) -> usize {
    let mut end = at.min(bytes.len());
    let mut k = 0;
    while end < bytes.len() && k < 3 && bytes[end] & 0xC0 == 0x80 {
        end += 1;
        k += 1;
    }
    end
}

/// Fold case, diacritics and typographic punctuation so that `Qālībāf` matches `qalibaf`
/// and `Khamene’i` matches `khamene'i`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Fold `s` and report, for every char pushed to the output, the index of the char of `s`
/// it came from (used to map match positions back for highlighting).
pub fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let before = out.len();
        let mut buf = [0u8; 4];
        fold_into(c.encode_utf8(&mut buf), &mut out);
        let added = out[before..].chars().count();
        map.extend(std::iter::repeat_n(i, added));
    }
    (out, map)
}

/// Fold `s` onto the end of `out` (see [`fold`]). ASCII goes straight through (lowercased,
/// a run at a time); other chars are decomposed one by one, dropping their combining marks.
pub fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    loop {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            return;
        };
        rest = &rest[c.len_utf8()..];
        fold_char(c, out);
    }
}

/// Fold one char that is not ASCII onto `out`.
fn fold_char(c: char, out: &mut String) {
    unicode_normalization::char::decompose_compatible(c, |c| {
        if is_combining_mark(c) {
            return;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BF}' | '\u{02BE}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    });
}

/// Does this char show as nothing (direction marks, zero-width chars)? Harmless in text,
/// but two ids that differ only by one would look the same.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Would a terminal act on this char rather than show it? C0 and C1 controls, DEL, and
/// the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_quotes() {
        assert_eq!(fold("Qālībāf"), "qalibaf");
        assert_eq!(fold("Khamene’i"), "khamene'i");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(fold("Khatam al‐Anbiya"), "khatam al-anbiya");
    }

    #[test]
    fn folding_a_run_at_a_time_is_folding_char_by_char() {
        // The reference: every char on its own, as `fold_with_map` does.
        let by_char = |s: &str| {
            let mut out = String::new();
            for c in s.chars() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    fold_char(c, &mut out);
                }
            }
            out
        };
        let parts = [
            "Ab", "É", "x`Y", "\u{1FEF}", "ﬁ", "’", "", "Z9 ", "Ǆ", "İ", "\u{301}",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    let mut out = String::from("K");
                    fold_into(&s, &mut out);
                    assert_eq!(out, format!("K{}", by_char(&s)), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn fold_map_points_back_to_source_chars() {
        let (folded, map) = fold_with_map("Āb ﬁ");
        assert_eq!(folded, "ab fi");
        assert_eq!(map, vec![0, 1, 2, 3, 3]);
    }

    #[test]
    fn text_broken_at_its_middle_is_refused_on_two_cores_too() {
        // Continuation bytes where the cut would go (more than a char may have), a char cut
        // in two at the middle, and a lone lead byte there: std's answer every time.
        for middle in [
            &[0x80u8, 0x80, 0x80, 0x80][..],
            &[0xE2, 0x82],
            &[0xF0],
            &[0xC3, 0xA9],
        ] {
            let mut bytes = vec![b'a'; 40];
            bytes.extend_from_slice(middle);
            bytes.extend(std::iter::repeat_n(b'b', 40));
            assert_eq!(
                utf8_split_from(&bytes, 0),
                std::str::from_utf8(&bytes),
                "{middle:?}"
            );
        }
    }

    proptest::proptest! {
        /// The SIMD check agrees with std on long mixed text, valid or broken anywhere.
        #[test]
        fn utf8_agrees_with_std(
            chars in proptest::collection::vec(proptest::char::any(), 0..200),
            cut in proptest::option::of((0usize..2000, proptest::num::u8::ANY)),
        ) {
            let mut bytes = chars.iter().collect::<String>().into_bytes();
            if let Some((at, b)) = cut.filter(|_| !bytes.is_empty()) {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            proptest::prop_assert_eq!(utf8(&bytes), std::str::from_utf8(&bytes));
            // The same, cut in two and checked on two cores.
            proptest::prop_assert_eq!(utf8_split_from(&bytes, 0), std::str::from_utf8(&bytes));
        }
    }
}
