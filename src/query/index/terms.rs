//! Which events hold each term, worked out once after loading (off the UI thread, not at
//! index build time, and not stored in the cache): a query that names a term (any query
//! whose text is in a term's name: two typed letters often are) then tests one bit per
//! event instead of looking for every spelling in the event's text.
//!
//! The answer is the one the scan gives without it: an event holds a term when one of its
//! spellings is in the event's own text as a whole word ([`find_word`], the same test).

use super::SearchIndex;
use crate::domain::num::u32_of;
use crate::domain::par;
use crate::query::matcher::find_word;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use memchr::memmem::Finder;

impl SearchIndex {
    /// Work out which events hold each term, if not done yet: one pass over every
    /// event's text for all spellings at once (on two cores), then the whole-word test of
    /// each term in the few events that hold a spelling. Until this is done (and when the
    /// answer would take more than [`SearchIndex::term_events`]' budget), queries look
    /// for the spellings in each event as before.
    ///
    /// `go_on` is asked every few thousand events: when it says no (the explorer let go of
    /// this index, say after a reload), the work stops and the index keeps looking for
    /// spellings per event.
    pub fn settle_terms(&self, go_on: impl Fn() -> bool + Sync) {
        self.term_events
            .get_or_init(|| self.find_term_events(&go_on));
    }

    /// The events (ascending) holding each term, by term number, once
    /// [`SearchIndex::settle_terms`] has run; `None` before, or when there were more
    /// than one per event on average (64 Ki at least): terms that common are not worth
    /// the memory.
    pub(crate) fn term_events(&self) -> Option<&[Vec<u32>]> {
        self.term_events.get().and_then(Option::as_deref)
    }

    fn find_term_events(&self, go_on: &(impl Fn() -> bool + Sync)) -> Option<Vec<Vec<u32>>> {
        self.find_term_events_within(self.len().max(1 << 16), go_on)
    }

    /// [`SearchIndex::find_term_events`] with at most `budget` events in all.
    fn find_term_events_within(
        &self,
        budget: usize,
        go_on: &(impl Fn() -> bool + Sync),
    ) -> Option<Vec<Vec<u32>>> {
        let finders: Vec<Vec<Finder<'_>>> = self
            .spellings
            .iter()
            .map(|all| all.iter().map(|s| Finder::new(s.as_bytes())).collect())
            .collect();
        // All spellings at once rule out the events that hold none (most). A DFA is the
        // fastest, but its size grows with the spellings' bytes: past 64 KiB of them the
        // automaton's own choice (smaller, slower). Without any automaton this is not
        // worth doing: queries look per event, as before.
        let bytes: usize = self.spellings.iter().flatten().map(String::len).sum();
        let kind = (bytes <= 64 << 10).then_some(AhoCorasickKind::DFA);
        let any = AhoCorasick::builder()
            .kind(kind)
            .build(self.spellings.iter().flatten())
            .ok()?;
        let part = |from: usize, to: usize| {
            let mut out = vec![Vec::new(); finders.len()];
            let mut held = 0;
            for i in from..to {
                if held > budget || (i % 4096 == 0 && !go_on()) {
                    return None;
                }
                let own = self.own(i).as_bytes();
                if !any.is_match(own) {
                    continue;
                }
                for (k, spelled) in finders.iter().enumerate() {
                    if spelled.iter().any(|f| find_word(f, own)) {
                        out[k].push(u32_of(i));
                        held += 1;
                    }
                }
            }
            Some(out)
        };
        let (n, mid) = (self.len(), self.len() / 2);
        let (second, first) = par::join(|| part(mid, n), || part(0, mid));
        let (mut first, second) = (first?, second?);
        if first.iter().chain(&second).map(Vec::len).sum::<usize>() > budget {
            return None;
        }
        for (a, b) in first.iter_mut().zip(second) {
            a.extend(b);
        }
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_events_are_kept_only_when_finished_and_within_the_budget() {
        let t = crate::load::load_bundled().timeline;
        assert!(!t.terms.is_empty(), "the bundled timeline has terms");
        let settled = SearchIndex::new(&t);
        settled.settle_terms(|| true);
        let held = settled.term_events().expect("worked out");
        assert_eq!(held.len(), t.terms.len());
        assert!(held.iter().any(|e| !e.is_empty()), "some term is held");
        // Stopped on the way: nothing kept (queries look per event).
        let stopped = SearchIndex::new(&t);
        stopped.settle_terms(|| false);
        assert!(stopped.term_events().is_none());
        // Over budget: nothing kept either.
        let total: usize = held.iter().map(Vec::len).sum();
        let x = SearchIndex::new(&t);
        assert!(x.find_term_events_within(total - 1, &|| true).is_none());
        assert_eq!(
            x.find_term_events_within(total, &|| true).as_deref(),
            Some(held)
        );
    }
}
