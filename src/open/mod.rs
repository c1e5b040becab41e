//! Opening a dataset: a file (through the warm-start cache) or the bundled timeline, parsed,
//! checked and indexed, ready for the command line and the explorer alike.
//!
//! This layer sits above both `load` (text → checked timeline) and `query` (the search
//! index): it is the only place that puts the two together, so neither has to know the
//! other. A loaded dataset has one name, [`Dataset`].

pub mod cache;
mod digest;
mod layout;
mod records;
mod sound;
mod written;

use crate::domain::Timeline;
use crate::load::{self, Diagnostic, LoadError, Loaded, Progress};
use crate::query::SearchIndex;
use std::path::Path;
use std::sync::Arc;

/// A dataset ready to use: its timeline, search index and the warnings found on the way.
#[derive(Debug)]
pub struct Dataset {
    /// The checked timeline.
    pub timeline: Arc<Timeline>,
    /// Its search index.
    pub index: Arc<SearchIndex>,
    /// Data warnings (never errors).
    pub warnings: Vec<Diagnostic>,
    /// A problem with the cache worth telling the user (the data loaded anyway).
    pub cache_warning: Option<String>,
    /// Whether it was read from the cache (for the curious and the tests).
    pub from_cache: bool,
}

impl Dataset {
    /// A dataset from a checked timeline and its index.
    pub fn new(loaded: Loaded, index: SearchIndex, from_cache: bool) -> Dataset {
        Dataset {
            timeline: Arc::new(loaded.timeline),
            index: Arc::new(index),
            warnings: loaded.warnings,
            cache_warning: None,
            from_cache,
        }
    }

    /// Index a checked timeline.
    pub fn indexed(loaded: Loaded) -> Dataset {
        let index = SearchIndex::new(&loaded.timeline);
        Dataset::new(loaded, index, false)
    }
}

/// Open `path` (read-only), through the cache when the file is big enough and the cache is
/// on (see [`cache`]), reporting progress and stopping early when it is cancelled.
pub fn file(path: &Path, progress: &Progress) -> Result<Dataset, LoadError> {
    let dir = cache::configured();
    cache::open_in(path, dir.as_deref(), cache::MIN_SIZE, progress)
}

/// Open the bundled dataset.
pub fn bundled() -> Dataset {
    Dataset::indexed(load::load_bundled())
}
