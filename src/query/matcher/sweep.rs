//! A term's answer for a whole slice at once, before the events are checked one by one:
//! one search through a stretch of the folded text, end to end, instead of one search
//! started in each event (when most events of a stretch are candidates, as for a short
//! query on a big timeline, the occurrences are found several times faster this way), and,
//! once the index knows which events hold each pair of letters, those pairs first.
//!
//! After an occurrence, the sweep goes on from the end of the event that holds it, so an
//! event is found once however often it holds the term; an occurrence that runs past its
//! event's end is not one (its event holds none: any later one would run further).

use super::{CTest, Candidates, Matcher, SearchIndex, TextTerm};
use crate::domain::{EventIdx, bits};
use crate::query::index::Pairs;
use memchr::memmem::Finder;

/// Fewest events a stretch spans before a sweep pays for itself.
const SWEEP_FROM: usize = 4096;

/// A sweep pays when candidates are at least one in this many of the events they span.
const DENSE: usize = 4;

/// The events of `lo..hi` whose own text holds one of `finder`'s needle, one bit each
/// (bit `i - lo`). `None` when the index's offsets do not fit its text. An event whose
/// offsets are not on char boundaries holds nothing, as [`SearchIndex::own`] reads it
/// (what a forged cache entry may hold).
pub(super) fn own_hits(
    index: &SearchIndex,
    finder: &Finder<'_>,
    lo: usize,
    hi: usize,
) -> Option<Vec<u64>> {
    let whole = index.text.as_str();
    let text = whole.as_bytes();
    if lo > hi {
        return None;
    }
    let starts = |k: usize| index.starts.at(lo + k);
    let (first, end) = (index.starts.get(lo)?, index.starts.get(hi)?);
    if first > end || end > text.len() || finder.needle().is_empty() {
        return None;
    }
    let n = finder.needle().len();
    let mut bits = vec![0u64; (hi - lo).div_ceil(64)];
    let (mut pos, mut e) = (first, 0);
    while pos < end {
        let Some(k) = finder.find(&text[pos..end]) else {
            break;
        };
        let x = pos + k;
        // The event holding `x` (offsets only grow, so a walk from the last one).
        while e + 1 < hi - lo && starts(e + 1) <= x {
            e += 1;
        }
        let e_end = starts(e + 1);
        let sound = || whole.is_char_boundary(starts(e)) && whole.is_char_boundary(e_end);
        if x + n <= e_end && sound() {
            bits::set(&mut bits, e);
        }
        pos = e_end.max(x + 1);
    }
    Some(bits)
}

/// One term's answer over a slice (whose own text holds it), from a sweep or the pairs:
/// one bit per event from the first event on.
pub(super) struct Swept<'a> {
    pub(super) term: &'a TextTerm,
    pub(super) lo: usize,
    pub(super) bits: Vec<u64>,
}

impl Swept<'_> {
    /// Does event `i`'s own text hold the swept term (`None`: not this term's answer)?
    pub(super) fn own(&self, term: &TextTerm, i: usize) -> Option<bool> {
        if !std::ptr::eq(term, self.term) {
            return None;
        }
        Some(self.holds(i))
    }

    fn holds(&self, i: usize) -> bool {
        i.checked_sub(self.lo)
            .is_some_and(|k| bits::get(&self.bits, k))
    }

    /// The matching events among `which` when the swept term is the whole query: the
    /// bits answer for every event that holds it in its own text; only the others need a
    /// look at their names (when the term matches any).
    pub(super) fn scan_alone(
        &self,
        index: &SearchIndex,
        which: Candidates<'_>,
        out: &mut Vec<EventIdx>,
    ) {
        let t = self.term;
        let elsewhere = t.any_name || !t.spellings.is_empty();
        let hit =
            |i: u32| self.holds(i as usize) || elsewhere && t.hits(index, i as usize, Some(false));
        match which {
            Candidates::Range(a, b) => out.extend((a..b).filter(|&i| hit(i))),
            Candidates::Only(v) => out.extend(v.iter().copied().filter(|&i| hit(i))),
        }
    }
}

impl Matcher {
    /// Is `term` the whole query (one group, one plain alternative)?
    pub(super) fn is_only(&self, term: &TextTerm) -> bool {
        match self.groups.as_slice() {
            [g] => match g.as_slice() {
                [c] => !c.negated && matches!(&c.test, CTest::Text(t) if std::ptr::eq(&**t, term)),
                _ => false,
            },
            _ => false,
        }
    }

    /// Answer the first term that is worth it for the events `which` spans: a plain term
    /// looked for in the events' own text (not a single letter, which the letter masks
    /// answer, nor a field's value, nor a fuzzy term). With the pairs of letters known, by
    /// them first (always); without, by a sweep when the candidates are dense enough.
    pub(super) fn sweep(&self, index: &SearchIndex, which: Candidates<'_>) -> Option<Swept<'_>> {
        let (lo, hi, count) = match which {
            Candidates::Range(a, b) => (a as usize, b as usize, (b - a) as usize),
            Candidates::Only(v) => (*v.first()? as usize, *v.last()? as usize + 1, v.len()),
        };
        let term = self.terms().find(|t| {
            t.own && !t.fuzzy && !t.single && t.field_value.is_none() && t.finder.needle().len() > 1
        })?;
        let long = hi - lo >= index.sweep_from.unwrap_or(SWEEP_FROM);
        if let (Some(pairs), Some(need)) = (index.pairs(), Pairs::of(term.finder.needle())) {
            let stretch = (which, lo, hi, long);
            return Some(by_pairs(index, term, pairs, &need, stretch));
        }
        if !long || count * DENSE < hi - lo {
            return None;
        }
        let bits = own_hits(index, &term.finder, lo, hi)?;
        Some(Swept { term, lo, bits })
    }
}

/// The events of `which` (spanning `lo..hi`; `long`: enough to sweep) whose own text
/// holds `term`, its pairs of letters first: an event that lacks one does not hold it,
/// and for a term of two letters one that has its pair does. The events left are swept
/// when they are dense, else searched one by one.
fn by_pairs<'a>(
    index: &SearchIndex,
    term: &'a TextTerm,
    pairs: &Pairs,
    need: &[usize],
    (which, lo, hi, long): (Candidates<'_>, usize, usize, bool),
) -> Swept<'a> {
    let mut bits = vec![0u64; (hi - lo).div_ceil(64)];
    let mut left = 0;
    let mut mark = |i: usize| {
        if need.iter().all(|&p| pairs.holds(p, i)) {
            bits::set(&mut bits, i - lo);
            left += 1;
        }
    };
    match which {
        Candidates::Range(a, b) => (a as usize..b as usize).for_each(&mut mark),
        Candidates::Only(v) => v.iter().for_each(|&i| mark(i as usize)),
    }
    // Two letters: their pair is the answer.
    if term.finder.needle().len() == 2 {
        return Swept { term, lo, bits };
    }
    if long
        && left * DENSE >= hi - lo
        && let Some(swept) = own_hits(index, &term.finder, lo, hi)
    {
        bits.iter_mut().zip(swept).for_each(|(b, s)| *b &= s);
        return Swept { term, lo, bits };
    }
    for (w, word) in bits.iter_mut().enumerate() {
        let mut rest = *word;
        while rest != 0 {
            let k = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if term
                .finder
                .find(index.own(lo + w * 64 + k).as_bytes())
                .is_none()
            {
                *word &= !(1 << k);
            }
        }
    }
    Swept { term, lo, bits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An index of these events' own texts only (no names), as `SearchIndex::new` frames
    /// them: each text starts with `\n`.
    fn index(texts: &[&str]) -> SearchIndex {
        let mut text = String::new();
        let mut starts = Vec::new();
        for t in texts {
            starts.push(text.len());
            text.push('\n');
            text.push_str(t);
        }
        starts.push(text.len());
        SearchIndex {
            long: starts[1..].to_vec().into(),
            text: text.into(),
            starts: starts.into(),
            ..SearchIndex::default()
        }
    }

    /// The events of `lo..hi` whose own text holds `needle`, one search each.
    fn each(ix: &SearchIndex, needle: &str, lo: usize, hi: usize) -> Vec<usize> {
        (lo..hi).filter(|&i| ix.own(i).contains(needle)).collect()
    }

    fn swept(ix: &SearchIndex, needle: &str, lo: usize, hi: usize) -> Vec<usize> {
        let bits = own_hits(ix, &Finder::new(needle), lo, hi).expect("offsets fit");
        (lo..hi).filter(|&i| bits::get(&bits, i - lo)).collect()
    }

    #[test]
    fn an_occurrence_across_two_events_is_in_neither() {
        // `ab` + `\ncd`: the text holds `b\nc`, which no event does.
        let ix = index(&["ab", "cd", "xbx", "b"]);
        assert_eq!(swept(&ix, "b\nc", 0, 4), Vec::<usize>::new());
        assert_eq!(swept(&ix, "b", 0, 4), [0, 2, 3]);
        // A term at an event's very end, and one that runs into the next event.
        assert_eq!(swept(&ix, "d", 0, 4), [1]);
        assert_eq!(swept(&ix, "d\nx", 0, 4), Vec::<usize>::new());
        // Only the stretch asked for.
        assert_eq!(swept(&ix, "b", 1, 3), [2]);
    }

    #[test]
    fn offsets_that_do_not_fit_are_not_swept_and_cut_chars_hold_nothing() {
        let mut ix = index(&["añb", "b"]);
        ix.starts.set_low(2, 8);
        assert!(own_hits(&ix, &Finder::new("b"), 0, 2).is_none());
        // Event 0 ends inside `ñ` (a forged entry): it holds nothing, as `own` reads it.
        let mut ix = index(&["añb", "b"]);
        ix.starts.set_low(1, 3);
        assert_eq!(ix.own(0), "");
        assert_eq!(swept(&ix, "a", 0, 2), Vec::<usize>::new());
    }

    proptest! {
        /// A sweep finds what a search in each event finds, on texts of few letters (so
        /// that terms repeat and run across events) and any stretch.
        #[test]
        fn a_sweep_finds_what_a_search_per_event_finds(
            texts in prop::collection::vec("[abé\n ]{0,12}", 1..30),
            needle in "[abé\n]{1,4}",
            cut in (0usize..30, 0usize..30),
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let ix = index(&refs);
            let (lo, hi) = (cut.0.min(cut.1).min(texts.len()), cut.0.max(cut.1).min(texts.len()));
            prop_assert_eq!(swept(&ix, &needle, lo, hi), each(&ix, &needle, lo, hi));
        }
    }
}
