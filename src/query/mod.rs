//! The query language shared by `annals search` and the explorer: parse, index, match.
//! Pure: no I/O, no terminal.

pub mod index;
pub mod matcher;
pub mod parse;

pub use index::{EventText, SearchIndex};
pub use matcher::Matcher;
pub use parse::{Query, QueryError, parse};
