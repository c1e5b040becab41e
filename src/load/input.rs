//! How files are read: which format (`--from`, else the extension and a look at the
//! content) and how a spreadsheet's columns map to fields (`--map FIELD=COLUMN`). Set once
//! by the command line for the whole process, so that every command, the explorer's live
//! reload and the cache read a file the same way (the cache keys entries by it).

use super::Format;
use std::path::Path;
use std::sync::OnceLock;

/// The reading options in force.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// The format forced with `--from`.
    pub from: Option<Format>,
    /// `--map FIELD=COLUMN` pairs, in the order given.
    pub map: Vec<(String, String)>,
}

static READING: OnceLock<Reading> = OnceLock::new();

/// Set the options for this process (the first call wins; the command line makes it).
pub fn set(r: Reading) {
    let _ = READING.set(r);
}

/// The options in force (none forced when never set).
pub fn get() -> &'static Reading {
    READING.get_or_init(Reading::default)
}

/// What the options change about a file's meaning, for the cache's key.
pub fn fingerprint() -> String {
    let r = get();
    let mut s = r.from.map_or("auto", Format::name).to_string();
    for (f, c) in &r.map {
        s.push_str(&format!(" {f:?}={c:?}"));
    }
    s
}

/// The format of a file: `--from`, else by the extension and a look at the text.
pub fn format_of(path: &Path, src: &str) -> Format {
    get().from.unwrap_or_else(|| Format::detect(path, src))
}
