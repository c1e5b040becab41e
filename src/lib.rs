//! annals: explore dated events, the people in them and the sources behind them.
//! Layers, bottom first (`tests/layers.rs` keeps imports pointing down): `domain` and
//! `files` → `text` (escaping, wrapping) → `load` (RON and JSON → checked model) → `query`
//! (parse, index, the search protocol) → `open` (a dataset, through the cache) and `export`
//! → `app` (state, `update`) → `keymap` → `ui` (draws state) and `session` (files) → `tui`
//! (the loop) → `cli`.

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
