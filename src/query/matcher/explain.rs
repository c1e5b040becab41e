//! Why an event matches: the words to highlight, the names it matched through, and the
//! whole-word test that name spellings use.

use super::super::fuzzy;
use super::super::index::{Kind, SearchIndex};
use super::super::parse::Scope;
use super::Matcher;
use crate::domain::text::fold_with_map;
use memchr::memmem::Finder;

/// The char that ends at byte `end` of `hay` (exclusive), if any.
fn char_before(hay: &[u8], end: usize) -> Option<char> {
    let start =
        (end.saturating_sub(4)..end).find(|&k| std::str::from_utf8(&hay[k..end]).is_ok())?;
    std::str::from_utf8(&hay[start..end])
        .ok()?
        .chars()
        .next_back()
}

/// The char that starts at byte `start` of `hay`, if any.
fn char_at(hay: &[u8], start: usize) -> Option<char> {
    let end = (start + 1..=(start + 4).min(hay.len()))
        .find(|&k| std::str::from_utf8(&hay[start..k]).is_ok())?;
    std::str::from_utf8(&hay[start..end]).ok()?.chars().next()
}

/// Does `hay` hold the finder's needle as a whole word: not preceded or followed by a
/// letter or digit (in any script; `«`, `¶` and other symbols bound a word)? Used for the
/// spellings a matched name expands to, so that the alias `NAJA` never matches inside
/// *Najaf*.
pub(crate) fn find_word(f: &Finder<'_>, hay: &[u8]) -> bool {
    let needle = f.needle();
    let n = needle.len();
    // A needle that starts (ends) with a non-word char bounds itself on that side.
    let head = char_at(needle, 0).is_some_and(|c| !c.is_alphanumeric());
    let tail = char_before(needle, n).is_some_and(|c| !c.is_alphanumeric());
    f.find_iter(hay).any(|at| {
        let (before, after) = word_around(hay, at, at + n);
        (head || !before) && (tail || !after)
    })
}

/// Is `hay[start..end]` touched by a letter or digit just before or just after it?
pub(crate) fn word_around(hay: &[u8], start: usize, end: usize) -> (bool, bool) {
    (
        char_before(hay, start).is_some_and(char::is_alphanumeric),
        char_at(hay, end).is_some_and(char::is_alphanumeric),
    )
}

impl Matcher {
    /// Why event `i` matches where its own text does not say so: for each positive text
    /// term not found in the event's own text, the name keys it matched through (a
    /// person's alias, a place, a source, a term whose spelling the event holds). The
    /// detail pane shows these as `matched: ghalibaf → Mohammad Bagher Qalibaf`.
    pub fn reasons(&self, index: &SearchIndex, i: usize) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        let own = index.own(i).as_bytes();
        let terms = index.kind_keys(Kind::Term);
        for t in self.terms().filter(|t| !t.negated) {
            if t.own && t.finder.find(own).is_some() {
                continue;
            }
            let mut keys: Vec<u32> = index
                .keys(i)
                .iter()
                .filter(|&k| t.names[k as usize] || t.fuzzy && t.fuzzy_names[k as usize])
                .collect();
            // Terms (organisations, operations) whose spelling the event's text holds.
            keys.extend(terms.clone().filter(|&k| {
                t.names[k as usize]
                    && index.spellings[(k - terms.start) as usize]
                        .iter()
                        .any(|s| find_word(&Finder::new(s.as_bytes()), own))
            }));
            out.extend(keys.into_iter().map(|k| (t.needle.clone(), k)));
        }
        out
    }

    /// Char positions of `text` to highlight (sorted, unique), for terms that look at any
    /// text. Cheap enough for the rows on screen; not meant for every event.
    pub fn highlights(&self, text: &str) -> Vec<usize> {
        let (folded, map) = fold_with_map(text);
        let mut out = Vec::new();
        for t in self.terms() {
            if t.scope != Scope::Any || t.negated {
                continue;
            }
            let before = out.len();
            let nlen = t.needle.chars().count();
            for (byte, _) in folded.match_indices(t.needle.as_str()) {
                let start = folded[..byte].chars().count();
                out.extend((start..start + nlen).filter_map(|i| map.get(i).copied()));
            }
            if out.len() == before && t.fuzzy {
                let idx = fuzzy::positions(&folded, &t.needle);
                out.extend(idx.into_iter().filter_map(|i| map.get(i).copied()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_in_any_script() {
        let w =
            |needle: &str, hay: &str| find_word(&Finder::new(needle.as_bytes()), hay.as_bytes());
        assert!(w("naja", "the naja force"));
        assert!(w("naja", "«naja»"));
        assert!(w("naja", "¶3 naja"));
        assert!(!w("naja", "najaf base"));
        assert!(!w("naja", "ānaja"));
        assert!(!w("naja", "najaé"));
        assert!(w("al-", "al-qaeda"));
    }
}
