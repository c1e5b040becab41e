//! The timeline as normalised RON: sorted as annals sorts it, pretty, every value as the
//! file gives it, so that a file fixed up by hand or converted (`annals import`) is written
//! back cleanly. What it writes loads back to the same timeline.

use crate::domain::Timeline;
use crate::load::raw::RawTimeline;
use std::io::{self, Write};

/// The file structs as RON text (`Some` left out, as the reader allows).
pub fn to_ron(raw: &RawTimeline) -> String {
    let pretty = ::ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    crate::load::syntax::ron_options()
        .to_string_pretty(raw, pretty)
        .expect("the file structs always serialise")
}

/// The whole timeline as normalised RON.
pub fn ron(t: &Timeline) -> String {
    let mut s = format!(
        "// Written by annals {} (export --format ron).\n",
        env!("CARGO_PKG_VERSION")
    );
    s.push_str(&to_ron(&super::to_raw(t)));
    s.push('\n');
    s
}

/// [`ron`], to `out`.
pub fn write_ron(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(ron(t).as_bytes())
}
