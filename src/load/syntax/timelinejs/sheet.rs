//! The TimelineJS Google-Sheets template exported as CSV (or TSV): one slide per row,
//! named by its header, its problems placed at the row's first line and the cell's column.

use super::{Kind, Part, Slide, build, field_name, locate_with};
use crate::load::raw::RawTimeline;
use crate::load::syntax::{Pos, Read, Seg, Syntax};

/// The TimelineJS sheet syntax.
pub struct TimelineJsSheet;

/// The template's columns, in its order.
const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// `src` without a UTF-8 byte order mark.
fn unmarked(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

/// Tab-separated when the header has more tabs than commas.
fn delimiter(src: &str) -> u8 {
    let head = src.lines().next().unwrap_or("");
    if head.matches('\t').count() > head.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// Does this CSV/TSV text start with the TimelineJS template's header (at least `Year`
/// and `Headline`, and one of `Display Date`, `Media`, `Type`, `Group`)?
pub fn is_sheet(src: &str) -> bool {
    let src = unmarked(src);
    let head = src.lines().next().unwrap_or("");
    let sep = char::from(delimiter(src));
    let names: Vec<String> = head
        .split(sep)
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    let has = |n: &str| names.iter().any(|c| c == n);
    has("year")
        && has("headline")
        && ["display date", "media", "type", "group"]
            .iter()
            .any(|n| has(n))
}

/// A sheet read: its slides, each slide's first line, the column of each part, and what
/// the report says about the columns and rows.
struct Rows {
    slides: Vec<Slide>,
    lines: Vec<usize>,
    /// 1-based column of each template column (by its index in [`COLUMNS`]), if present.
    cols: [Option<usize>; 18],
    report: Vec<String>,
}

fn rows(src: &str) -> Result<Rows, Vec<(Pos, String)>> {
    let text = unmarked(src);
    if let Some(problem) = super::super::unclosed_quote(text, delimiter(text)) {
        return Err(vec![problem]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![(csv_pos(text, &e), e.to_string())]),
        None => return Err(vec![(Pos { line: 1, col: 1 }, "no header row".into())]),
    };
    let mut cols = [None; 18];
    let mut extra = Vec::new();
    let mut taken: std::collections::HashSet<String> = [
        "media_thumbnail",
        "background",
        "type",
        "media_caption",
        "media_credit",
        "start_display_date",
        "end_display_date",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for (i, name) in header.iter().enumerate() {
        let found = COLUMNS
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name.trim()));
        match found {
            Some(k) if cols[k].is_none() => cols[k] = Some(i + 1),
            _ => {
                let mut field = field_name(name);
                if field.is_empty() {
                    field = format!("column_{}", i + 1);
                }
                let field = super::unique(&mut taken, field);
                extra.push((i, name.trim().to_string(), field));
            }
        }
    }
    if cols[0].is_none() || cols[9].is_none() {
        let found: Vec<&str> = header.iter().map(str::trim).collect();
        return Err(vec![(
            Pos { line: 1, col: 1 },
            format!(
                "this is not a TimelineJS sheet: it needs the template's `Year` and `Headline` columns; found: {} (read it as another format with --from)",
                found.join(", ")
            ),
        )]);
    }
    let mut slides = Vec::new();
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut blank = 0;
    let mut beyond = 0;
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push((csv_pos(text, &e), e.to_string()));
                continue;
            }
        };
        let line = line_of(text, rec.position());
        if rec.iter().all(|c| c.trim().is_empty()) {
            blank += 1;
            continue;
        }
        let cell = |k: usize| -> String {
            cols[k]
                .and_then(|c| rec.get(c - 1))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let kind_cell = cell(15);
        let kind = match kind_cell.to_ascii_lowercase().as_str() {
            "title" => Kind::Title,
            "era" => Kind::Era,
            _ => Kind::Event,
        };
        let mut s = Slide::new(kind, format!("row {line}"));
        if kind == Kind::Event && !kind_cell.is_empty() {
            s.fields.push(("type".into(), kind_cell));
        }
        s.start.year = cell(0);
        s.start.month = cell(1);
        s.start.day = cell(2);
        s.start.time = cell(3);
        s.end.year = cell(4);
        s.end.month = cell(5);
        s.end.day = cell(6);
        s.end.time = cell(7);
        s.display_date = cell(8);
        s.headline = cell(9);
        s.text = cell(10);
        s.media_url = cell(11);
        s.media_credit = cell(12);
        s.media_caption = cell(13);
        s.group = cell(16);
        for (k, name) in [(14, "media_thumbnail"), (17, "background")] {
            let v = cell(k);
            if !v.is_empty() {
                s.fields.push((name.into(), v));
            }
        }
        for (i, _, field) in &extra {
            let v = rec.get(*i).unwrap_or("").trim();
            if !v.is_empty() {
                s.fields.push((field.clone(), v.to_string()));
            }
        }
        // Cells past the header's last column have no name: keep them numbered.
        for (i, v) in rec.iter().enumerate().skip(header.len()) {
            if !v.trim().is_empty() {
                beyond += 1;
                s.fields
                    .push((format!("column_{}", i + 1), v.trim().to_string()));
            }
        }
        slides.push(s);
        lines.push(line);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut report = vec![format!(
        "columns: Year…End Time → date; Headline → title; Text → summary (HTML as plain text); \
         Display Date → display_date; Media, Media Credit, Media Caption → media; Group → tag; \
         Media Thumbnail, Background → fields media_thumbnail, background; \
         Type title/era → the title and description, eras"
    )];
    if !extra.is_empty() {
        let named: Vec<String> = extra
            .iter()
            .map(|(_, name, field)| format!("{name} → fields.{field}"))
            .collect();
        report.push(format!(
            "other columns kept in fields: {}",
            named.join(", ")
        ));
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(cols)
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        report.push(format!("template columns absent: {}", missing.join(", ")));
    }
    if blank > 0 {
        report.push(format!("{blank} blank rows skipped"));
    }
    if beyond > 0 {
        report.push(format!(
            "{beyond} cells beyond the header's last column kept as fields column_N (N their column)"
        ));
    }
    Ok(Rows {
        slides,
        lines,
        cols,
        report,
    })
}

/// The line a record starts on. The `csv` crate's position is where the previous record's
/// terminator ended (before the `\n` of a CRLF, before blank lines): step over line ends.
fn line_of(text: &str, at: Option<&csv::Position>) -> usize {
    let Some(p) = at else { return 1 };
    let mut b = crate::domain::num::usize_of_u64(p.byte()).min(text.len());
    let bytes = text.as_bytes();
    while b < bytes.len() && matches!(bytes[b], b'\r' | b'\n') {
        b += 1;
    }
    1 + bytecount(&bytes[..b])
}

fn bytecount(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// Where a CSV error is.
fn csv_pos(text: &str, e: &csv::Error) -> Pos {
    Pos {
        line: line_of(text, e.position()),
        col: 1,
    }
}

impl Rows {
    /// Where a slide's part is: the row's first line, the column of its cell.
    fn place(&self, n: usize, part: Part) -> Pos {
        let k = match part {
            Part::Start => Some(0),
            Part::Month => Some(1),
            Part::Day => Some(2),
            Part::EndMonth => Some(5),
            Part::EndDay => Some(6),
            Part::Time => Some(3),
            Part::End => Some(4),
            Part::EndTime => Some(7),
            Part::Display => Some(8),
            Part::Headline | Part::Id => Some(9),
            Part::Text => Some(10),
            Part::Media => Some(11),
            Part::Group => Some(16),
            Part::Whole | Part::Edtf => None,
        };
        Pos {
            line: self.lines.get(n).copied().unwrap_or(1),
            col: k.and_then(|k| self.cols[k]).unwrap_or(1),
        }
    }
}

impl Syntax for TimelineJsSheet {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        self.read(src)
            .map(|r| r.timeline)
            .map_err(|mut e| e.swap_remove(0))
    }

    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        let rows = rows(src)?;
        let built = build(&rows.slides, "TimelineJS sheet");
        if !built.problems.is_empty() {
            let mut problems: Vec<(Pos, String)> = built
                .problems
                .into_iter()
                .map(|(n, part, msg)| (rows.place(n, part), msg))
                .collect();
            problems.sort_by_key(|(p, _)| (p.line, p.col));
            return Err(problems);
        }
        let mut report = built.report;
        report.splice(1..1, rows.report);
        Ok(Read::new(built.timeline, report).with_file_source(super::SOURCE_ID))
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        match rows(src) {
            Ok(rows) => {
                let built = build(&rows.slides, "TimelineJS sheet");
                locate_with(&built.layout, paths, |n, p| rows.place(n, p))
            }
            Err(_) => paths.iter().map(|_| Pos { line: 1, col: 1 }).collect(),
        }
    }
}
