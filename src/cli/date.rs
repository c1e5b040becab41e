//! `annals date`: what a date means — its strict EDTF, level, bounds and reading.
//!
//! Each DATE (or, with none, each non-blank line of standard input) is parsed on its own:
//! an invalid one is reported as `<argument N>:1:COL: error: …` (`<stdin>:LINE:COL: …` for
//! a line read from standard input) and the others are still printed; the exit code is 1
//! when any was invalid.
//!
//! Text, one line per date, columns aligned:
//! `INPUT  →  EDTF  level N  EARLIEST … LATEST  DISPLAY`, where an unbounded side (`..`,
//! a set's `..1984`) is `..` and an unknown interval end (`1985/`) is `unknown`. JSON: an
//! array of `{input, edtf, level, earliest, latest, display}` (`level` is null for annals'
//! extension, `earliest`/`latest` null for an unbounded or unknown side), or
//! `{input, error, column}` for an invalid date.

use super::{DateFormat, Exit, Failure, output_done};
use crate::domain::date::Shape;
use crate::domain::date::{Bound, Edtf};
use crate::export;
use crate::load::{Diagnostic, Severity};
use crate::text::sanitize;
use std::io::{self, BufRead, IsTerminal, Write};

/// What `annals date` was asked.
pub struct Request<'a> {
    /// The dates as given; empty: read them from standard input.
    pub dates: &'a [String],
    /// Output format.
    pub format: DateFormat,
    /// Show times of day in UTC.
    pub utc: bool,
}

/// One date's answer: the meaning of a valid date, or where and why it is not one.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum Row {
    /// A valid date.
    Date {
        /// The text as given.
        input: String,
        /// Strict EDTF.
        edtf: String,
        /// EDTF level (0, 1, 2); `None` for annals' extension.
        level: Option<u8>,
        /// Earliest instant, ISO 8601 in the date's own offset; `None` when unbounded or
        /// unknown.
        earliest: Option<String>,
        /// Latest instant, likewise.
        latest: Option<String>,
        /// The long reading.
        display: String,
    },
    /// An invalid date.
    Invalid {
        /// The text as given.
        input: String,
        /// What is wrong.
        error: String,
        /// 1-based column (in characters) of the problem.
        column: usize,
    },
}

/// Is each side of `e` (earliest, latest) an *unknown* interval end (`1985/`, `/1985`),
/// as opposed to an open or unbounded one?
fn unknown_ends(e: &Edtf) -> (bool, bool) {
    match e.shape() {
        Shape::Interval { start, end } => (
            matches!(start, Bound::Unknown),
            matches!(end, Bound::Unknown),
        ),
        _ => (false, false),
    }
}

/// Read one date: its row, and which of its sides are unknown interval ends.
pub fn row(input: &str, utc: bool) -> (Row, (bool, bool)) {
    match Edtf::parse(input) {
        Ok(e) => {
            let (earliest, latest) = e.bounds_iso();
            let row = Row::Date {
                input: input.to_string(),
                edtf: e.normalized(),
                level: e.level(),
                earliest,
                latest,
                display: e.long_in(utc),
            };
            (row, unknown_ends(&e))
        }
        Err(err) => {
            let row = Row::Invalid {
                input: input.to_string(),
                error: err.message,
                column: err.column,
            };
            (row, (false, false))
        }
    }
}

/// A date to read, and where it came from (for the diagnostic).
struct Input {
    /// `<argument N>` or `<stdin>`.
    origin: String,
    /// Line number (1 for an argument).
    line: usize,
    /// Characters dropped before the text (leading blanks of a stdin line).
    indent: usize,
    /// The date's text.
    text: String,
}

/// The non-blank lines of `r`, each without its surrounding blanks.
fn lines_of(r: impl BufRead) -> io::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for (i, line) in r.split(b'\n').enumerate() {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        let text = line.trim_start();
        let indent = line.chars().count() - text.chars().count();
        let text = text.trim_end();
        if text.is_empty() {
            continue;
        }
        inputs.push(Input {
            origin: "<stdin>".to_string(),
            line: i + 1,
            indent,
            text: text.to_string(),
        });
    }
    Ok(inputs)
}

/// Run `annals date`.
pub fn run(req: Request<'_>, out: &mut dyn Write) -> Result<(), Failure> {
    let inputs = if req.dates.is_empty() {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            let _ = writeln!(
                io::stderr(),
                "annals: reading dates from standard input, one per line (Ctrl-D ends)"
            );
        }
        lines_of(stdin.lock()).map_err(|e| Failure {
            exit: Exit::Usage,
            lines: vec![format!("annals: error: cannot read standard input: {e}")],
        })?
    } else {
        req.dates
            .iter()
            .enumerate()
            .map(|(i, d)| Input {
                origin: format!("<argument {}>", i + 1),
                line: 1,
                indent: 0,
                text: d.clone(),
            })
            .collect()
    };
    let (rows, unknown): (Vec<Row>, Vec<(bool, bool)>) =
        inputs.iter().map(|i| row(&i.text, req.utc)).unzip();
    let errors: Vec<String> = inputs
        .iter()
        .zip(&rows)
        .filter_map(|(i, r)| match r {
            Row::Invalid { error, column, .. } => Some(
                Diagnostic {
                    severity: Severity::Error,
                    path: i.origin.clone(),
                    line: i.line,
                    col: column + i.indent,
                    message: format!("invalid date `{}`: {error}", i.text),
                    more: 0,
                }
                .to_string(),
            ),
            Row::Date { .. } => None,
        })
        .collect();
    let r = match req.format {
        DateFormat::Json => export::write_value(&rows, out).and_then(|()| writeln!(out)),
        DateFormat::Text => write_text(&rows, &unknown, out),
    };
    output_done(r)?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure {
            exit: Exit::Invalid,
            lines: errors,
        })
    }
}

/// One aligned line per valid date (invalid ones are reported on stderr).
fn write_text(rows: &[Row], unknown: &[(bool, bool)], out: &mut dyn Write) -> io::Result<()> {
    let side = |iso: &Option<String>, unknown: bool| match iso {
        Some(s) => s.clone(),
        None if unknown => "unknown".to_string(),
        None => "..".to_string(),
    };
    let lines: Vec<[String; 6]> = rows
        .iter()
        .zip(unknown)
        .filter_map(|(r, &(unknown_start, unknown_end))| match r {
            Row::Date {
                input,
                edtf,
                level,
                earliest,
                latest,
                display,
            } => Some([
                sanitize(input, false).into_owned(),
                edtf.clone(),
                level.map_or_else(|| "extension".to_string(), |l| l.to_string()),
                side(earliest, unknown_start),
                side(latest, unknown_end),
                display.clone(),
            ]),
            Row::Invalid { .. } => None,
        })
        .collect();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let mut w = [0; 5];
    for l in &lines {
        for (k, w) in w.iter_mut().enumerate() {
            *w = (*w).max(width(&l[k]));
        }
    }
    for l in &lines {
        let pad = |k: usize| " ".repeat(w[k] - width(&l[k]));
        writeln!(
            out,
            "{}{}  →  {}{}  level {}{}  {}{} … {}{}  {}",
            l[0],
            pad(0),
            l[1],
            pad(1),
            l[2],
            pad(2),
            l[3],
            pad(3),
            l[4],
            pad(4),
            l[5],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_and_columns_count_the_indent() {
        let got = lines_of(&b"1985\n\n  19x5 \r\n"[..]).unwrap();
        let v: Vec<_> = got.iter().map(|i| (i.line, i.indent, &*i.text)).collect();
        assert_eq!(v, [(1, 0, "1985"), (3, 2, "19x5")]);
    }

    #[test]
    fn unknown_and_open_ends_are_told_apart() {
        let u = |s: &str| unknown_ends(&Edtf::parse(s).unwrap());
        assert_eq!(u("1985/"), (false, true));
        assert_eq!(u("/1985"), (true, false));
        assert_eq!(u("../1985"), (false, false));
        assert_eq!(u("1985"), (false, false));
    }
}
