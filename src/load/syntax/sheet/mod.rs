//! Spreadsheets (CSV, TSV): a header row and a row per event. Two kinds: annals' own
//! `export --format csv`, read back exactly ([`own`]), and anyone's sheet, whose columns
//! are placed by their names and `--map` ([`columns`], [`rows`]). Positions are
//! `LINE:COL` with LINE the line where the row starts (quoted newlines counted) and COL the
//! cell's column number (1 is the first column, as a spreadsheet counts).

mod columns;
mod dates;
pub(crate) mod own;
mod rows;

use super::{Pos, Read, Seg, Syntax};
use crate::load::input;
use crate::load::raw::RawTimeline;

/// The spreadsheet syntax (comma-, semicolon- or tab-separated: the header row says which).
pub struct Sheet;

/// A row of the sheet: the line it starts on and its cells (as written: a quoted newline
/// stays `\r\n` when the file has it; [`rows`] makes it `\n`).
#[derive(Debug)]
struct Row {
    line: usize,
    cells: Vec<String>,
}

/// The sheet as read: the header, the rows (blank rows left out) and how many were blank.
#[derive(Debug)]
struct Table {
    header: Vec<String>,
    header_line: usize,
    rows: Vec<Row>,
    blank: usize,
    separator: u8,
}

/// Where the values of the timeline built from a sheet came from, for [`Syntax::locate`].
#[derive(Debug, Default)]
struct Origins {
    /// Per event: its row's line, and the column number of each of its fields.
    events: Vec<EventOrigin>,
    /// Per person: where it was first named.
    people: Vec<Pos>,
    /// Per source: where it was first named.
    sources: Vec<Pos>,
}

/// Where one event came from.
#[derive(Debug, Default)]
struct EventOrigin {
    line: usize,
    /// (event field, column number).
    cols: Vec<(&'static str, usize)>,
    /// The column number of each entry of the event's `fields`.
    fields: Vec<usize>,
}

impl EventOrigin {
    fn at(&self, field: &str) -> usize {
        self.cols
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(1, |&(_, c)| c)
    }
}

/// What building from a sheet gives: the document (or every problem) and the origins.
type Built = (Result<Read, Vec<(Pos, String)>>, Origins);

/// The title a timeline read from a sheet gets (a sheet has none).
const TITLE: &str = "Imported spreadsheet";

/// Whether the first line of `src` looks like a spreadsheet header: more than one cell,
/// split by commas, semicolons or tabs. Used to recognise a sheet without an extension.
pub fn looks_like_sheet(src: &str) -> bool {
    let first = src
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let t = first.trim_start();
    !t.is_empty()
        && !t.starts_with(['{', '[', '(', '/', '#'])
        && !t.starts_with("Timeline")
        && [',', ';', '\t'].iter().any(|&c| first.contains(c))
}

/// The separator: whichever of tab, semicolon and comma the header line has most of
/// (comma when none).
fn separator(src: &str) -> u8 {
    let first = src.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (tabs, semis, commas) = (count('\t'), count(';'), count(','));
    if tabs > 0 && tabs >= commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// Read the rows of `src` (UTF-8, BOM allowed, CRLF or LF, quoted fields with newlines
/// and doubled quotes).
fn table(src: &str) -> Result<Table, (Pos, String)> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let separator = separator(src);
    if let Some(problem) = super::unclosed_quote(src, separator) {
        return Err(problem);
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(src.as_bytes());
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut blank = 0;
    // Lines counted from each record's byte offset (csv's own count lags a line after a
    // CRLF, and its offset may point at the line ends before the record).
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    let mut line_at = |byte: u64| {
        let mut byte = crate::domain::num::usize_of_u64(byte).min(src.len());
        while matches!(src.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte >= counted_to {
            newlines += src.as_bytes()[counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = byte;
        }
        newlines + 1
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(p.byte()));
                return Err((Pos { line, col: 1 }, format!("cannot read this row: {e}")));
            }
        };
        let line = record.position().map_or(1, |p| line_at(p.byte()));
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            if header.is_some() {
                blank += 1;
            }
            continue;
        }
        match header {
            None => header = Some((line, cells.iter().map(|c| c.trim().to_string()).collect())),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    let Some((header_line, header)) = header else {
        return Err((
            Pos { line: 1, col: 1 },
            "no header row: a spreadsheet needs a first row naming its columns".to_string(),
        ));
    };
    Ok(Table {
        header,
        header_line,
        rows,
        blank,
        separator,
    })
}

/// Read `src` into a timeline, with the origin of every value.
fn build(src: &str) -> Built {
    let t = match table(src) {
        Ok(t) => t,
        Err(e) => return (Err(vec![e]), Origins::default()),
    };
    let map = &input::get().map;
    let (mut read, origins) = if map.is_empty() && own::is_own(&t.header) {
        own::build(&t)
    } else {
        rows::build(&t, map)
    };
    if let Ok(r) = &mut read {
        let sep = match t.separator {
            b'\t' => "tabs",
            b';' => "semicolons",
            _ => "commas",
        };
        let blank = match t.blank {
            0 => String::new(),
            n => format!(", {n} blank skipped"),
        };
        r.report.insert(
            0,
            format!(
                "{} rows separated by {sep}{blank}, each an event",
                t.rows.len()
            ),
        );
    }
    (read, origins)
}

impl Syntax for Sheet {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        let first = |mut problems: Vec<(Pos, String)>| {
            if problems.is_empty() {
                (Pos { line: 1, col: 1 }, "cannot read the sheet".to_string())
            } else {
                problems.swap_remove(0)
            }
        };
        match self.read(src) {
            Ok(r) if r.problems.is_empty() => Ok(r.timeline),
            Ok(r) => Err(first(r.problems)),
            Err(p) => Err(first(p)),
        }
    }

    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        build(src).0
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        let origins = build(src).1;
        paths.iter().map(|p| origins.locate(p)).collect()
    }
}

impl Origins {
    fn locate(&self, path: &[Seg<'_>]) -> Pos {
        let first = Pos { line: 1, col: 1 };
        match path {
            [Seg::Field("events"), Seg::Index(i), rest @ ..] => {
                let Some(e) = self.events.get(*i) else {
                    return first;
                };
                let col = match rest {
                    [Seg::Field("fields"), Seg::Index(j), ..] => {
                        e.fields.get(*j).copied().unwrap_or(1)
                    }
                    [Seg::Field(f), ..] => e.at(f),
                    _ => 1,
                };
                Pos { line: e.line, col }
            }
            [Seg::Field("people"), Seg::Index(i), ..] => {
                self.people.get(*i).copied().unwrap_or(first)
            }
            [Seg::Field("sources"), Seg::Index(i), ..] => {
                self.sources.get(*i).copied().unwrap_or(first)
            }
            _ => first,
        }
    }
}

/// A slug of `name`: lowercase ASCII letters and digits joined by `-` (accents dropped),
/// at most 40 characters; `None` when nothing ASCII is left.
fn slug(name: &str) -> Option<String> {
    let s = super::slug(name, 40);
    (!s.is_empty()).then_some(s)
}

/// Ids handed out so far, so that each is unique (`-2`, `-3` … added).
#[derive(Debug, Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    fallbacks: usize,
}

impl Ids {
    /// Mark `id` as taken (an id written in the sheet).
    fn take(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// A new id from `name`, or `PREFIX-N` when `name` has nothing ASCII.
    fn new_id(&mut self, name: &str, prefix: &str) -> String {
        let base = slug(name).unwrap_or_else(|| {
            self.fallbacks += 1;
            format!("{prefix}-{}", self.fallbacks)
        });
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.new_id("Émile Zola", "person"), "emile-zola");
        assert_eq!(ids.new_id("emile  zola!", "person"), "emile-zola-2");
        assert_eq!(ids.new_id("محمد", "person"), "person-1");
        assert_eq!(ids.new_id("علی", "person"), "person-2");
    }

    #[test]
    fn rows_start_where_their_record_starts() {
        let src = "\u{feff}date,title\r\n2000,\"two\r\nlines\"\r\n,\r\n2001,\"say \"\"hi\"\"\"\r\n";
        let t = table(src).unwrap();
        assert_eq!(t.header, ["date", "title"]);
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[0].cells[1], "two\r\nlines");
        assert_eq!(t.rows[1].line, 5);
        assert_eq!(t.rows[1].cells[1], "say \"hi\"");
        assert_eq!(t.blank, 1);
        assert_eq!(separator("a\tb,c\n"), b'\t');
        assert_eq!(separator("a;b;c,d\n"), b';');
    }
}
