//! Every integration test in one binary, as ripgrep does: each file in `tests/` is a
//! module of this crate, so the whole `annals` crate is linked once for all of them
//! instead of once per file. Shared helpers live in `common`.

mod common;

mod app;
mod cache;
mod cli;
mod context;
mod dataset;
mod dates;
mod door;
mod edtf;
mod edtf_order;
mod edtf_props;
mod explorer;
mod export_timelinejs;
mod extras;
mod extremes;
mod hangup;
mod hostile;
mod import_gedcom;
mod import_sheet;
mod import_timelinejs;
mod import_timesketch;
mod keystrokes;
mod lanes_axis;
mod lanes_door;
mod lanes_screens;
mod layers;
mod props;
mod pty;
mod reload;
mod robust;
mod scale;
mod scanner;
mod screens;
mod session;
mod synth;
mod times;
