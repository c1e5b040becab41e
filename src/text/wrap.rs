//! Word wrapping by display width, so the detail pane knows how tall it is before drawing.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Wrap `text` into lines of at most `width` columns, breaking at spaces; a word longer than
/// a line is cut. Never returns an empty list. Linear in the length of `text`, however long
/// its words (a multi-megabyte line without a space is cut in one pass).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split_whitespace() {
        let mut rest = word;
        loop {
            let gap = usize::from(!line.is_empty());
            let room = width.saturating_sub(line_w + gap);
            let (end, rest_w) = fit(rest, room);
            if end == rest.len() && line_w + gap + rest_w <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(rest);
                line_w += gap + rest_w;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
                continue;
            }
            // A word wider than the (empty) line: `end` is where it fits, at least one
            // grapheme.
            lines.push(rest[..end].to_string());
            rest = &rest[end..];
            if rest.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The byte length and width of the longest prefix of `s` that fits in `width` columns, but
/// at least one grapheme; stops reading at the first grapheme that does not fit. Widths are
/// per grapheme, as the terminal shows them (an emoji with U+FE0F is two columns).
fn fit(s: &str, width: usize) -> (usize, usize) {
    // Printable ASCII up to one byte past the cut: one column a byte, and the byte after
    // the cut (ASCII too) cannot join the grapheme before it.
    let probe = &s.as_bytes()[..s.len().min(width + 1)];
    if probe.iter().all(|b| (0x20..0x7f).contains(b)) {
        let end = s.len().min(width.max(1));
        return (end, end);
    }
    let mut end = 0;
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = g.width();
        if w + gw > width && i > 0 {
            break;
        }
        end = i + g.len();
        w += gw;
    }
    (end, w)
}

/// Cut `s` to `width` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    // By grapheme, as ratatui draws them: a ZWJ sequence or an emoji with its selector
    // is kept whole and counted as the cells it takes, never split or undercounted.
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = g.width();
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Cut `s` to `width` columns from the left, starting with `…` when something was cut:
/// for dates, whose year (the part that matters most) is at the end.
pub fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut w = 0;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        kept.push(c);
        w += cw;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_cut_from_the_left_keeping_the_year() {
        assert_eq!(truncate_left("21–27 Dec 1968", 9), "…Dec 1968");
        assert_eq!(truncate_left("1968", 9), "1968");
        assert_eq!(truncate_left("c. 1990", 5), "…1990");
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(wrap("漢字漢字", 3), ["漢", "字", "漢", "字"]);
        assert_eq!(wrap("ab 漢字x", 4), ["ab", "漢字", "x"]);
        assert_eq!(wrap("漢", 1), ["漢"], "at least one character per line");
        // An emoji with its presentation selector is two columns, as a whole.
        assert_eq!(wrap("❤️❤️❤️", 4), ["❤️❤️", "❤️"]);
        assert!(
            wrap("e\u{301}e\u{301}e\u{301}", 2)
                .iter()
                .all(|l| l.width() <= 2)
        );
    }

    #[test]
    fn truncation_keeps_emoji_sequences_whole_and_within_the_width() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(truncate(&family.repeat(2), 3), format!("{family}…"));
        assert_eq!(truncate("❤️❤️❤️", 4), "❤️…");
        for s in ["❤️❤️❤️", "🏳️‍🌈🏳️‍🌈x", "e\u{301}e\u{301}e\u{301}x", "1️⃣2️⃣3️⃣"]
        {
            for w in 1..8 {
                assert!(truncate(s, w).width() <= w, "{s:?} in {w}");
            }
        }
    }

    #[test]
    fn a_word_of_megabytes_wraps_in_one_pass() {
        let word = "x".repeat(4 << 20);
        let lines = wrap(&word, 80);
        assert_eq!(lines.len(), (4 << 20) / 80 + 1);
        assert!(lines.iter().all(|l| l.len() <= 80));
        assert_eq!(lines.concat(), word);
    }
}
