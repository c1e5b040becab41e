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
    pub fn settle_terms(&self) {
        self.term_events.get_or_init(|| self.find_term_events());
    }

    /// The events (ascending) holding each term, by term number, once
    /// [`SearchIndex::settle_terms`] has run; `None` before, or when there were more
    /// than one per event on average (64 Ki at least): terms that common are not worth
    /// the memory.
    pub(crate) fn term_events(&self) -> Option<&[Vec<u32>]> {
        self.term_events.get().and_then(Option::as_deref)
    }

    fn find_term_events(&self) -> Option<Vec<Vec<u32>>> {
        let budget = self.len().max(1 << 16);
        let finders: Vec<Vec<Finder<'_>>> = self
            .spellings
            .iter()
            .map(|all| all.iter().map(|s| Finder::new(s.as_bytes())).collect())
            .collect();
        // All spellings at once rule out the events that hold none (most); without the
        // automaton (too many spellings for it) every event is tested.
        let any = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(self.spellings.iter().flatten())
            .ok();
        let part = |from: usize, to: usize| {
            let mut out = vec![Vec::new(); finders.len()];
            let mut held = 0;
            for i in from..to {
                if held > budget {
                    return None;
                }
                let own = self.own(i).as_bytes();
                if any.as_ref().is_some_and(|ac| !ac.is_match(own)) {
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
