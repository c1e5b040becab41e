//! annals: explore timelines of dated, sourced events from the terminal.
//!
//! Layers, one way: `domain` (model, dates) ← `load` (RON → checked model) ← `query`
//! (parse + match) ← `export` and `cli`.

pub mod cli;
pub mod domain;
pub mod export;
pub mod load;
pub mod query;
