//! Cheap answers before a search: the letters an event holds rule most events out (or,
//! for a one-letter query, answer exactly), and the events of each term (once known) or
//! one pass for all of a term's spellings rule out the events that hold none of them.

use super::{SearchIndex, TextTerm, find_word};

impl TextTerm {
    /// Does event `i`'s own text hold a spelling of a matching term, as a whole word?
    pub(super) fn spelled(&self, index: &SearchIndex, i: usize) -> bool {
        // The index knows each term's events: one bit answers.
        if let Some(bits) = &self.spelled_events {
            return crate::domain::bits::get(bits, i);
        }
        let own = index.own(i).as_bytes();
        // (An index without letter masks is scanned plainly, for comparison.)
        if let Some(ac) = &self.any_spelling
            && !index.letters.is_empty()
            && !ac.is_match(own)
        {
            return false;
        }
        self.spellings.iter().any(|f| find_word(f, own))
    }

    /// Does event `i`'s own text contain the pattern? Its letters answer first: most often
    /// exactly (one letter), or "no" without a search.
    pub(super) fn in_own(&self, index: &SearchIndex, i: usize) -> bool {
        match index.letters.get(i) {
            Some(&m) if self.single => m & self.need != 0,
            _ => {
                index.may_hold(i, self.need) && self.finder.find(index.own(i).as_bytes()).is_some()
            }
        }
    }
}
