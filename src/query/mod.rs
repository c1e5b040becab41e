//! The query language shared by `annals search` and the explorer: parse, index, match.
//! Pure: no I/O, no terminal.

pub mod counts;
mod fuzzy;
pub mod index;
pub mod matcher;
pub mod overlap;
pub mod parse;
pub mod resolve;
pub mod scan;

pub use index::SearchIndex;
pub use matcher::{Candidates, Matcher};
pub use parse::{Query, QueryError, SYNTAX, flag, parse};
pub use resolve::resolve;

#[cfg(test)]
mod tests;
