//! annals: explore dated events, the people in them and the sources behind them.
//! Layers: `domain` (model, dates) → `load` (RON → checked model) → `query` (parse, match)
//! → `open` (a dataset: load + index, through the cache) → `app` (state, `update`) ←
//! `keymap` (key → action); `ui` draws state; `tui` runs the loop.

pub mod app;
pub mod cli;
pub mod domain;
pub mod export;
pub mod files;
pub mod keymap;
pub mod load;
pub mod open;
pub mod query;
pub mod session;
pub mod text;
pub mod tui;
pub mod ui;
