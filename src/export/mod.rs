//! Export: the checked timeline back out as JSON (mirrors the file format and round-trips),
//! CSV (one row per event, the same record as `search --format json`) or Markdown (a
//! readable chronology with footnoted sources).

mod markdown;
mod rows;

pub use markdown::{markdown, write_markdown};
pub use rows::{COLUMNS, Row, csv, row};

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
    to_json(&to_raw(t))
}

/// Pretty JSON that is safe to print on a terminal and still exact: besides the control
/// characters JSON always escapes, DEL, C1 controls and bidirectional overrides and
/// isolates are written as `\uXXXX` escapes, which decode to the very same text.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let fmt = TerminalSafe(serde_json::ser::PrettyFormatter::new());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    value
        .serialize(&mut ser)
        .expect("plain data always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A JSON formatter that escapes what a terminal would act on (see [`to_json`]).
struct TerminalSafe<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for TerminalSafe<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::domain::text::is_unsafe(c))
        {
            w.write_all(&rest.as_bytes()[..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
