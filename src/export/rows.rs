//! One event as a flat record, shared by `export --format csv` (a row) and
//! `search --format json` (an object), so that both name people, places and sources the
//! same way: ids under `people` and `sources`, names beside them.

use super::raw_event;
use crate::domain::{EventRef, Timeline};
use crate::load::raw::{RawCite, RawLink};
use crate::load::syntax::sheet::own;
use std::io::{self, Write};

/// The CSV columns but the last (`details`), which are also the keys of each object
/// `search --format json` prints. One list, kept with the reader of the CSV export.
pub const COLUMNS: &[&str] = own::COLUMNS.as_slice().split_at(15).0;

/// The CSV export's columns: [`COLUMNS`], then `details` (JSON of what the other cells
/// cannot carry exactly, so that `annals import` gives the events back; empty when they
/// carry it all).
pub const CSV_COLUMNS: [&str; 16] = own::COLUMNS;

/// One event, resolved. Lists keep the file's order; `people_names` is parallel to
/// `people`, `source_titles` to `sources`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Row {
    /// Event id.
    pub id: String,
    /// The date as written (EDTF).
    pub date: String,
    /// The date as people read it (`c. 1980`, `May 2017?`).
    pub when: String,
    /// The earliest instant the date can mean, ISO 8601 in the date's own offset
    /// (`1985-04-12`, `1985-04-12T23:20:30+04:30`); none when unbounded (an open or
    /// unknown start).
    pub earliest: Option<String>,
    /// The latest instant, likewise.
    pub latest: Option<String>,
    /// Title.
    pub title: String,
    /// Summary (empty when there is none).
    pub summary: String,
    /// Person ids.
    pub people: Vec<String>,
    /// Person names, one per id in `people`.
    pub people_names: Vec<String>,
    /// Place names (places are known by name: the name is the id).
    pub places: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The ids of the cited sources, each once, in order of first citation.
    pub sources: Vec<String>,
    /// Source titles, one per id in `sources`.
    pub source_titles: Vec<String>,
    /// Every citation: source id, locator, quote, the source's date and note.
    pub citations: Vec<RawCite>,
    /// Links: target event id, kind, note.
    pub links: Vec<RawLink>,
    /// The CSV's `details` cell (not a key of `search --format json`, whose objects carry
    /// citations and links whole).
    #[serde(skip)]
    pub details: String,
}

/// The record of event `e` of `t`.
pub fn row(t: &Timeline, e: &EventRef<'_>) -> Row {
    let r = raw_event(t, e);
    let mut sources: Vec<String> = Vec::new();
    let mut source_titles = Vec::new();
    for c in e.citations() {
        let s = t.source(c.source);
        if !sources.contains(&s.id) {
            sources.push(s.id.clone());
            source_titles.push(s.title.clone());
        }
    }
    let (earliest, latest) = e.date.bounds_iso();
    let mut row = Row {
        when: e.date.short(),
        earliest,
        latest,
        summary: r.summary.unwrap_or_default(),
        people_names: e
            .people()
            .iter()
            .map(|&p| t.person(p).name.clone())
            .collect(),
        sources,
        source_titles,
        id: r.id,
        date: r.date,
        title: r.title,
        people: r.people,
        places: r.places,
        tags: r.tags,
        citations: r.citations,
        links: r.links,
        details: String::new(),
    };
    row.details = own::details(&own::Values {
        people: &row.people,
        people_names: &row.people_names,
        places: &row.places,
        tags: &row.tags,
        sources: &row.sources,
        source_titles: &row.source_titles,
        citations: &row.citations,
        links: &row.links,
        display_date: r.display_date.as_deref(),
        media: &r.media,
        fields: &r.fields,
    });
    row
}

impl Row {
    /// The CSV cells, in [`CSV_COLUMNS`] order: lists joined with `; `, a citation as
    /// `SOURCE LOCATOR`, a link as `KIND TO`.
    pub fn cells(&self) -> [String; 16] {
        [
            self.id.clone(),
            self.date.clone(),
            self.when.clone(),
            self.earliest.clone().unwrap_or_default(),
            self.latest.clone().unwrap_or_default(),
            self.title.clone(),
            self.summary.clone(),
            own::join(&self.people),
            own::join(&self.people_names),
            own::join(&self.places),
            own::join(&self.tags),
            own::join(&self.sources),
            own::join(&self.source_titles),
            own::cites_cell(&self.citations),
            own::links_cell(&self.links),
            self.details.clone(),
        ]
    }
}

/// One CSV row per event, under a header of [`CSV_COLUMNS`].
pub fn csv(t: &Timeline) -> String {
    let mut out = Vec::new();
    write_csv(t, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("input was UTF-8")
}

/// [`csv`], streamed to `out` row by row.
pub fn write_csv(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    // The writer's own error, not csv's wrapper around it: a closed pipe must still
    // read as one.
    let io = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    };
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(io)?;
    for e in t.events() {
        w.write_record(row(t, &e).cells()).map_err(io)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::syntax::sheet::own::DETAILS;

    #[test]
    fn the_json_keys_are_the_csv_columns_but_details() {
        let loaded = crate::load::load_bundled();
        let t = &loaded.timeline;
        let e = t.events().next().unwrap();
        let v = serde_json::to_value(row(t, &e)).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(CSV_COLUMNS[COLUMNS.len()..], [DETAILS]);
        let mut columns = COLUMNS.to_vec();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        columns.sort_unstable();
        assert_eq!(sorted, columns);
    }
}
