//! What is shown: the filter and facets in force, and the counts that follow them.

use super::App;
use crate::domain::{EventIdx, EventRef, PersonIdx, SourceIdx};
use crate::query::{Matcher, Query, parse};

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
    /// Recompute what is shown after the filter or facets changed, keeping the selected
    /// event when it is still shown, or else the nearest one after it.
    pub(crate) fn refilter(&mut self) {
        let before = self.selected();
        let t = &self.timeline;
        let hits = self.matcher.filter(&self.index);
        self.visible = hits
            .into_iter()
            .filter(|&i| self.facets.iter().all(|f| f.admits(&t.event(i))))
            .collect();
        self.person_counts.iter_mut().for_each(|c| *c = 0);
        self.source_counts.iter_mut().for_each(|c| *c = 0);
        self.year_counts.iter_mut().for_each(|c| *c = 0);
        for &i in &self.visible {
            let e = t.event(i);
            for &p in e.people() {
                self.person_counts[p as usize] += 1;
            }
            // Count each source once per event, without allocating (a per-keystroke path).
            for (k, c) in e.citations().enumerate() {
                if !e.citations().take(k).any(|d| d.source == c.source) {
                    self.source_counts[c.source as usize] += 1;
                }
            }
            if let Some(y) = year_of(&e) {
                let k = (y - self.first_year) as usize;
                if let Some(c) = self.year_counts.get_mut(k) {
                    *c += 1;
                }
            }
        }
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
                self.matcher = Matcher::new(q, &self.index);
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
        self.matcher = Matcher::new(Query::default(), &self.index);
        self.refilter();
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
        if self.visible.binary_search(&e).is_ok() {
            return false;
        }
        self.clear_filter();
        true
    }
}
