//! The query language shared by `annals search` and the explorer: parse, index, match.
//! Pure: no I/O, no terminal.

mod fuzzy;
pub mod index;
pub mod matcher;
pub mod parse;
pub mod scan;

pub use index::SearchIndex;
pub use matcher::{Candidates, Matcher};
pub use parse::{Query, QueryError, SYNTAX, flag, parse};

#[cfg(test)]
mod tests;
