//! What is shown: the filter and facets in force, and the counts that follow them.

use super::App;
use super::scan::{self, ScanJob, Scanning};
use crate::domain::{EventIdx, EventRef, PersonIdx, SourceIdx};
use crate::query::{Matcher, Query, parse};
use std::sync::Arc;

/// A facet narrows the list to one person's or one source's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    /// Events this person takes part in.
    Person(PersonIdx),
    /// Events citing this source.
    Source(SourceIdx),
}

impl Facet {
    /// Does the event pass this facet?
    pub fn admits(self, e: &EventRef<'_>) -> bool {
        match self {
            Facet::Person(p) => e.people().contains(&p),
            Facet::Source(s) => e.citations().any(|c| c.source == s),
        }
    }
}

/// The year an event counts under in the density strip.
pub(super) fn year_of(e: &EventRef<'_>) -> Option<i32> {
    use chrono::Datelike;
    e.date.earliest().or(e.date.latest()).map(|d| d.year())
}

impl App {
    /// Recompute what is shown after the filter or facets changed. Big timelines hand the
    /// work to the runtime as a [`ScanJob`] (see [`App::job`]); small ones filter now.
    pub(crate) fn refilter(&mut self) {
        let everything = self.matcher.query().is_empty() && self.facets.is_empty();
        if self.timeline.len() >= self.async_from && !everything {
            self.start_scan();
        } else {
            self.refilter_now();
        }
    }

    fn new_job(&mut self) -> ScanJob {
        self.generation += 1;
        // Typing more of the same query: only the last complete results need a look.
        let base = self.last_done.as_ref().and_then(|d| {
            let same =
                Arc::ptr_eq(&d.matcher, &self.matcher) || d.matcher.query() == self.matcher.query();
            let narrower = same || self.matcher.narrows(&d.matcher);
            let facets = d.facets.iter().all(|f| self.facets.contains(f));
            (narrower && facets).then(|| d.visible.clone())
        });
        ScanJob {
            generation: self.generation,
            matcher: self.matcher.clone(),
            facets: self.facets.clone(),
            base,
            first_year: self.first_year,
            years: self.counts.years.len(),
            slice: self.slice,
        }
    }

    fn start_scan(&mut self) {
        let job = self.new_job();
        self.scanning = Some(Scanning {
            generation: job.generation,
            before: self.selected(),
            scanned: (
                0,
                job.base.as_ref().map_or(self.timeline.len(), |b| b.len()),
            ),
            started: false,
        });
        self.job = Some(job);
    }

    /// Filter now, on this thread.
    pub(crate) fn refilter_now(&mut self) {
        self.job = None;
        let before = self.selected();
        if self.matcher.query().is_empty() && self.facets.is_empty() {
            self.generation += 1;
            self.scanning = None;
            self.visible = (0..self.timeline.len() as EventIdx).collect();
            self.counts = self.totals.clone();
            self.last_done = None;
            self.place_cursor(before);
            return;
        }
        let job = self.new_job();
        self.scanning = Some(Scanning {
            generation: job.generation,
            before,
            scanned: (0, 0),
            started: false,
        });
        let (t, index) = (self.timeline.clone(), self.index.clone());
        let mut results = Vec::new();
        scan::run(&job, &t, &index, &|| false, &mut |r| results.push(r));
        for r in results {
            self.deliver(r);
        }
    }

    /// Finish a running scan here and now (before a jump that needs the final list).
    pub(crate) fn finish_scan(&mut self) {
        if self.scanning.is_some() {
            self.refilter_now();
        }
    }

    /// Select `before` if shown, else the nearest event after it.
    pub(crate) fn place_cursor(&mut self, before: Option<EventIdx>) {
        let cursor = match before {
            Some(b) => self.visible.partition_point(|&i| i < b),
            None => 0,
        };
        self.list.cursor = cursor.min(self.visible.len().saturating_sub(1));
        if self.selected() != before {
            self.link = None;
            self.detail_scroll = 0;
        }
        self.scroll_into_view();
    }

    /// Take the filter as typed into force if it parses; otherwise keep the last good one
    /// and remember why.
    pub(crate) fn apply_filter_text(&mut self) {
        match parse(&self.filter) {
            Ok(q) => {
                self.query_error = None;
                let mut m = Matcher::new(q, &self.index);
                if let Some(d) = &self.last_done {
                    m.inherit_fuzzy(&d.matcher, &self.index);
                }
                self.matcher = Arc::new(m);
                self.refilter();
            }
            Err(e) => self.query_error = Some(e),
        }
    }

    /// Drop the filter and every facet.
    pub(crate) fn clear_filter(&mut self) {
        self.filter.clear();
        self.query_error = None;
        self.facets.clear();
        self.matcher = Arc::new(Matcher::new(Query::default(), &self.index));
        self.refilter_now();
    }

    /// Add the facet, or remove it when it is already in force.
    pub(crate) fn toggle_facet(&mut self, f: Facet) {
        if let Some(i) = self.facets.iter().position(|x| *x == f) {
            self.facets.remove(i);
        } else {
            self.facets.push(f);
        }
        self.refilter();
    }

    /// Make `e` selectable, clearing the filter and facets if they hide it.
    /// Returns whether the filter had to go.
    pub(crate) fn reveal(&mut self, e: EventIdx) -> bool {
        self.finish_scan();
        if self.visible.binary_search(&e).is_ok() {
            return false;
        }
        self.clear_filter();
        true
    }
}
