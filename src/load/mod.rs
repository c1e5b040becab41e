//! Loading: bytes → parsed file structs → validated [`Timeline`], with diagnostics.
//!
//! Parse first (serde, RON or JSON by extension; each syntax in its own room under
//! [`syntax`]), then validate. The domain never sees raw RON. Every problem becomes a
//! [`Diagnostic`] with `PATH:LINE:COL`.

pub mod diag;
pub mod input;
mod pages;
mod parallel;
mod place;
pub mod raw;
pub mod scanner;
pub mod spans;
pub mod split;
pub mod syntax;
pub mod validate;

pub use diag::{Diagnostic, Severity, total};
pub use parallel::Progress;
pub(crate) use parallel::read;
pub use raw::RawTimeline;

use crate::domain::Timeline;
use std::path::Path;

/// The bundled dataset, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../assets/qalibaf.ron");
/// The name diagnostics use for the bundled dataset.
pub const BUNDLED_NAME: &str = "assets/qalibaf.ron";

/// The extensions of files annals reads (a first argument of `search` ending in one is a
/// FILE, never a query).
pub const EXTENSIONS: &[&str] = &["ron", "json", "jsonl", "csv", "tsv", "ged"];

/// Which syntax a file is in. A new format is a variant here, its [`syntax::Syntax`]
/// (one module under `syntax/`), its name and a rule in [`Format::detect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// RON (the native format).
    Ron,
    /// JSON as written by `annals export --format json`.
    Json,
    /// A spreadsheet (CSV or TSV) of one's own, or annals' `export --format csv`.
    Sheet,
    /// The TimelineJS Google-Sheets template, exported as CSV or TSV.
    TimelineJsSheet,
    /// TimelineJS's JSON (`annals export --format timelinejs` writes it).
    TimelineJsJson,
    /// Timesketch CSV or JSONL (`message`, `datetime`, `timestamp_desc`, …).
    Timesketch,
    /// GEDCOM 7 (and 5.5.1), the genealogy exchange format.
    Gedcom,
}

impl Format {
    /// Every format, in the order `--from` lists them.
    pub const ALL: &[Format] = &[
        Format::Ron,
        Format::Json,
        Format::Sheet,
        Format::TimelineJsSheet,
        Format::TimelineJsJson,
        Format::Timesketch,
        Format::Gedcom,
    ];

    /// How this format is parsed and positioned.
    pub fn syntax(self) -> &'static dyn syntax::Syntax {
        match self {
            Format::Ron => &syntax::Ron,
            Format::Json => &syntax::Json,
            Format::Sheet => &syntax::Sheet,
            Format::TimelineJsSheet => &syntax::TimelineJsSheet,
            Format::TimelineJsJson => &syntax::TimelineJsJson,
            Format::Timesketch => &syntax::Timesketch,
            Format::Gedcom => &syntax::Gedcom,
        }
    }

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Json => "json",
            Format::Sheet => "csv",
            Format::TimelineJsSheet => "timelinejs-csv",
            Format::TimelineJsJson => "timelinejs",
            Format::Timesketch => "timesketch",
            Format::Gedcom => "gedcom",
        }
    }

    /// The format named `name` (as `--from` takes it).
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// RON unless the file name ends in `.json` (without looking at the content).
    pub fn for_path(path: &Path) -> Format {
        match extension(path).as_deref() {
            Some("json") => Format::Json,
            Some("csv" | "tsv") => Format::Sheet,
            Some("ged") => Format::Gedcom,
            _ => Format::Ron,
        }
    }

    /// The format of `src`, read from `path`: by the extension, and where that is not
    /// enough, by a look at the beginning of the text.
    pub fn detect(path: &Path, src: &str) -> Format {
        let ext = extension(path);
        // Formats that claim a CSV by its header come first.
        match ext.as_deref() {
            Some("csv" | "tsv") if syntax::timelinejs::is_sheet(src) => {
                return Format::TimelineJsSheet;
            }
            Some("json") if syntax::timelinejs::is_json(src) => return Format::TimelineJsJson,
            Some("jsonl") => return Format::Timesketch,
            Some("csv" | "tsv") if syntax::timesketch::is_timesketch_csv(src) => {
                return Format::Timesketch;
            }
            _ => {}
        }
        let by_name = Format::for_path(path);
        // Last: a sheet of one's own is what a `.csv`/`.tsv` no other format claims is,
        // and what a file of another name whose first line is a header looks like.
        match ext.as_deref() {
            Some("ron" | "json" | "csv" | "tsv" | "ged") => by_name,
            _ if syntax::looks_like_gedcom(src) => Format::Gedcom,
            _ if syntax::sheet::looks_like_sheet(src) => Format::Sheet,
            _ => by_name,
        }
    }
}

/// A file name's extension, lowercased.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// A timeline that parsed and validated, with the warnings found on the way (before any
/// index: [`crate::open::Dataset`] is the dataset ready to use).
#[derive(Debug)]
pub struct Loaded {
    /// The checked timeline.
    pub timeline: Timeline,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
}

/// Why a file did not load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: error: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file was read but is not a valid timeline.
    #[error("{} problem(s) in the data", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// Loading was called off (the user quit while it ran).
    #[error("loading cancelled")]
    Cancelled,
}

/// Read and load a file (read-only: annals never writes the dataset).
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &Progress::default())
}

/// [`load_path`], reporting bytes read and parsed to `progress` (and stopping early with
/// [`LoadError::Cancelled`] when it is cancelled).
pub fn load_path_with(path: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes = parallel::read(path, progress).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    load_read(path, bytes, progress, &mut |_| {})
}

/// Load the bytes read from `path` (by [`read`]). A big RON file's text is given back to
/// the system as its events are stored, so that the text and the timeline are never both
/// held whole (see [`pages`]); should problems turn up then, whose positions need the text,
/// the file streams past once more and each problem is placed from its own event's bytes
/// ([`place`]), or, for a problem outside the events, the file is read again whole (and
/// loaded afresh if it changed meanwhile).
/// `parsed` sees the bytes each reading parses.
pub(crate) fn load_read(
    path: &Path,
    mut bytes: Vec<u8>,
    progress: &Progress,
    parsed: &mut dyn FnMut(&[u8]),
) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    parsed(&bytes);
    if let Ok(src) = crate::domain::text::utf8(&bytes) {
        let ron = input::format_of(path, src) == Format::Ron;
        let whole = no_nul(src, None, &shown).and_then(|s| checked_size(s, &shown));
        if ron && whole.is_ok() && src.len() >= parallel::SPLIT_FROM {
            // What was parsed, to know it again should it have to be read again.
            let (len, sum) = (bytes.len(), place::checksum(&bytes));
            // SAFETY: `bytes` is UTF-8 (checked just above).
            let text = unsafe { pages::Pages::owned(&mut bytes) };
            let built = parallel::parse_giving_back(&text, progress)?;
            // Once any is given back the text is not whole: it is read again if needed.
            let given = text.given_back();
            if given {
                drop(bytes);
                bytes = Vec::new();
            }
            let Some((mut b, elems)) = built else {
                // Not shaped as the parallel path expects, or broken: the one-piece path,
                // which tells exactly where.
                if given {
                    bytes = read_again(path, progress)?;
                    parsed(&bytes);
                }
                return load_whole(path, &shown, &bytes, progress, false);
            };
            // Links are checked once every event is in: their problems too must be known.
            b.resolve();
            if !b.has_problems() {
                // (Nothing to locate: the text is not read.)
                drop(elems);
                return finished(b, &shown, "");
            }
            // Problems: their positions need the text. Those inside events come from their
            // events' bytes alone, read as the file streams past.
            if given {
                let placed =
                    place::streamed(path, &b.problem_paths(), &elems, (len, sum), progress)
                        .map_err(|source| LoadError::Io {
                            path: shown.clone(),
                            source,
                        })?;
                drop(elems);
                if let Some(positions) = placed {
                    return outcome(b.finish_placed(&shown, &positions));
                }
                bytes = read_again(path, progress)?;
                if bytes.len() != len || place::checksum(&bytes) != sum {
                    // Changed since it was parsed: load what is there now.
                    drop(b);
                    parsed(&bytes);
                    return load_whole(path, &shown, &bytes, progress, true);
                }
                // (Parsed already: only placing the problems is left.)
                progress.add_parsed(bytes.len());
            }
            return match crate::domain::text::utf8(&bytes) {
                Ok(src) => finished(b, &shown, src),
                Err(_) => {
                    drop(b);
                    load_whole(path, &shown, &bytes, progress, true)
                }
            };
        }
    }
    load_whole(path, &shown, &bytes, progress, true)
}

/// The file read once more, from the start of the progress shown.
fn read_again(path: &Path, progress: &Progress) -> Result<Vec<u8>, LoadError> {
    progress.restart_read();
    progress.restart_parsed();
    let bytes = parallel::read(path, progress).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok(bytes)
}

/// What a builder built, its problems placed in `src` (the text it parsed).
fn finished(b: validate::Builder, shown: &str, src: &str) -> Result<Loaded, LoadError> {
    outcome(b.finish(shown, src, Format::Ron.syntax()))
}

/// A built timeline and its warnings, or the errors that kept it from being built.
fn outcome((timeline, diags): (Option<Timeline>, Vec<Diagnostic>)) -> Result<Loaded, LoadError> {
    match timeline {
        Some(timeline) => Ok(Loaded {
            timeline,
            warnings: diags,
        }),
        None => Err(LoadError::Invalid(diags)),
    }
}

/// Load a file's bytes held whole (`split`: may a big RON file be parsed on every core?).
fn load_whole(
    path: &Path,
    shown: &str,
    bytes: &[u8],
    progress: &Progress,
    split: bool,
) -> Result<Loaded, LoadError> {
    match crate::domain::text::utf8(bytes) {
        Ok(src) => load_text(src, shown, input::format_of(path, src), progress, split),
        Err(_) => {
            let format = input::get().from.unwrap_or(Format::for_path(path));
            load_bytes_with(bytes, shown, format, progress)
        }
    }
}

/// Load the bundled dataset.
pub fn load_bundled() -> Loaded {
    load_bytes(BUNDLED.as_bytes(), BUNDLED_NAME, Format::Ron)
        .expect("the bundled dataset is checked by the test suite")
}

/// Load a document from memory. `shown` names it in diagnostics.
pub fn load_bytes(bytes: &[u8], shown: &str, format: Format) -> Result<Loaded, Vec<Diagnostic>> {
    match load_bytes_with(bytes, shown, format, &Progress::default()) {
        Ok(l) => Ok(l),
        Err(LoadError::Invalid(d)) => Err(d),
        Err(e) => Err(vec![at(shown, 1, 1, e.to_string())]),
    }
}

/// [`load_bytes`] with progress and cancellation. Big RON files are cut at event
/// boundaries and parsed on every core; any problem sends the file through the plain
/// one-piece parser, so diagnostics are always serde's own.
pub fn load_bytes_with(
    bytes: &[u8],
    shown: &str,
    format: Format,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let src = decode(bytes, shown).map_err(LoadError::Invalid)?;
    load_text_with(src, shown, format, progress)
}

/// [`load_bytes_with`] of text already known to be UTF-8 (what the caller checked once to
/// tell the format: a big file's bytes are not checked twice).
pub fn load_text_with(
    src: &str,
    shown: &str,
    format: Format,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    load_text(src, shown, format, progress, true)
}

/// [`load_text_with`]; `split`: may a big RON file be parsed on every core (else in one
/// piece, which places every problem exactly)?
fn load_text(
    src: &str,
    shown: &str,
    format: Format,
    progress: &Progress,
    split: bool,
) -> Result<Loaded, LoadError> {
    let src = no_nul(src, None, shown).map_err(LoadError::Invalid)?;
    let src = checked_size(src, shown).map_err(LoadError::Invalid)?;
    let fast = match format {
        Format::Ron if split => parallel::parse_split(src, progress)?,
        _ => None,
    };
    finish(src, shown, format, progress, fast)
}

/// Load RON text as a big file is loaded (cut into chunks of about `chunk` bytes, each
/// event read by the scanner or `ron`), whatever its size: for the tests that check that
/// this path gives what the one-piece parser gives.
#[doc(hidden)]
pub fn load_ron_in_chunks(
    bytes: &[u8],
    shown: &str,
    chunk: usize,
) -> Result<Loaded, Vec<Diagnostic>> {
    let progress = Progress::default();
    let run = || {
        let src = decode(bytes, shown).map_err(LoadError::Invalid)?;
        let fast = parallel::parse_split_into(src, &progress, chunk)?;
        finish(src, shown, Format::Ron, &progress, fast)
    };
    match run() {
        Ok(l) => Ok(l),
        Err(LoadError::Invalid(d)) => Err(d),
        Err(e) => Err(vec![at(shown, 1, 1, e.to_string())]),
    }
}

/// Check what the parallel path built, or parse `src` in one piece when it built nothing.
fn finish(
    src: &str,
    shown: &str,
    format: Format,
    progress: &Progress,
    fast: Option<validate::Builder>,
) -> Result<Loaded, LoadError> {
    let builder = match fast {
        Some(b) => b,
        None => {
            let read = read_text(src, shown, format).map_err(LoadError::Invalid)?;
            progress.add_parsed(src.len());
            let (timeline, warnings, _) = checked(read, src, shown, format)?;
            return Ok(Loaded { timeline, warnings });
        }
    };
    match builder.finish(shown, src, format.syntax()) {
        (Some(timeline), warnings) => Ok(Loaded { timeline, warnings }),
        (None, diags) => Err(LoadError::Invalid(diags)),
    }
}

/// Check what a syntax read: the timeline, its warnings and the report; or every problem
/// at once, the reading's own and the checks' of what it could read, in file order (the
/// checks' warnings are left out then: they speak of a timeline with records missing).
fn checked(
    read: syntax::Read,
    src: &str,
    shown: &str,
    format: Format,
) -> Result<(Timeline, Vec<Diagnostic>, Vec<String>), LoadError> {
    let problems: Vec<Diagnostic> = read
        .problems
        .into_iter()
        .map(|(pos, msg)| at(shown, pos.line, pos.col, msg))
        .collect();
    match validate::Builder::new(read.timeline).finish(shown, src, format.syntax()) {
        (Some(timeline), warnings) if problems.is_empty() => Ok((timeline, warnings, read.report)),
        (_, diags) if problems.is_empty() => Err(LoadError::Invalid(diags)),
        (_, diags) => {
            let mut all = problems;
            all.extend(diags.into_iter().filter(|d| d.severity == Severity::Error));
            all.sort_by_key(|d| (d.line, d.col));
            Err(LoadError::Invalid(all))
        }
    }
}

fn at(shown: &str, line: usize, col: usize, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        path: shown.to_string(),
        line,
        col,
        message,
        more: 0,
    }
}

/// Check the bytes are text: UTF-8, no NUL.
fn decode<'a>(bytes: &'a [u8], shown: &str) -> Result<&'a str, Vec<Diagnostic>> {
    match crate::domain::text::utf8(bytes) {
        Ok(s) => no_nul(s, None, shown),
        Err(e) => {
            let ok = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid prefix");
            no_nul(
                ok,
                Some("file is not UTF-8 text (invalid byte sequence)"),
                shown,
            )
        }
    }
}

/// The text, unless it is too large for the timeline's 32-bit offsets.
fn checked_size<'a>(src: &'a str, shown: &str) -> Result<&'a str, Vec<Diagnostic>> {
    if src.len() > u32::MAX as usize / 2 {
        let msg = format!(
            "file is too large ({} bytes): annals reads timelines up to 2 GiB",
            src.len()
        );
        return Err(vec![at(shown, 1, 1, msg)]);
    }
    Ok(src)
}

/// Check that text has no NUL; `bad` says what is wrong past its end, if anything.
fn no_nul<'a>(valid: &'a str, bad: Option<&str>, shown: &str) -> Result<&'a str, Vec<Diagnostic>> {
    let nul = valid.find('\0');
    let (text_before, what) = match (nul, bad) {
        (Some(n), _) => (
            &valid[..n],
            "file contains a NUL byte: this looks like a binary file",
        ),
        (None, Some(w)) => (valid, w),
        (None, None) => return Ok(valid),
    };
    let line = text_before.matches('\n').count() + 1;
    let col = text_before
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Err(vec![at(shown, line, col, what.to_string())])
}

/// Parse text into the file structs (syntax and field names only): the problems of the
/// reading, if there are any.
pub fn parse(src: &str, shown: &str, format: Format) -> Result<RawTimeline, Vec<Diagnostic>> {
    let read = read_text(src, shown, format)?;
    if read.problems.is_empty() {
        Ok(read.timeline)
    } else {
        Err(read
            .problems
            .into_iter()
            .map(|(pos, msg)| at(shown, pos.line, pos.col, msg))
            .collect())
    }
}

/// [`parse`], with the report of what went where (for `annals import`).
pub fn read_text(src: &str, shown: &str, format: Format) -> Result<syntax::Read, Vec<Diagnostic>> {
    if src.trim().is_empty() {
        let what = match format {
            Format::Ron | Format::Json => {
                "file is empty: expected `Timeline(title: \"…\", events: [...])`"
            }
            Format::Sheet => {
                "file is empty: expected a header row (`date,title,…`) and a row per event"
            }
            #[allow(unreachable_patterns)]
            _ => "file is empty",
        };
        return Err(vec![at(shown, 1, 1, what.to_string())]);
    }
    let mut read = format.syntax().read(src).map_err(|problems| {
        problems
            .into_iter()
            .map(|(pos, msg)| at(shown, pos.line, pos.col, msg))
            .collect::<Vec<_>>()
    })?;
    // The source standing for the file is named after it.
    let file = Path::new(shown)
        .file_name()
        .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
    if let Some(s) = read
        .file_source
        .and_then(|i| read.timeline.sources.get_mut(i))
    {
        s.title.clone_from(&file);
        s.document = Some(file);
    }
    Ok(read)
}

/// What `annals import` makes of a file: its timeline (checked: it loads), the format it
/// was read as, the report of what went where, and the warnings.
#[derive(Debug)]
pub struct Imported {
    /// The checked timeline.
    pub timeline: Timeline,
    /// The format it was read as.
    pub format: Format,
    /// What went where (see [`syntax::Read`]).
    pub report: Vec<String>,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
}

/// Read and check `path` for `annals import`: every problem at once, or the timeline.
pub fn import_path(path: &Path) -> Result<Imported, LoadError> {
    let shown = path.display().to_string();
    let bytes = parallel::read(path, &Progress::default()).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    let src = decode(&bytes, &shown).map_err(LoadError::Invalid)?;
    let format = input::format_of(path, src);
    let read = read_text(src, &shown, format).map_err(LoadError::Invalid)?;
    let (timeline, warnings, report) = checked(read, src, &shown, format)?;
    Ok(Imported {
        timeline,
        format,
        report,
        warnings,
    })
}

#[cfg(all(test, unix))]
#[path = "pages_tests.rs"]
mod pages_tests;
