//! Loading: bytes → parsed file structs → validated [`Timeline`], with diagnostics.
//!
//! Parse first (serde, RON or JSON by extension; each syntax in its own room under
//! [`syntax`]), then validate. The domain never sees raw RON. Every problem becomes a
//! [`Diagnostic`] with `PATH:LINE:COL`.

pub mod diag;
mod parallel;
pub mod raw;
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

/// Which syntax a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RON (the native format).
    Ron,
    /// JSON as written by `annals export --format json`.
    Json,
}

impl Format {
    /// How this format is parsed and positioned.
    pub fn syntax(self) -> &'static dyn syntax::Syntax {
        match self {
            Format::Ron => &syntax::Ron,
            Format::Json => &syntax::Json,
        }
    }

    /// RON unless the file name ends in `.json`.
    pub fn for_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Ron,
        }
    }
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
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    load_bytes_with(&bytes, &shown, Format::for_path(path), progress)
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
    if src.len() > u32::MAX as usize / 2 {
        let msg = format!(
            "file is too large ({} bytes): annals reads timelines up to 2 GiB",
            src.len()
        );
        return Err(LoadError::Invalid(vec![at(shown, 1, 1, msg)]));
    }
    let fast = match format {
        Format::Ron => parallel::parse_split(src, progress)?,
        Format::Json => None,
    };
    let builder = match fast {
        Some(b) => b,
        None => {
            let raw = parse(src, shown, format).map_err(LoadError::Invalid)?;
            progress.add_parsed(src.len());
            validate::Builder::new(raw)
        }
    };
    match builder.finish(shown, src, format.syntax()) {
        (Some(timeline), warnings) => Ok(Loaded { timeline, warnings }),
        (None, diags) => Err(LoadError::Invalid(diags)),
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
    let (valid, bad) = match std::str::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let ok = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid prefix");
            (ok, Some("file is not UTF-8 text (invalid byte sequence)"))
        }
    };
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

/// Parse text into the file structs (syntax and field names only).
pub fn parse(src: &str, shown: &str, format: Format) -> Result<RawTimeline, Vec<Diagnostic>> {
    if src.trim().is_empty() {
        return Err(vec![at(
            shown,
            1,
            1,
            "file is empty: expected `Timeline(title: \"…\", events: [...])`".to_string(),
        )]);
    }
    format
        .syntax()
        .parse(src)
        .map_err(|(pos, msg)| vec![at(shown, pos.line, pos.col, msg)])
}
