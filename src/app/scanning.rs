//! The explorer's side of a filter in progress: which scan is current, and how its
//! results (from `Msg::Scanned`, or run inline for small timelines) change what is shown.

use super::App;
use crate::domain::EventIdx;
use crate::query::scan::{Counts, ScanResult};
use std::sync::Arc;

/// A scan in progress, as the explorer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scanning {
    /// Its generation.
    pub generation: u64,
    /// The event selected when it started (kept selected if it matches).
    pub before: Option<EventIdx>,
    /// Candidates looked at so far, and of how many.
    pub scanned: (usize, usize),
    /// Has it delivered anything yet (the old results stay until it does)?
    pub started: bool,
}

impl App {
    /// Take in results of the running scan (results of older scans are ignored).
    pub(super) fn deliver(&mut self, r: ScanResult) {
        let Some(s) = &mut self.filter.scanning else {
            return;
        };
        if r.generation != s.generation {
            return;
        }
        let before = s.before;
        if !s.started || r.restart {
            s.started = true;
            self.filter.visible.clear();
            self.filter.matched = None;
            self.filter.counts = Counts::zero(&self.data.index, self.filter.counts.years.len());
        }
        s.scanned = r.scanned;
        self.filter.visible.extend_from_slice(&r.hits);
        self.filter.counts.merge(&r.counts);
        let finished = r.done.is_some();
        if let Some(m) = r.done {
            self.filter.matcher = m;
            self.filter.scanning = None;
            let visible = Arc::new(self.filter.visible.clone());
            let counts = Arc::new(self.filter.counts.clone());
            self.filter.memo.put(super::memo::Entry {
                matcher: self.filter.matcher.clone(),
                facets: self.filter.facets.clone(),
                hits: visible.clone(),
                counts: counts.clone(),
            });
            self.filter.last_done = Some(super::Done {
                matcher: self.filter.matcher.clone(),
                facets: self.filter.facets.clone(),
                visible,
                counts,
            });
        }
        if finished {
            self.show_context();
            // The final list: the selected event if shown, else the nearest after it.
            self.place_cursor(before);
            return;
        }
        // Partial results: move to the selected event once it has arrived; until then
        // only keep the cursor within what has come.
        let at = before.map(|b| self.filter.visible.partition_point(|&i| i < b));
        let last = self.filter.visible.len().saturating_sub(1);
        self.nav.list.cursor = match (at, before) {
            (Some(k), Some(b)) if self.filter.visible.get(k) == Some(&b) => k,
            _ => self.nav.list.cursor.min(last),
        };
        self.scroll_into_view();
    }
}
