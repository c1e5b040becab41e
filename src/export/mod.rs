//! Export: the checked timeline back out as JSON (mirrors the file format and round-trips),
//! CSV (one row per event) or Markdown (a readable chronology with footnoted sources).

mod markdown;

pub use markdown::markdown;

use crate::domain::{EventRef, Timeline};
use crate::load::raw::*;

/// The timeline as file structs, field for field (events in chronological order).
pub fn to_raw(t: &Timeline) -> RawTimeline {
    RawTimeline {
        title: t.title.clone(),
        description: t.description.clone(),
        people: t
            .people
            .iter()
            .map(|p| RawPerson {
                id: p.id.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                born: p.born.map(|d| d.to_edtf()),
                died: p.died.map(|d| d.to_edtf()),
                note: p.note.clone(),
            })
            .collect(),
        sources: t
            .sources
            .iter()
            .map(|s| RawSource {
                id: s.id.clone(),
                title: s.title.clone(),
                outlet: s.outlet.clone(),
                author: s.author.clone(),
                published: s.published.map(|d| d.to_edtf()),
                document: s.document.clone(),
                url: s.url.clone(),
                note: s.note.clone(),
            })
            .collect(),
        places: t
            .places
            .iter()
            .filter(|p| p.declared)
            .map(|p| RawPlace {
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                note: p.note.clone(),
            })
            .collect(),
        terms: t
            .terms
            .iter()
            .map(|x| RawTerm {
                name: x.name.clone(),
                aliases: x.aliases.clone(),
                note: x.note.clone(),
            })
            .collect(),
        events: t.events().map(|e| raw_event(t, &e)).collect(),
    }
}

/// One event as a file struct.
pub fn raw_event(t: &Timeline, e: &EventRef<'_>) -> RawEvent {
    let owned = |s: Option<&str>| s.map(str::to_string);
    RawEvent {
        id: e.id().to_string(),
        date: e.date.to_edtf(),
        title: e.title().to_string(),
        summary: (!e.summary().is_empty()).then(|| e.summary().to_string()),
        people: e.people().iter().map(|&p| t.person(p).id.clone()).collect(),
        places: e
            .places()
            .iter()
            .map(|&p| t.place(p).name.clone())
            .collect(),
        tags: e.tags().iter().map(|&g| t.tag(g).to_string()).collect(),
        citations: e
            .citations()
            .map(|c| RawCite {
                source: t.source(c.source).id.clone(),
                locator: owned(c.locator()),
                quote: owned(c.quote()),
                date: c.date().map(|d| d.to_edtf()),
                note: owned(c.note()),
            })
            .collect(),
        links: e
            .links()
            .map(|l| RawLink {
                to: t.event(l.to).id().to_string(),
                kind: l.kind,
                note: owned(l.note()),
            })
            .collect(),
    }
}

/// The whole timeline as pretty JSON (text kept byte for byte).
pub fn json(t: &Timeline) -> String {
    serde_json::to_string_pretty(&to_raw(t)).expect("plain data always serializes")
}

/// One CSV row per event: id, date (EDTF), when (as people read it), title, summary,
/// people, places, tags, sources, links. Lists are joined with `; `.
pub fn csv(t: &Timeline) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "id", "date", "when", "title", "summary", "people", "places", "tags", "sources", "links",
    ];
    w.write_record(header).expect("writing to memory");
    for e in t.events() {
        let r = raw_event(t, &e);
        let people: Vec<&str> = e
            .people()
            .iter()
            .map(|&p| t.person(p).name.as_str())
            .collect();
        let sources: Vec<String> = r
            .citations
            .iter()
            .map(|c| match &c.locator {
                Some(l) => format!("{} {l}", c.source),
                None => c.source.clone(),
            })
            .collect();
        let links: Vec<String> = r
            .links
            .iter()
            .map(|l| format!("{} {}", l.kind.name(), l.to))
            .collect();
        w.write_record([
            r.id.as_str(),
            &r.date,
            &e.date.short(),
            &r.title,
            r.summary.as_deref().unwrap_or(""),
            &people.join("; "),
            &r.places.join("; "),
            &r.tags.join("; "),
            &sources.join("; "),
            &links.join("; "),
        ])
        .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("input was UTF-8")
}
