//! `annals search`: which argument is the file, the query, and grep's exit codes.
//!
//! The contract: the first argument is the FILE when it names an existing file or ends in
//! a data extension (`.ron`, `.json`); a missing FILE is an error (exit 2), never a query.
//! FILE alone lists every event. A search that matches nothing exits 1, like grep.

use super::{Exit, Failure, SearchFormat, open, output_done, window};
use crate::domain::{EventIdx, Timeline};
use crate::export;
use crate::open::Dataset;
use crate::query::{self, Matcher};
use crate::text::sanitize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// File name endings that make the first argument a FILE even when it does not exist.
pub const DATA_EXTENSIONS: &[&str] = crate::load::EXTENSIONS;

/// Does `arg` end in one of [`DATA_EXTENSIONS`] (any case)?
fn has_data_extension(arg: &Path) -> bool {
    arg.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DATA_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// Split `[FILE] [QUERY…]`: the FILE (when the first argument is one) and the query words.
/// A first argument that ends in a data extension but is not a readable file is an error.
pub fn split_args(args: &[String]) -> Result<(Option<PathBuf>, &[String]), Failure> {
    let Some((first, rest)) = args.split_first() else {
        return Ok((None, args));
    };
    let p = Path::new(first);
    if p.is_file() {
        return Ok((Some(p.to_path_buf()), rest));
    }
    if has_data_extension(p) {
        let what = if p.exists() {
            "not a file"
        } else {
            "no such file"
        };
        return Err(Failure {
            exit: Exit::Usage,
            lines: vec![format!(
                "{}: error: {what} (a first argument ending in .{} names the timeline to \
                 search)",
                sanitize(first, false),
                DATA_EXTENSIONS.join(", .")
            )],
        });
    }
    Ok((None, args))
}

/// What `annals search` was asked.
pub struct Request<'a> {
    /// `[FILE] [QUERY…]` as given.
    pub args: &'a [String],
    /// Output format.
    pub format: SearchFormat,
    /// Most relevant first.
    pub rank: bool,
    /// At most this many events.
    pub limit: Option<usize>,
    /// Print the data warnings.
    pub warnings: bool,
    /// Show times of day in UTC.
    pub utc: bool,
    /// `--context N`: N events before and after each match.
    pub context: Option<usize>,
    /// `--around DATE`: only events overlapping DATE, widened by `window`.
    pub around: Option<String>,
    /// `--window W`: how far `around` reaches on each side.
    pub window: Option<String>,
}

/// Run a search: print the matches, or fail with exit 1 when there are none.
pub fn run(req: Request<'_>, out: &mut dyn Write) -> Result<(), Failure> {
    let (file, words) = split_args(req.args)?;
    if req.window.is_some() && req.around.is_none() {
        return Err(Failure::usage(
            "annals: error: --window W goes with --around DATE".into(),
        ));
    }
    if req.context.is_some() && req.rank {
        return Err(Failure::usage(
            "annals: error: --context shows the timeline around each match: it cannot go \
             with --rank"
                .into(),
        ));
    }
    if let Some(w) = &req.window {
        window::parse_width(w)
            .map_err(|m| Failure::usage(format!("annals: error: {}", sanitize(&m, false))))?;
    }
    let text = &words.join(" ");
    let q = query::parse(text).map_err(|e| query_failure(text, &e))?;
    let Dataset {
        timeline: t, index, ..
    } = open(file.as_deref(), req.warnings)?;
    let mut q = q;
    query::resolve(&mut q, &t, &index).map_err(|e| query_failure(text, &e))?;
    let m = Matcher::new(q, &index);
    let (found_hits, fuzzy) = m.search(&index);
    let mut found_hits = found_hits;
    if let Some(date) = &req.around {
        let (from, to) = window::around(date, req.window.as_deref())
            .map_err(|m| Failure::usage(format!("annals: error: {}", sanitize(&m, false))))?;
        found_hits.retain(|&i| crate::domain::date::overlaps(index.dates.at(i as usize), from, to));
    }
    let mut hits = if req.rank {
        m.rank(&index, found_hits)
    } else {
        found_hits
    };
    let found = !hits.is_empty();
    if found && !fuzzy.is_empty() {
        // Say so where a person reads it; scripts see the same stdout either way.
        let terms: Vec<String> = fuzzy
            .iter()
            .map(|t| format!("`{}`", sanitize(t, false)))
            .collect();
        let _ = writeln!(
            io::stderr(),
            "annals: ~fuzzy: no event contains {}; showing near spellings",
            terms.join(", ")
        );
    }
    if let Some(n) = req.limit {
        hits.truncate(n);
    }
    let r = match (req.context, req.format) {
        (Some(n), format) => print_context(&t, &hits, n, format, req.utc, out),
        (None, SearchFormat::Text) => print_hits(&t, &hits, req.utc, out),
        (None, SearchFormat::Json) => {
            let rows: Vec<_> = hits.iter().map(|&i| export::row(&t, &t.event(i))).collect();
            export::write_value(&rows, out).and_then(|()| writeln!(out))
        }
    };
    output_done(r)?;
    if found {
        Ok(())
    } else {
        // Nothing to say on stderr: grep is silent too, and the exit code tells.
        Err(Failure {
            exit: Exit::NoMatch,
            lines: Vec::new(),
        })
    }
}

/// A query that does not parse or names nothing: the message, the query, a caret under
/// the column (exit 2). Names in the message may come from the data: escaped.
pub(crate) fn query_failure(text: &str, e: &query::QueryError) -> Failure {
    // The caret sits under the column as shown: escapes before it widen the line.
    let before: String = text.chars().take(e.col.saturating_sub(1)).collect();
    let pad = unicode_width::UnicodeWidthStr::width(&*sanitize(&before, false));
    Failure {
        exit: Exit::Usage,
        lines: vec![format!(
            "annals: error: query: {}\n  {}\n  {}^",
            sanitize(&e.to_string(), false),
            sanitize(text, false),
            " ".repeat(pad)
        )],
    }
}

/// `--context N`: each group of matches and neighbours (the whole timeline's, in order),
/// matches marked `:` and context `-` after the date, groups apart by `--`; in JSON, the
/// rows with `context` (a neighbour, not a match) and `group` (from 1).
fn print_context(
    t: &Timeline,
    hits: &[EventIdx],
    n: usize,
    format: SearchFormat,
    utc: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let groups = crate::query::scan::context_groups(hits, n, t.len());
    let is_hit = |i: usize| hits.binary_search(&crate::domain::num::u32_of(i)).is_ok();
    match format {
        SearchFormat::Text => {
            let mut lines = Vec::new();
            for (k, g) in groups.into_iter().enumerate() {
                if k > 0 {
                    lines.push(Line::Separator);
                }
                for i in g {
                    let mark = if is_hit(i) { ':' } else { '-' };
                    lines.push(Line::Event(crate::domain::num::u32_of(i), Some(mark)));
                }
            }
            print_lines(t, &lines, utc, "", out)
        }
        SearchFormat::Json => {
            #[derive(serde::Serialize)]
            struct Row {
                #[serde(flatten)]
                row: export::Row,
                context: bool,
                group: usize,
            }
            let mut rows = Vec::new();
            for (k, g) in groups.into_iter().enumerate() {
                for i in g {
                    let e = t.event(crate::domain::num::u32_of(i));
                    rows.push(Row {
                        row: export::row(t, &e),
                        context: !is_hit(i),
                        group: k + 1,
                    });
                }
            }
            export::write_value(&rows, out).and_then(|()| writeln!(out))
        }
    }
}

fn print_hits(t: &Timeline, hits: &[EventIdx], utc: bool, out: &mut dyn Write) -> io::Result<()> {
    let lines: Vec<Line> = hits.iter().map(|&i| Line::Event(i, None)).collect();
    print_lines(t, &lines, utc, "", out)
}

/// One line of event output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// An event; with a mark (`:` a match, `-` context) after the date column when given.
    Event(EventIdx, Option<char>),
    /// `--` between groups of `--context`.
    Separator,
}

/// Events as `search` prints them: `DATE  TITLE  [ID]`, the dates in one aligned column
/// (with `--context`, `DATE : TITLE  [ID]` for a match and `DATE - TITLE  [ID]` for
/// context), each line after `indent`. Text from the data is escaped.
pub(crate) fn print_lines(
    t: &Timeline,
    lines: &[Line],
    utc: bool,
    indent: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = lines
        .iter()
        .filter_map(|l| match l {
            Line::Event(i, _) => Some(t.event(*i).date.short_in(utc).chars().count()),
            Line::Separator => None,
        })
        .max()
        .unwrap_or(0);
    for l in lines {
        let &Line::Event(i, mark) = l else {
            writeln!(out, "{indent}--")?;
            continue;
        };
        let e = t.event(i);
        let date = e.date.short_in(utc);
        let pad = width - date.chars().count();
        let sep = match mark {
            Some(m) => format!(" {m} "),
            None => "  ".into(),
        };
        writeln!(
            out,
            "{indent}{date}{:pad$}{sep}{}  [{}]",
            "",
            sanitize(e.title(), false),
            sanitize(e.id(), false)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_data_extension_makes_a_file_even_when_missing() {
        for name in ["nope.ron", "nope.JSON", "dir/x.json"] {
            let f = split_args(&words(&[name, "q"])).expect_err(name);
            assert_eq!(f.exit, Exit::Usage);
            assert!(f.lines[0].contains("no such file"), "{:?}", f.lines);
        }
    }

    #[test]
    fn other_words_are_the_query() {
        let a = words(&["ghalibaf", "1999..2000"]);
        let (file, q) = split_args(&a).unwrap();
        assert!(file.is_none());
        assert_eq!(q, &a[..]);
    }

    #[test]
    fn an_existing_file_is_the_file_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("notes");
        std::fs::write(&p, "").unwrap();
        let a = words(&[p.to_str().unwrap()]);
        let (file, q) = split_args(&a).unwrap();
        assert_eq!(file.as_deref(), Some(p.as_path()));
        assert!(q.is_empty());
    }

    #[test]
    fn the_path_in_the_message_is_escaped() {
        let f = split_args(&words(&["\x1b[31mx.ron"])).unwrap_err();
        assert!(!f.lines[0].contains('\x1b'), "{:?}", f.lines);
        assert!(
            f.lines[0].starts_with("^[[31mx.ron: error:"),
            "{:?}",
            f.lines
        );
    }
}
