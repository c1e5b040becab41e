//! How Timesketch's values are named in annals: a message's title, a field name of an
//! attribute's, a tag of a `timestamp_desc`, id slugs made unique.

use std::collections::HashSet;

/// The attributes annals' export writes itself: an event field of the same name is written
/// with a `field_` prefix (see [`attribute_of_field`]).
pub const RESERVED: &[&str] = &[
    "message",
    "datetime",
    "timestamp",
    "timestamp_desc",
    "annals_id",
    "annals_edtf",
    "annals_latest",
    "annals_summary",
    "annals_tags",
    "annals_people",
    "annals_places",
    "annals_sources",
    "annals_derived",
];

/// Does a field of this name need the `field_` prefix? A reserved name does, and so does
/// one that would read back as an escaped reserved name (`field_message`), so that the
/// escape can be undone exactly.
fn escaped(name: &str) -> bool {
    RESERVED.contains(&name) || name.strip_prefix("field_").is_some_and(escaped)
}

/// The attribute annals' export writes an event field under: its name, or `field_NAME`.
pub fn attribute_of_field(name: &str) -> String {
    if escaped(name) {
        format!("field_{name}")
    } else {
        name.to_string()
    }
}

/// The field an attribute of annals' export stands for (undoes [`attribute_of_field`]).
pub fn field_of_attribute(attr: &str) -> &str {
    match attr.strip_prefix("field_") {
        Some(rest) if escaped(rest) => rest,
        _ => attr,
    }
}

/// A title longer than this (in characters) is cut, and the whole message is the summary.
pub const TITLE_MAX: usize = 100;

/// The title of a message: its first line, cut at a word to [`TITLE_MAX`] characters;
/// true when that is not the whole message.
pub fn title_of(message: &str) -> (String, bool) {
    let whole = message.trim();
    let first = whole
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.chars().count() <= TITLE_MAX {
        return (first.to_string(), first != whole);
    }
    let cut: String = first.chars().take(TITLE_MAX - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&p| cut[..p].chars().count() > TITLE_MAX / 2)
        .map_or(cut.as_str(), |p| &cut[..p]);
    (format!("{}…", at_word.trim_end()), true)
}

/// An attribute name as a field name: letters, digits, `_`, `-`, `.` (others become `_`).
pub fn field_name(key: &str) -> String {
    let s = crate::load::syntax::field_name(key);
    if s.is_empty() { "field".into() } else { s }
}

/// A tag made of a `timestamp_desc`: lowercased, words joined by `-` (any script kept).
pub fn tag_of(s: &str) -> String {
    let lowered = s.to_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

/// An id slug: lowercase ASCII letters and digits joined by `-` (empty when none remain).
pub fn slug(s: &str) -> String {
    crate::load::syntax::slug(s, 64)
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet (then taken).
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// Drop repeats, keeping the first of each.
pub fn dedup(v: &mut Vec<String>) {
    let mut seen = HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_cut_at_a_word() {
        assert_eq!(title_of("short"), ("short".into(), false));
        assert_eq!(title_of("  two\nlines "), ("two".into(), true));
        let long = "word ".repeat(40);
        let (t, cut) = title_of(&long);
        assert!(
            cut && t.ends_with("word…") && t.chars().count() <= TITLE_MAX,
            "{t}"
        );
        assert_eq!(
            tag_of("Content Modification Time"),
            "content-modification-time"
        );
        assert_eq!(tag_of("Время создания"), "время-создания");
        assert_eq!(slug("Ærø Ö"), "r-o");
        assert_eq!(slug("Émile Zola"), "emile-zola");
        assert_eq!(field_name("source ip"), "source_ip");
    }
}
