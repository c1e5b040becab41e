//! Diagnostics: `PATH:LINE:COL: error: MESSAGE`, reported once, at the edge.

use crate::text::sanitize;
use std::fmt;

/// How bad a problem is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The file is still usable.
    Warning,
    /// The file cannot be loaded.
    Error,
}

/// One problem in a data file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (chars).
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// How many more problems like this one were found and not kept (the same message
    /// but for the values in backquotes): ten million events citing no source make one
    /// warning with a count, not ten million.
    #[serde(default)]
    pub more: usize,
}

impl Diagnostic {
    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many problems `diags` stand for, those only counted included.
pub fn total(diags: &[Diagnostic]) -> usize {
    diags.iter().map(|d| 1 + d.more).sum()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {sev}: {}",
            sanitize(&self.path, false),
            self.line,
            self.col,
            sanitize(&shorten(&self.message), false)
        )?;
        match self.more {
            0 => Ok(()),
            n => write!(f, " (and {n} more like this)"),
        }
    }
}

/// Longest stretch between two backquotes shown whole. A message's own words are shorter;
/// values longer than this (a megabyte "id") are cut.
const PIECE_MAX: usize = 200;
/// How much of a cut value is kept.
const PIECE_KEPT: usize = 100;

/// `message` with every stretch between backquotes (quoted or not: a value may hold a
/// backquote itself) longer than [`PIECE_MAX`] characters cut to its start, an ellipsis
/// and its length, so that one huge value cannot flood the terminal. Cut before escaping,
/// so that an escape is never split and the count is of the value's own characters.
fn shorten(message: &str) -> std::borrow::Cow<'_, str> {
    if message.len() <= PIECE_MAX {
        return message.into();
    }
    let mut out = String::with_capacity(message.len().min(4096));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let n = part.chars().count();
        if n > PIECE_MAX {
            out.extend(part.chars().take(PIECE_KEPT));
            out.push_str(&format!("… ({n} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_quoted_values_are_cut_and_short_ones_kept() {
        let long = "a".repeat(5_000_000);
        let d = Diagnostic {
            severity: Severity::Error,
            path: "f.ron".into(),
            line: 1,
            col: 2,
            message: format!("invalid date: `{long}` (and `short`)"),
            more: 0,
        };
        let shown = d.to_string();
        assert!(shown.len() < 300, "{}", shown.len());
        let cut = format!("`{}… (5000000 characters)` (and `short`)", "a".repeat(100));
        assert!(shown.ends_with(&cut), "{shown}");
        assert_eq!(shorten("no `quotes` here"), "no `quotes` here");
    }

    #[test]
    fn a_backquote_or_no_quotes_around_a_huge_value_still_cut_it() {
        let huge = "a".repeat(1_000_000);
        for message in [
            format!("unknown person ``{huge}`"),
            format!("event `e` (2000) is before {huge} was born (2001)"),
        ] {
            let d = Diagnostic {
                severity: Severity::Error,
                path: "f.ron".into(),
                line: 1,
                col: 2,
                message,
                more: 0,
            };
            assert!(d.to_string().len() < 400, "{}", d.to_string().len());
        }
    }

    #[test]
    fn values_are_cut_before_they_are_escaped() {
        let d = Diagnostic {
            severity: Severity::Error,
            path: "f.ron".into(),
            line: 1,
            col: 2,
            message: format!("bad `{}`", "\u{202e}".repeat(1000)),
            more: 0,
        };
        let shown = d.to_string();
        let kept = "<U+202E>".repeat(PIECE_KEPT);
        assert!(
            shown.contains(&format!("`{kept}… (1000 characters)`")),
            "{shown}"
        );
    }
}
