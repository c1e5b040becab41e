//! Complete results of the last few filters, so that deleting a letter (back to a query
//! already run) or going back to an earlier query costs a redraw, not a scan.
//!
//! Only complete results are remembered (the scan's last delivery), with the settled
//! matcher that found them (its fuzzy fallback decided, for highlighting) and the counts.
//! A new dataset starts a new explorer state, and so an empty memo.

use super::Facet;
use crate::domain::EventIdx;
use crate::query::Matcher;
use crate::query::scan::Counts;
use std::collections::VecDeque;
use std::sync::Arc;

/// Most results remembered.
pub const ENTRIES: usize = 32;

/// Most bytes of hits and counts remembered (the hits are shared with the list shown).
pub const BUDGET: usize = 48 << 20;

/// One query's complete results.
#[derive(Clone)]
pub struct Entry {
    /// The query that found them (settled).
    pub matcher: Arc<Matcher>,
    /// The facets in force.
    pub facets: Vec<Facet>,
    /// The matching events, in order.
    pub hits: Arc<Vec<EventIdx>>,
    /// Their counts.
    pub counts: Arc<Counts>,
}

impl Entry {
    fn bytes(&self) -> usize {
        let c = &self.counts;
        (self.hits.len() + c.people.len() + c.sources.len() + c.years.len())
            * std::mem::size_of::<u32>()
    }

    fn is_for(&self, m: &Matcher, facets: &[Facet]) -> bool {
        // The same facets as a set (each list may name one twice).
        self.matcher.query() == m.query()
            && self.facets.iter().all(|f| facets.contains(f))
            && facets.iter().all(|f| self.facets.contains(f))
    }
}

/// The remembered results, most recently used first, within [`ENTRIES`] and [`BUDGET`].
#[derive(Clone, Default)]
pub struct Memo {
    entries: VecDeque<Entry>,
    bytes: usize,
}

impl Memo {
    /// The results of `m`'s query under `facets`, if remembered (it becomes the most
    /// recently used).
    pub fn get(&mut self, m: &Matcher, facets: &[Facet]) -> Option<Entry> {
        let k = self.entries.iter().position(|e| e.is_for(m, facets))?;
        let e = self.entries.remove(k)?;
        self.entries.push_front(e.clone());
        Some(e)
    }

    /// Remember complete results, forgetting the least recently used beyond the bounds.
    /// Results bigger than the whole budget are not kept.
    pub fn put(&mut self, e: Entry) {
        if let Some(k) = self
            .entries
            .iter()
            .position(|x| x.is_for(&e.matcher, &e.facets))
            && let Some(old) = self.entries.remove(k)
        {
            self.bytes -= old.bytes();
        }
        if e.bytes() > BUDGET {
            return;
        }
        self.bytes += e.bytes();
        self.entries.push_front(e);
        while self.entries.len() > ENTRIES || self.bytes > BUDGET {
            match self.entries.pop_back() {
                Some(old) => self.bytes -= old.bytes(),
                None => break,
            }
        }
    }

    /// How many results are remembered.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
