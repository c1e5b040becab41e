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
    /// The source that stands for the input file itself, if the import made one: the
    /// loader names it after the file (title and `document`).
    pub file_source: Option<usize>,
    /// Problems found while reading that did not stop it: the timeline holds the rest, and
    /// is checked too, so that every problem is reported in one run (it is never used).
    pub problems: Vec<(Pos, String)>,
}

impl Read {
    /// A read timeline and its report, with no file source and no problems.
    pub fn new(timeline: RawTimeline, report: Vec<String>) -> Read {
        Read {
            timeline,
            report,
            file_source: None,
            problems: Vec::new(),
        }
    }

    /// The same, with the source of id `id` standing for the file (when there is one).
    pub fn with_file_source(mut self, id: &str) -> Read {
        self.file_source = self.timeline.sources.iter().position(|s| s.id == id);
        self
    }
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
            .map(|timeline| Read::new(timeline, Vec::new()))
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

/// The one slug every importer makes ids with: lowercase ASCII letters and digits joined by
/// `-`, accents dropped after decomposition (`Émile Zola` → `emile-zola`), at most `max`
/// characters; empty when nothing ASCII is left.
pub(crate) fn slug(text: &str, max: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= max {
                break;
            }
        } else if !unicode_normalization::char::is_combining_mark(c) {
            dash = true;
        }
    }
    out
}

/// The one rule every importer names fields by: a column's or attribute's name with
/// anything but letters, digits, `_`, `-` and `.` made `_` (one for a run, none at either
/// end), so that `validate` accepts it and the query reads it as `NAME:value`; a `_` the
/// name has is kept (`_id` stays `_id`). Empty when nothing is left.
pub(crate) fn field_name(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
            if gap && !out.is_empty() && !out.ends_with('_') && c != '_' {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// Fields with the same name joined into one, their values a line each, in the order of
/// their first appearance: an importer never gives an event the same field twice (a JSON
/// export would keep only one of them).
pub(crate) fn merge_fields(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    let at = vec![(); fields.len()];
    merge_fields_at(fields, at).0
}

/// [`merge_fields`], keeping each field's position (`at`, one per field) in step: a
/// merged field is where its first value was.
pub(crate) fn merge_fields_at<P>(
    fields: Vec<(String, String)>,
    at: Vec<P>,
) -> (Vec<(String, String)>, Vec<P>) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out: Vec<(String, String)> = Vec::with_capacity(fields.len());
    let mut out_at = Vec::with_capacity(at.len());
    for ((k, v), p) in fields.into_iter().zip(at) {
        match seen.get(&k) {
            Some(&i) => {
                out[i].1.push('\n');
                out[i].1.push_str(&v);
            }
            None => {
                seen.insert(k.clone(), out.len());
                out.push((k, v));
                out_at.push(p);
            }
        }
    }
    (out, out_at)
}

/// Where a quoted CSV cell opens and is never closed, if one is: the `csv` crate would
/// read the rest of the file into that cell, silently.
pub(crate) fn unclosed_quote(src: &str, delimiter: u8) -> Option<(Pos, String)> {
    let (mut line, mut col) = (1usize, 1usize);
    let mut at_cell_start = true;
    let mut open: Option<Pos> = None;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match open {
            Some(_) if c == '"' && chars.peek() == Some(&'"') => {
                chars.next();
                col += 1;
            }
            Some(_) if c == '"' => open = None,
            None if c == '"' && at_cell_start => open = Some(pos(line, col)),
            _ => {}
        }
        at_cell_start =
            open.is_none() && (u32::from(c) == u32::from(delimiter) || c == '\n' || c == '\r');
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    open.map(|p| (p, "a quoted cell is never closed (a `\"` is missing): the rest of the file would be one cell".to_string()))
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
