//! The records of a Timesketch file, with where each value sits: JSONL (one object per
//! line, scanned for its top-level keys after `serde_json` has checked it) or CSV (RFC 4180,
//! read here so that every cell keeps its line and column), and the conversion of
//! Timesketch's `datetime` and `timestamp` to EDTF.

use super::super::Pos;
use crate::domain::Edtf;
use crate::domain::date::civil::Instant;

/// One attribute of a record: its name, its value as text, where the value starts.
#[derive(Clone, Debug)]
pub struct Cell {
    /// The attribute's name as written.
    pub key: String,
    /// The value: a string as its text, anything else as its JSON text.
    pub value: String,
    /// Where the value starts.
    pub at: Pos,
}

/// One record (an event to be): where it starts and its attributes in order.
#[derive(Clone, Debug)]
pub struct Record {
    /// Where the record starts (its first line, column 1).
    pub at: Pos,
    /// The attributes, in the order written.
    pub cells: Vec<Cell>,
}

/// The records read, and the problems found on the way (the records with none are kept,
/// so that every problem of the file is found at once).
pub type Records = (Vec<Record>, Vec<(Pos, String)>);

/// Is `src` JSONL (its first non-blank character opens an object or an array)?
pub fn is_jsonl(src: &str) -> bool {
    matches!(
        src.trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next(),
        Some('{' | '[')
    )
}

/// The 1-based char column of byte column `byte_col` (1-based) in `line`.
fn char_col(line: &str, byte_col: usize) -> usize {
    let mut end = byte_col.saturating_sub(1).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count() + 1
}

/// Read JSONL: every non-blank line one JSON object.
pub fn jsonl(src: &str) -> Records {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in src.split('\n').enumerate() {
        let line_no = n + 1;
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        let text = if n == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        let at = |byte_col: usize| Pos {
            line: line_no,
            col: char_col(text, byte_col),
        };
        match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => {
                let msg = e.to_string();
                let msg = msg
                    .rsplit_once(" at line ")
                    .map_or(msg.as_str(), |(m, _)| m);
                let hint = if n == 0 && text.trim_start().starts_with('[') {
                    " (a JSON array: annals reads Timesketch JSONL, one object per line)"
                } else {
                    ""
                };
                problems.push((at(e.column()), format!("bad JSON line: {msg}{hint}")));
            }
            Ok(serde_json::Value::Object(_)) => {
                let cells = top_level(text)
                    .into_iter()
                    .map(|(key, value, byte)| Cell {
                        key,
                        value,
                        at: at(byte + 1),
                    })
                    .collect();
                records.push(Record { at: at(1), cells });
            }
            Ok(_) => problems.push((
                at(text.len() - text.trim_start().len() + 1),
                "each line must be a JSON object (`{\"message\": …, \"datetime\": …}`)".into(),
            )),
        }
    }
    (records, problems)
}

/// The top-level keys of a valid JSON object, each with its value's text and byte offset.
fn top_level(text: &str) -> Vec<(String, String, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = text.find('{').map_or(b.len(), |p| p + 1);
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        if i >= b.len() || b[i] != b'"' {
            break;
        }
        let key_end = skip(b, i);
        let key = serde_json::from_str::<String>(&text[i..key_end]).unwrap_or_default();
        i = key_end;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b':') {
            i += 1;
        }
        let start = i;
        let end = skip(b, i);
        let raw = text[start..end].trim_end();
        let value = match serde_json::from_str::<serde_json::Value>(raw) {
            Ok(serde_json::Value::String(s)) => s,
            _ => raw.to_string(),
        };
        out.push((key, value, start));
        i = end;
    }
    out
}

/// The end of the JSON value starting at `i` (valid JSON assumed; never past the end).
fn skip(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    in_str = false;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return i,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b',' if depth == 0 => return i,
                _ => {}
            }
        }
        i += 1;
    }
    b.len()
}

/// Read CSV: a header row, then one record per row (quoted cells may hold newlines and
/// doubled quotes; CRLF or LF; a BOM is skipped).
pub fn csv(src: &str) -> Records {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let rows = match rows(src) {
        Ok(rows) => rows,
        Err(problems) => return (Vec::new(), problems),
    };
    let mut it = rows.into_iter();
    let Some((_, header)) = it.next() else {
        return (Vec::new(), Vec::new());
    };
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (at, cells) in it {
        if cells.len() == 1 && cells[0].0.is_empty() {
            continue;
        }
        if cells.len() != header.len() {
            problems.push((
                at,
                format!(
                    "this row has {} cells, the header has {} columns",
                    cells.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let cells = header
            .iter()
            .zip(cells)
            .map(|((key, _), (value, pos))| Cell {
                key: key.clone(),
                value,
                at: pos,
            })
            .collect();
        records.push(Record { at, cells });
    }
    (records, problems)
}

/// A CSV row: where it starts, and each cell with where it starts.
type Row = (Pos, Vec<(String, Pos)>);

/// Split CSV text into rows of cells, each with its position.
fn rows(src: &str) -> Result<Vec<Row>, Vec<(Pos, String)>> {
    let mut rows = Vec::new();
    let mut chars = src.chars().peekable();
    let (mut line, mut col) = (1usize, 1usize);
    loop {
        if chars.peek().is_none() {
            break;
        }
        let row_at = Pos { line, col: 1 };
        let mut cells = Vec::new();
        loop {
            let cell_at = Pos { line, col };
            let mut cell = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                col += 1;
                loop {
                    match chars.next() {
                        None => {
                            let msg = "a quoted cell is never closed (a `\"` is missing)";
                            return Err(vec![(cell_at, msg.to_string())]);
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            col += 2;
                            cell.push('"');
                        }
                        Some('"') => {
                            col += 1;
                            break;
                        }
                        Some('\r') if chars.peek() == Some(&'\n') => {
                            // CRLF inside a quoted cell is a newline, as in the file.
                            chars.next();
                            line += 1;
                            col = 1;
                            cell.push('\n');
                        }
                        Some('\n') => {
                            line += 1;
                            col = 1;
                            cell.push('\n');
                        }
                        Some(c) => {
                            col += 1;
                            cell.push(c);
                        }
                    }
                }
            }
            // Unquoted text (or text after a closing quote, kept as written).
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                chars.next();
                col += 1;
                cell.push(c);
            }
            cells.push((cell, cell_at));
            match chars.next() {
                Some(',') => col += 1,
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    break;
                }
                _ => break,
            }
        }
        line += 1;
        col = 1;
        rows.push((row_at, cells));
    }
    Ok(rows)
}

/// Is `src` a Timesketch CSV (its header names `message`, `datetime` and `timestamp_desc`)?
pub fn is_timesketch_csv(src: &str) -> bool {
    let first = src
        .strip_prefix('\u{feff}')
        .unwrap_or(src)
        .lines()
        .next()
        .unwrap_or("");
    let names: Vec<&str> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    ["message", "datetime", "timestamp_desc"]
        .iter()
        .all(|n| names.contains(n))
}

/// How a `datetime` was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offset {
    /// Written with an offset, kept (`+00:00` written as `Z`).
    Kept,
    /// No offset: read as UTC, as Timesketch reads it.
    Assumed,
}

/// A Timesketch `datetime` (ISO 8601, `T` or a space between date and time, offset `Z`,
/// `±hh:mm`, `±hhmm` or `±hh`, any fraction of a second) as EDTF, or why not.
pub fn datetime(s: &str) -> Result<(String, Offset), String> {
    let s = s.trim();
    let hint = "write ISO 8601 with an offset, as `2021-03-04T02:11:09+00:00`";
    let Some(sep) = s.find(['T', 't', ' ']) else {
        return Edtf::parse(s)
            .ok()
            .filter(|_| s.len() >= 10)
            .map(|_| (s.to_string(), Offset::Kept))
            .ok_or_else(|| format!("cannot read datetime `{s}`: {hint}"));
    };
    let (day, time) = (&s[..sep], s[sep + 1..].trim_start());
    let (clock, off) = match time.find(['Z', 'z', '+', '-']) {
        Some(p) => (&time[..p], Some(time[p..].trim())),
        None => (time.trim_end(), None),
    };
    let (off, how) = match off {
        None => ("Z".to_string(), Offset::Assumed),
        Some(o) => (offset(o).ok_or_else(|| bad(s, hint))?, Offset::Kept),
    };
    let edtf = format!("{day}T{clock}{off}");
    match Edtf::parse(&edtf) {
        Ok(_) => Ok((edtf, how)),
        Err(_) => Err(bad(s, hint)),
    }
}

fn bad(s: &str, hint: &str) -> String {
    format!("cannot read datetime `{s}`: {hint}")
}

/// An offset as EDTF writes it: `Z` for zero, else `±hh:mm`.
fn offset(o: &str) -> Option<String> {
    if o.eq_ignore_ascii_case("z") {
        return Some("Z".into());
    }
    let (sign, digits) = o.split_at(1);
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let (h, m) = digits.split_at(2);
    let m = if m.is_empty() { "00" } else { m };
    if h == "00" && m == "00" {
        return Some("Z".into());
    }
    Some(format!("{sign}{h}:{m}"))
}

/// A Timesketch `timestamp` (whole microseconds since 1970-01-01T00:00:00Z) as EDTF in UTC.
pub fn timestamp(s: &str) -> Result<String, String> {
    let s = s.trim();
    let micros: i64 = s.parse().map_err(|_| {
        format!("cannot read timestamp `{s}`: write whole microseconds since 1970-01-01T00:00:00Z")
    })?;
    let secs = micros.div_euclid(1_000_000);
    let frac = micros.rem_euclid(1_000_000);
    let c = Instant(secs).civil(0);
    let mut out = format!("{}T{}", c.iso_day(), c.iso_time());
    if frac != 0 {
        out.push_str(&format!(".{frac:06}"));
    }
    out.push('Z');
    match Edtf::parse(&out) {
        Ok(_) => Ok(out),
        Err(_) => Err(format!("timestamp `{s}` is out of the range annals reads")),
    }
}

/// Microseconds since the epoch of an EDTF date written by [`datetime`] or [`timestamp`]
/// (its earliest bound and its fraction of a second).
pub fn micros_of(edtf: &str) -> Option<i64> {
    let d = Edtf::parse(edtf).ok()?;
    let secs = d.earliest()?.0;
    let nanos = d.start_date().and_then(|x| x.time).map_or(0, |t| t.nanos);
    secs.checked_mul(1_000_000)?
        .checked_add(i64::from(nanos / 1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_become_edtf_with_their_offsets() {
        let ok = |s: &str| datetime(s).unwrap().0;
        assert_eq!(ok("2021-03-04T02:11:09+00:00"), "2021-03-04T02:11:09Z");
        assert_eq!(
            ok("2021-03-04 02:11:09.123456+0530"),
            "2021-03-04T02:11:09.123456+05:30"
        );
        assert_eq!(ok("2021-03-04T02:11:09-08"), "2021-03-04T02:11:09-08:00");
        assert_eq!(
            datetime("2021-03-04T02:11:09"),
            Ok(("2021-03-04T02:11:09Z".into(), Offset::Assumed))
        );
        assert!(datetime("yesterday").is_err());
        assert!(datetime("2021-13-04T02:11:09Z").is_err());
        assert!(datetime("2021-03-04T02:11:09+5").is_err());
    }

    #[test]
    fn timestamps_are_exact_microseconds() {
        assert_eq!(
            timestamp("1331698658276340").unwrap(),
            "2012-03-14T04:17:38.276340Z"
        );
        assert_eq!(timestamp("0").unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp("-1").unwrap(), "1969-12-31T23:59:59.999999Z");
        assert!(timestamp("1.5e15").is_err());
        assert_eq!(
            micros_of("2012-03-14T04:17:38.276340Z"),
            Some(1331698658276340)
        );
        assert_eq!(
            micros_of("2012-03-14T06:17:38.276340+02:00"),
            Some(1331698658276340)
        );
    }

    #[test]
    fn jsonl_cells_know_their_columns() {
        let src = "{\"a\": 1, \"b\": {\"c\": [1, \"}\"]}, \"é\": \"x\\\"y\"}\n\n{\"m\": null}";
        let (r, e) = jsonl(src);
        assert!(e.is_empty());
        assert_eq!(r.len(), 2);
        let c = &r[0].cells;
        assert_eq!(
            (c[0].key.as_str(), c[0].value.as_str(), c[0].at.col),
            ("a", "1", 7)
        );
        assert_eq!(c[1].value, "{\"c\": [1, \"}\"]}");
        assert_eq!((c[2].key.as_str(), c[2].value.as_str()), ("é", "x\"y"));
        assert_eq!(r[1].at.line, 3);
        let e = jsonl("{\"a\": 1}\n{\"a\": 1,}").1;
        assert_eq!(e[0].0.line, 2, "{e:?}");
    }

    proptest::proptest! {
        /// The splitter is written by hand because it knows where each cell starts (the
        /// `csv` crate gives a row's position only); it must read the cells the crate reads.
        #[test]
        fn csv_cells_are_the_csv_crates(
            table in proptest::collection::vec(
                proptest::collection::vec("[a ,\"\n\ré]{0,6}", 3),
                1..6,
            ),
            crlf in proptest::bool::ANY,
        ) {
            let mut w = ::csv::WriterBuilder::new()
                .terminator(if crlf { ::csv::Terminator::CRLF } else { ::csv::Terminator::Any(b'\n') })
                .from_writer(Vec::new());
            for row in &table {
                w.write_record(row).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let ours: Vec<Vec<String>> = rows(&text)
                .unwrap()
                .into_iter()
                .map(|(_, cells)| cells.into_iter().map(|(c, _)| c).collect::<Vec<_>>())
                .filter(|r: &Vec<String>| !(r.len() == 1 && r[0].is_empty()))
                .collect();
            let theirs: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(|c| c.replace("\r\n", "\n")).collect())
                .collect();
            proptest::prop_assert_eq!(ours, theirs, "{:?}", text);
        }
    }

    #[test]
    fn csv_cells_count_quoted_newlines() {
        let src = "h1,h2\r\n\"a\nb\",\"say \"\"hi\"\"\"\nc,d\n";
        let r = csv(src).0;
        assert_eq!(r[0].cells[0].value, "a\nb");
        assert_eq!(r[0].cells[1].value, "say \"hi\"");
        assert_eq!(r[0].cells[1].at, Pos { line: 3, col: 4 });
        assert_eq!(r[1].at.line, 4);
        assert_eq!(csv("h\n\"open").1.len(), 1);
        assert_eq!(csv("a,b\n1\n").1.len(), 1);
    }
}
