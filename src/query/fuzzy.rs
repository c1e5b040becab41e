//! The fuzzy fallback's test: do the needle's letters occur in order, close together, in
//! one word? Decided with `memchr` and a greedy walk, no scoring, so that a typo can be
//! checked against a million events per keystroke; the scorer runs only to rank.
//!
//! The fallback is for typos, not for guesses, so that it never floods the results: only a
//! term of at least [`MIN_LEN`] chars that no event contains falls back, and its letters
//! must sit in order inside one word (never across a space or punctuation), spanning at
//! most [`max_span`] chars. A short acronym that is not in the data (`IRNA`) finds nothing
//! rather than every word holding those letters in order (`Iranian`).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Shortest term (in chars) that may fall back to fuzzy matching.
pub const MIN_LEN: usize = 5;

/// May `needle` (folded) fall back to fuzzy matching at all?
pub(crate) fn long_enough(needle: &str) -> bool {
    needle.chars().count() >= MIN_LEN
}

/// Is `c` part of a word (letters and digits; folded text has no other non-ASCII chars)?
fn in_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Largest span (in chars) a fuzzy match of `len` chars may cover.
pub(crate) fn max_span(len: usize) -> usize {
    len + (len / 2).max(2)
}

/// Is every fuzzy hit of `new` (typed after `old`, one char longer) a fuzzy hit of `old`?
/// A window holding `new` holds `old` in at least one char less (the greedy walk from the
/// same start matches `old`'s chars where it matched them for `new`), so yes when the span
/// allowed grows by at most one char (`old` has an even number of chars) and the added
/// char cannot let a window cross a word's end that `old`'s may not.
pub(crate) fn narrows(old: &str, new: &str) -> bool {
    let Some(added) = new.strip_prefix(old) else {
        return false;
    };
    let mut added = added.chars();
    let (Some(c), None) = (added.next(), added.next()) else {
        return false;
    };
    let n = old.chars().count();
    max_span(n + 1) <= max_span(n) + 1 && (in_word(c) || !old.chars().all(in_word))
}

/// Does `needle` fuzzy-match a word of `text`: its chars in order, inside one word,
/// spanning at most [`max_span`] chars?
pub(crate) fn hit(text: &str, needle: &str) -> bool {
    // Most texts do not hold the letters in order at all: one memchr per letter says so.
    if !subsequence(text.as_bytes(), needle.as_bytes()) {
        return false;
    }
    let max = max_span(needle.chars().count());
    window(text, needle, max).is_some()
}

/// Are the needle's bytes a subsequence of the haystack's? (Bytewise; a needle that fails
/// this cannot match.)
fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(k) => rest = &rest[k + 1..],
            None => return false,
        }
    }
    true
}

/// Best skim score of `needle` in one word of `text` where it matches compactly (as
/// [`hit`]); for ranking.
pub(crate) fn score(skim: &SkimMatcherV2, text: &str, needle: &str) -> Option<i64> {
    let max = max_span(needle.chars().count());
    text.split(|c: char| !in_word(c))
        .filter(|f| window(f, needle, max).is_some())
        .filter_map(|f| skim.fuzzy_match(f, needle))
        .max()
}

/// Char positions in `hay` of the first compact match of `needle` (empty when none).
pub(crate) fn positions(hay: &str, needle: &str) -> Vec<usize> {
    let max = max_span(needle.chars().count());
    let Some((start, _)) = window(hay, needle, max) else {
        return Vec::new();
    };
    let first = hay[..start].chars().count();
    let mut want = needle.chars().peekable();
    let mut out = Vec::new();
    for (n, c) in hay[start..].chars().enumerate() {
        match want.peek() {
            Some(&w) if w == c => {
                out.push(first + n);
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Byte range `(start, end)` of the first window of `hay` holding `needle`'s chars in order,
/// at most `max` chars long and inside one word (no char outside a word, unless the needle
/// has one). From each place the first char occurs, the greedy walk forward ends earliest,
/// so no shorter window starting there exists, and a window that crosses a word's end
/// cannot be mended by ending later.
pub(crate) fn window(hay: &str, needle: &str, max: usize) -> Option<(usize, usize)> {
    let mut chars = needle.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let words_only = needle.chars().all(in_word);
    if needle.is_ascii() {
        return ascii_window(
            hay.as_bytes(),
            first as u8,
            rest.as_bytes(),
            max,
            words_only,
        );
    }
    for (s, c) in hay.char_indices() {
        if c != first {
            continue;
        }
        let mut want = rest.chars().peekable();
        let after = s + c.len_utf8();
        let mut end = after;
        // The window holds the first char and at most `max - 1` more.
        for (k, h) in hay[after..].char_indices().take(max.saturating_sub(1)) {
            let Some(&w) = want.peek() else { break };
            if h == w {
                want.next();
                end = after + k + h.len_utf8();
            }
        }
        if want.peek().is_none() && (!words_only || hay[s..end].chars().all(in_word)) {
            return Some((s, end));
        }
    }
    None
}

/// [`window`] for an ASCII needle: ASCII bytes never occur inside a multi-byte char, so
/// bytes can be searched directly; the span is then counted in chars.
fn ascii_window(
    hay: &[u8],
    first: u8,
    rest: &[u8],
    max: usize,
    words_only: bool,
) -> Option<(usize, usize)> {
    // A window of `max` chars is at most 4 × `max` bytes.
    let reach = max.saturating_mul(4);
    let mut from = 0;
    while let Some(k) = memchr::memchr(first, &hay[from..]) {
        let s = from + k;
        from = s + 1;
        let limit = hay.len().min(s + reach);
        let mut end = s + 1;
        let mut found = true;
        for &b in rest {
            match memchr::memchr(b, &hay[end..limit]) {
                Some(j) => end += j + 1,
                None => {
                    found = false;
                    break;
                }
            }
        }
        if !found {
            if limit == hay.len() {
                return None; // ran out of text: no later start can finish either
            }
            continue;
        }
        let span = hay[s..end].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        let whole =
            !words_only || std::str::from_utf8(&hay[s..end]).is_ok_and(|w| w.chars().all(in_word));
        if span <= max && whole {
            return Some((s, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_order_and_close_together() {
        assert!(hit("\nthe pincer movement\n", "pncer"));
        assert!(hit("\nthe pincer movement\n", "pincr"));
        assert!(
            !hit("\np i n c e r spread wide\n", "pincer"),
            "too spread out"
        );
        assert!(!hit("\npin\ncer\n", "pincer"), "never across fields");
        assert!(!hit("\npin cer\n", "pincer"), "never across words");
        assert!(!hit("\npin-cer\n", "pincr"), "never across punctuation");
        assert!(!hit("\nrecnip\n", "pincer"), "order matters");
        assert!(hit("\nqalibaf\n", "qlbaf"));
        assert!(!hit("", "x"));
    }

    #[test]
    fn the_shortest_window_is_found_not_the_first() {
        // The first `a` starts a window too long; a later one fits.
        let hay = "a.........bc abc";
        assert_eq!(window(hay, "abc", max_span(3)), Some((13, 16)));
        assert_eq!(positions(hay, "abc"), [13, 14, 15]);
    }

    #[test]
    fn spans_count_chars_not_bytes() {
        // Four chars (six bytes) from `a` to `b`: within the 4 chars two letters may span.
        assert!(hit("aééb", "ab"));
        assert!(!hit("aéééb", "ab"));
        assert!(hit("\nqalíbaf\n", "qlbaf"));
        assert!(hit("\nsüleyman\n", "slyman"));
        assert!(hit("\nsüleyman\n", "süleymn"), "a non-ASCII needle");
        assert_eq!(positions("xsüleyman", "süly"), [1, 2, 3, 5]);
    }

    #[test]
    fn agrees_with_the_scorer_on_what_is_a_match() {
        let skim = SkimMatcherV2::default();
        for (hay, needle) in [("pincer", "pncr"), ("abc", "cab"), ("qalibaf", "qlbf")] {
            assert_eq!(
                score(&skim, hay, needle).is_some(),
                hit(hay, needle),
                "{hay} {needle}"
            );
        }
    }

    /// Brute force: some window of at most `max` chars, inside one word, holds the
    /// needle in order.
    fn reference(hay: &str, needle: &str, max: usize) -> bool {
        hay.split(|c: char| !c.is_alphanumeric())
            .any(|w| reference_in(w, needle, max))
    }

    fn reference_in(hay: &str, needle: &str, max: usize) -> bool {
        let h: Vec<char> = hay.chars().collect();
        (0..h.len()).any(|s| {
            let mut want = needle.chars().peekable();
            for &c in h[s..].iter().take(max) {
                if want.peek() == Some(&c) {
                    want.next();
                }
            }
            want.peek().is_none()
        })
    }

    proptest::proptest! {
        #[test]
        fn the_window_is_found_exactly_when_one_exists(
            hay in "[abé\\n.]{0,40}",
            needle in "[abé]{1,5}",
        ) {
            let max = max_span(needle.chars().count());
            proptest::prop_assert_eq!(
                window(&hay, &needle, max).is_some(),
                reference(&hay, &needle, max)
            );
            proptest::prop_assert_eq!(hit(&hay, &needle), reference(&hay, &needle, max));
        }

        /// Where a grown term is said to narrow, each of its hits is a hit of the shorter.
        #[test]
        fn a_term_that_narrows_hits_only_where_the_shorter_one_did(
            old in "[abcé]{5,8}",
            added in "[abcé. ]",
            gaps in proptest::collection::vec("[xé. ]{0,2}", 10),
        ) {
            let new = format!("{old}{added}");
            // The new term's chars spread out (so that it often matches, and only just).
            let hay: String = new.chars().zip(&gaps).map(|(c, g)| format!("{c}{g}")).collect();
            if narrows(&old, &new) && hit(&hay, &new) {
                proptest::prop_assert!(hit(&hay, &old), "{:?} in {:?}", old, hay);
            }
        }
    }

    #[test]
    fn a_term_of_odd_length_does_not_narrow_its_span_grows_by_two() {
        // `abcdef` may span 9 chars, `abcde` only 7: `axbxcxdef` holds the one, not the other.
        assert!(hit("axbxcxdef", "abcdef") && !hit("axbxcxdef", "abcde"));
        assert!(!narrows("abcde", "abcdef"));
        assert!(narrows("abcdef", "abcdefg"));
        // Not one char more, or a char that lets the window leave the word.
        assert!(!narrows("abcdef", "abcdefgh"));
        assert!(!narrows("abcdef", "abcdef."));
        assert!(!narrows("abcdef", "xbcdefg"));
    }
}
