//! Diagnostics: `PATH:LINE:COL: error: MESSAGE`, reported once, at the edge.

use crate::domain::text::sanitize;
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
}

impl Diagnostic {
    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
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
            shorten_quoted(&sanitize(&self.message, false))
        )
    }
}

/// Longest `quoted` fragment of a message shown whole; longer ones (a megabyte "id") are cut.
const QUOTE_MAX: usize = 80;

/// `message` with each backquoted fragment longer than [`QUOTE_MAX`] characters cut to its
/// start, an ellipsis and its length, so that one huge value cannot flood the terminal.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let n = part.chars().count();
        if i % 2 == 1 && n > QUOTE_MAX {
            out.extend(part.chars().take(QUOTE_MAX - 20));
            out.push_str(&format!("… ({n} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out
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
        };
        let shown = d.to_string();
        assert!(shown.len() < 200, "{}", shown.len());
        let cut = format!("`{}… (5000000 characters)` (and `short`)", "a".repeat(60));
        assert!(shown.ends_with(&cut), "{shown}");
        assert_eq!(shorten_quoted("no `quotes` here"), "no `quotes` here");
    }
}
