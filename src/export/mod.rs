//! Export: the checked timeline back out as JSON (mirrors the file format and round-trips),
//! CSV (one row per event, the same record as `search --format json`) or Markdown (a
//! readable chronology with footnoted sources).

mod markdown;
mod ron;
mod rows;
mod timelinejs;
mod timesketch;

pub use self::ron::{ron, to_ron, write_ron};
pub use markdown::{markdown, write_markdown};
pub use rows::{COLUMNS, CSV_COLUMNS, Row, csv, row, write_csv};
pub use timelinejs::{timelinejs, write_timelinejs};
pub use timesketch::{Unbounded, write_timesketch};

use crate::domain::{Edtf, EventRef, Timeline};
use crate::load::raw::*;
use serde::Serialize;
use std::io::{self, Write};

/// The timeline as file structs, field for field (events in chronological order).
pub fn to_raw(t: &Timeline) -> RawTimeline {
    let head = head(t);
    RawTimeline {
        title: t.title.clone(),
        description: t.description.clone(),
        people: head.people,
        sources: head.sources,
        places: head.places,
        terms: head.terms,
        eras: eras(t),
        events: t.events().map(|e| raw_event(t, &e)).collect(),
    }
}

/// The timeline's eras as file structs.
fn eras(t: &Timeline) -> Vec<RawEra> {
    t.eras
        .iter()
        .map(|e| RawEra {
            title: e.title.clone(),
            date: e.date.to_edtf(),
        })
        .collect()
}

/// Everything of a file but its title, description and events.
struct Head {
    people: Vec<RawPerson>,
    sources: Vec<RawSource>,
    places: Vec<RawPlace>,
    terms: Vec<RawTerm>,
}

/// The timeline as [`RawTimeline`] serialises it, but with each event made as it is
/// written: a million events are never all copied at once.
#[derive(Serialize)]
#[serde(rename = "Timeline")]
struct Streamed<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    people: Vec<RawPerson>,
    sources: Vec<RawSource>,
    places: Vec<RawPlace>,
    terms: Vec<RawTerm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<RawEra>,
    events: Events<'a>,
}

/// The events, serialised one at a time.
struct Events<'a>(&'a Timeline);

impl Serialize for Events<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        s.collect_seq(t.events().map(|e| raw_event(t, &e)))
    }
}

fn head(t: &Timeline) -> Head {
    Head {
        people: t
            .people
            .iter()
            .map(|p| RawPerson {
                id: p.id.clone(),
                name: p.name.clone(),
                aliases: p.aliases.clone(),
                born: p.born.as_ref().map(Edtf::to_edtf),
                died: p.died.as_ref().map(Edtf::to_edtf),
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
                published: s.published.as_ref().map(Edtf::to_edtf),
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
                quality: c.quality(),
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
        display_date: owned(e.display_date()),
        media: e
            .media()
            .map(|m| RawMedia {
                url: m.url.to_string(),
                caption: owned(m.caption),
                credit: owned(m.credit),
            })
            .collect(),
        fields: Fields(
            e.fields()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
    }
}

/// The whole timeline as pretty JSON (text kept byte for byte).
pub fn json(t: &Timeline) -> String {
    let mut out = Vec::new();
    write_json(t, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`json`], streamed to `out` event by event (no newline at the end).
pub fn write_json(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    let head = head(t);
    let doc = Streamed {
        title: &t.title,
        description: t.description.as_deref(),
        people: head.people,
        sources: head.sources,
        places: head.places,
        terms: head.terms,
        eras: eras(t),
        events: Events(t),
    };
    write_value(&doc, out)
}

/// Pretty JSON that is safe to print on a terminal and still exact: besides the control
/// characters JSON always escapes, DEL, C1 controls and bidirectional overrides and
/// isolates are written as `\uXXXX` escapes, which decode to the very same text.
pub fn to_json<T: Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    write_value(value, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`to_json`], streamed to `out`.
pub fn write_value<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    let fmt = TerminalSafe(serde_json::ser::PrettyFormatter::new());
    let mut ser = serde_json::Serializer::with_formatter(out, fmt);
    value
        .serialize(&mut ser)
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails as a closed pipe does.
    struct Closing {
        room: usize,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn streamed_json_is_the_file_structs_json() {
        let t = crate::load::load_bundled().timeline;
        assert_eq!(json(&t), to_json(&to_raw(&t)));
    }

    #[test]
    fn a_closed_pipe_stops_every_export_as_a_closed_pipe() {
        let t = crate::load::load_bundled().timeline;
        type Export = fn(&Timeline, &mut dyn Write) -> io::Result<()>;
        let exports: [(&str, Export); 3] = [
            ("json", write_json),
            ("csv", write_csv),
            ("markdown", |t, out| write_markdown(t, false, out)),
        ];
        for (name, export) in exports {
            let err = export(&t, &mut Closing { room: 100 }).expect_err(name);
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "{name}: {err}");
        }
    }
}
