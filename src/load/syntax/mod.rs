//! Input syntaxes, one room each: how a syntax parses a document into the file structs
//! (with its own error positions) and how it finds where a value of the parsed document
//! sits in the text, so that problems found after parsing still point at `PATH:LINE:COL`.
//!
//! A new format (CSV, GEDCOM …) is a new [`Syntax`] here and a [`super::Format`] variant.

mod gedcom;
mod json;
mod ron;
pub(crate) mod sheet;
pub mod timelinejs;
pub mod timesketch;

pub use self::gedcom::{Gedcom, julian_to_gregorian, looks_like as looks_like_gedcom};
pub use self::json::Json;
pub use self::ron::{Ron, ron_options};
pub use self::sheet::Sheet;
pub use self::timelinejs::{TimelineJsJson, TimelineJsSheet};
pub use self::timesketch::Timesketch;
use super::raw::RawTimeline;
pub use super::spans::{Pos, Seg};

/// A document read by a syntax: the timeline, and for imported formats a report of what
/// went where (columns → fields, rows read, what was kept only as a note).
#[derive(Debug)]
pub struct Read {
    /// The timeline in the file structs.
    pub timeline: RawTimeline,
    /// One line per fact of the import, for `annals import` to print (none for RON/JSON).
    pub report: Vec<String>,
}

/// What each input syntax provides.
pub trait Syntax: Sync {
    /// Parse a whole document. A syntax error comes back as where and what (the caller
    /// adds the file name).
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)>;

    /// Read a whole document with every problem found (each where and what) and a report
    /// of what went where. By default, [`Syntax::parse`] with an empty report.
    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        self.parse(src)
            .map(|timeline| Read {
                timeline,
                report: Vec::new(),
            })
            .map_err(|e| vec![e])
    }

    /// Where the value at each of `paths` starts in `src` (the nearest known ancestor's
    /// position when the path is not there), in the order of `paths`.
    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos>;
}

/// The position of each of `paths` in bracketed text (RON or JSON) found by one walk.
fn walk(src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
    let spans = super::spans::Spans::index_for(src, paths.iter().copied());
    paths.iter().map(|p| spans.locate(p)).collect()
}

/// A 1-based position, never 0 (parsers report 0 for "no position").
fn pos(line: usize, col: usize) -> Pos {
    Pos {
        line: line.max(1),
        col: col.max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;

    #[test]
    fn each_syntax_places_its_errors_and_values() {
        let cases = [
            (
                Format::Ron,
                "Timeline(\n  title: \"t\",\n  events: [Event(id: \"a\", date: \"2000\", title: \"x\")],\n)",
                "Timeline(\n  title: 5,\n)",
                (3, 22),
            ),
            (
                Format::Json,
                "{\n \"title\": \"t\",\n \"events\": [{\"id\": \"a\", \"date\": \"2000\", \"title\": \"x\"}]\n}",
                "{\n \"title\": 5\n}",
                (3, 20),
            ),
        ];
        for (format, good, bad, id_at) in cases {
            let syntax = format.syntax();
            assert!(syntax.parse(good).is_ok(), "{format:?}");
            let (p, msg) = syntax.parse(bad).expect_err("a number is no title");
            assert_eq!(p.line, 2, "{format:?}: {msg}");
            let path = [Seg::Field("events"), Seg::Index(0), Seg::Field("id")];
            let title = [Seg::Field("title")];
            let found = syntax.locate(good, &[&path, &title]);
            assert_eq!((found[0].line, found[0].col), id_at, "{format:?}");
            assert_eq!(found[1].line, 2, "{format:?}");
        }
    }
}
