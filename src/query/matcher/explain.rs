//! Why an event matches: the words to highlight, the names it matched through, and the
//! whole-word test that name spellings use.

use super::super::fuzzy;
use super::super::index::{Kind, SearchIndex};
use super::super::parse::Scope;
use super::Matcher;
use crate::domain::text::fold_with_map;
use memchr::memmem::Finder;

/// Is the byte at `i` of folded text part of a word (a letter or digit, or any byte of a
/// non-ASCII char: folding leaves only letters and digits outside ASCII)?
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Does `hay` hold the finder's needle as a whole word: not preceded or followed by a
/// letter or digit? Used for the spellings a matched name expands to, so that the alias
/// `NAJA` never matches inside *Najaf*.
pub(crate) fn find_word(f: &Finder<'_>, hay: &[u8]) -> bool {
    let n = f.needle().len();
    f.find_iter(hay).any(|at| {
        let before = at.checked_sub(1).map(|k| hay[k]);
        let after = hay.get(at + n).copied();
        // A needle that starts (ends) with a non-word char bounds itself on that side.
        let head = f.needle().first().is_some_and(|&b| !wordish(b));
        let tail = f.needle().last().is_some_and(|&b| !wordish(b));
        (head || !before.is_some_and(wordish)) && (tail || !after.is_some_and(wordish))
    })
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
                .copied()
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
