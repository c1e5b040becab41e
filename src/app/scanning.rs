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
            self.filter.counts = Counts::zero(&self.data.index, self.filter.counts.years.len());
        }
        s.scanned = r.scanned;
        self.filter.visible.extend_from_slice(&r.hits);
        self.filter.counts.merge(&r.counts);
        let finished = r.done.is_some();
        if let Some(m) = r.done {
            self.filter.matcher = m;
            self.filter.scanning = None;
            self.filter.last_done = Some(super::Done {
                matcher: self.filter.matcher.clone(),
                facets: self.filter.facets.clone(),
                visible: Arc::new(self.filter.visible.clone()),
            });
        }
        // Keep the selected event when it is (already) shown, else the nearest after it.
        let cursor = match before {
            Some(b) => self.filter.visible.partition_point(|&i| i < b),
            None => 0,
        };
        if finished || before.is_some_and(|b| self.filter.visible.get(cursor) == Some(&b)) {
            self.nav.list.cursor = cursor.min(self.filter.visible.len().saturating_sub(1));
        } else {
            self.nav.list.cursor = self
                .nav
                .list
                .cursor
                .min(self.filter.visible.len().saturating_sub(1));
        }
        if self.selected() != before && finished {
            self.nav.link = None;
            self.nav.detail_scroll = 0;
        }
        self.scroll_into_view();
    }
}
