//! What is shown: the filter and facets in force, and the counts that follow them.

use super::App;
use super::Scanning;
use super::scan::{self, ScanJob};
use crate::domain::EventIdx;
use crate::domain::num::u32_of;
use crate::query::scan::Facet;
use crate::query::{Matcher, Query, parse, resolve};
use std::sync::Arc;

/// Neighbours shown before and after each match when context is on (`c`).
pub const CONTEXT: usize = 2;

impl App {
    /// Recompute what is shown after the filter or facets changed. Big timelines hand the
    /// work to the runtime as a [`ScanJob`] (in the update's [`super::Effects`]); small ones
    /// filter now.
    pub(super) fn refilter(&mut self) {
        let everything = self.filter.matcher.query().is_empty() && self.filter.facets.is_empty();
        if !everything && self.recall() {
            return;
        }
        if self.data.timeline.len() >= self.filter.async_from && !everything {
            self.start_scan();
        } else {
            self.refilter_now();
        }
    }

    /// Show the remembered results of the filter in force, if there are any (deleting a
    /// letter, going back to an earlier query), as a finished scan would. Returns whether
    /// it did.
    fn recall(&mut self) -> bool {
        let Some(e) = self
            .filter
            .memo
            .get(&self.filter.matcher, &self.filter.facets)
        else {
            return false;
        };
        let before = self.selected();
        self.call_off_scan();
        self.filter.visible = e.hits.as_ref().clone();
        self.filter.matched = None;
        self.filter.counts = e.counts.as_ref().clone();
        self.filter.matcher = e.matcher.clone();
        self.filter.last_done = Some(super::Done {
            matcher: e.matcher,
            facets: self.filter.facets.clone(),
            visible: e.hits,
            counts: e.counts,
        });
        self.show_context();
        self.place_cursor(before);
        true
    }

    /// The list is answered here: a scan running or asked for is no longer wanted.
    fn call_off_scan(&mut self) {
        self.filter.generation += 1;
        self.fx.scan = None;
        if self.filter.scanning.take().is_some() {
            self.fx.stop_scan = true;
        }
    }

    fn new_job(&mut self) -> ScanJob {
        self.filter.generation += 1;
        // Typing more of the same query: only the last complete results need a look.
        let base = self.filter.last_done.as_ref().and_then(|d| {
            let same = Arc::ptr_eq(&d.matcher, &self.filter.matcher)
                || d.matcher.query() == self.filter.matcher.query();
            let narrower = same || self.filter.matcher.narrows(&d.matcher);
            let facets = d.facets.iter().all(|f| self.filter.facets.contains(f));
            (narrower && facets).then(|| (d.visible.clone(), d.counts.clone()))
        });
        let (base, base_counts) = base.unzip();
        ScanJob {
            generation: self.filter.generation,
            matcher: self.filter.matcher.clone(),
            facets: self.filter.facets.clone(),
            base,
            base_counts,
            bins: self.data.years,
            years: self.filter.counts.years.len(),
            slice: self.filter.slice,
        }
    }

    fn start_scan(&mut self) {
        let job = self.new_job();
        self.filter.scanning = Some(Scanning {
            generation: job.generation,
            before: self.selected(),
            scanned: (
                0,
                job.base
                    .as_ref()
                    .map_or(self.data.timeline.len(), |b| b.len()),
            ),
            started: false,
        });
        self.fx.scan = Some(job);
    }

    /// Filter now, on this thread.
    pub(super) fn refilter_now(&mut self) {
        let before = self.selected();
        // A scan running on the filter thread is for a query this one replaces.
        self.call_off_scan();
        if self.filter.matcher.query().is_empty() && self.filter.facets.is_empty() {
            self.filter.visible = (0..u32_of(self.data.timeline.len())).collect();
            self.filter.matched = None;
            self.filter.counts = self.data.totals.clone();
            self.filter.last_done = None;
            self.place_cursor(before);
            return;
        }
        let job = self.new_job();
        self.filter.scanning = Some(Scanning {
            generation: job.generation,
            before,
            scanned: (0, 0),
            started: false,
        });
        let index = self.data.index.clone();
        let mut results = Vec::new();
        scan::run(&job, &index, &|| false, &mut |r| results.push(r));
        for r in results {
            self.deliver(r);
        }
    }

    /// Finish a running scan here and now (before a jump that needs the final list).
    pub(super) fn finish_scan(&mut self) {
        if self.filter.scanning.is_some() {
            self.refilter_now();
        }
    }

    /// `c`: show the neighbours of each match, or stop showing them. The selected event
    /// stays selected (when it was a neighbour and they go, the nearest match after it).
    pub(super) fn toggle_context(&mut self) {
        self.filter.context = !self.filter.context;
        let before = self.selected();
        if self.filter.context {
            self.show_context();
        } else if let Some(m) = self.filter.matched.take() {
            self.filter.visible = m;
        }
        self.place_cursor(before);
        self.view.message = Some(if self.filter.context {
            format!("context on: {CONTEXT} neighbours of each match, dimmed (c: off)")
        } else {
            "context off".into()
        });
    }

    /// With context on and a filter in force (its scan complete), add each match's
    /// neighbours from the whole timeline to what is shown.
    pub(super) fn show_context(&mut self) {
        if !self.filter.context || self.filter.matched.is_some() || !self.is_filtered() {
            return;
        }
        if self.filter.scanning.is_some() {
            return; // shown once the scan is done
        }
        let matched = std::mem::take(&mut self.filter.visible);
        let len = self.data.timeline.len();
        self.filter.visible = scan::context_groups(&matched, CONTEXT, len)
            .into_iter()
            .flatten()
            .map(u32_of)
            .collect();
        self.filter.matched = Some(matched);
    }

    /// Is `e` shown only as a neighbour of a match (context on)?
    pub fn is_context(&self, e: EventIdx) -> bool {
        self.filter
            .matched
            .as_ref()
            .is_some_and(|m| m.binary_search(&e).is_err())
    }

    /// How many events the filter matches (neighbours shown for context not counted).
    pub fn match_count(&self) -> usize {
        self.filter
            .matched
            .as_ref()
            .map_or(self.filter.visible.len(), Vec::len)
    }

    /// Select `before` if shown, else the nearest event after it.
    pub(super) fn place_cursor(&mut self, before: Option<EventIdx>) {
        let cursor = match before {
            Some(b) => self.filter.visible.partition_point(|&i| i < b),
            None => 0,
        };
        self.nav.list.cursor = cursor.min(self.filter.visible.len().saturating_sub(1));
        if self.selected() != before {
            self.nav.link = None;
            self.nav.detail_scroll = 0;
        }
        self.scroll_into_view();
    }

    /// Take the filter as typed into force if it parses; otherwise keep the last good one
    /// and remember why.
    pub(super) fn apply_filter_text(&mut self) {
        let parsed = parse(&self.filter.text).and_then(|mut q| {
            resolve(&mut q, &self.data.timeline, &self.data.index)?;
            Ok(q)
        });
        match parsed {
            Ok(q) => {
                self.filter.error = None;
                let mut m = Matcher::new(q, &self.data.index);
                if let Some(d) = &self.filter.last_done {
                    m.inherit_fuzzy(&d.matcher, &self.data.index);
                }
                self.filter.matcher = Arc::new(m);
                self.refilter();
            }
            Err(e) => self.filter.error = Some(e),
        }
    }

    /// Drop the filter and every facet.
    pub(super) fn clear_filter(&mut self) {
        self.filter.text.clear();
        self.filter.error = None;
        self.filter.facets.clear();
        self.filter.matcher = Arc::new(Matcher::new(Query::default(), &self.data.index));
        self.refilter_now();
    }

    /// Add the facet, or remove it when it is already in force.
    pub(super) fn toggle_facet(&mut self, f: Facet) {
        if let Some(i) = self.filter.facets.iter().position(|x| *x == f) {
            self.filter.facets.remove(i);
        } else {
            self.filter.facets.push(f);
        }
        self.refilter();
    }

    /// Make `e` selectable, clearing the filter and facets if they hide it.
    /// Returns whether the filter had to go.
    pub(super) fn reveal(&mut self, e: EventIdx) -> bool {
        self.finish_scan();
        if self.filter.visible.binary_search(&e).is_ok() {
            return false;
        }
        self.clear_filter();
        true
    }
}
