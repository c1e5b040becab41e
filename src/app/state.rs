//! The explorer's state, grouped by what it is about: the data, the filter in force, where
//! the user is, and how the screen is shown. A new view adds one struct here, not more
//! fields everywhere.

use super::Scanning;
use super::scan::Counts;
use super::{Done, Facet, Focus, History, ListPos, Mode};
use crate::domain::{EventIdx, Timeline};
use crate::query::{Matcher, QueryError, SearchIndex};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The dataset and what is derived from it once (read-only while exploring).
pub struct Data {
    /// The timeline being explored.
    pub timeline: Arc<Timeline>,
    /// Its folded search text.
    pub index: Arc<SearchIndex>,
    /// Where it came from, for the title.
    pub origin: String,
    /// Events per person, per source and per year for the whole timeline.
    pub totals: Counts,
    /// How the timeline's years fold into the density strip.
    pub years: crate::query::scan::YearBins,
    /// Width of the timeline's date column (fits the widest date; 4 to 24).
    pub date_width: usize,
}

/// The filter: as typed, in force, its results and the work in progress.
pub struct FilterState {
    /// The filter as typed.
    pub text: String,
    /// A `/` prompt that nothing was typed into yet: the filter in force stays until the
    /// first character, which starts a new query.
    pub fresh_prompt: bool,
    /// Past queries, oldest first (kept in the session); `↑`/`↓` in the prompt walk them.
    pub queries: Vec<String>,
    /// Which past query the prompt shows, while walking the history.
    pub query_pos: Option<usize>,
    /// Why the filter as typed does not parse (the last good one stays in force).
    pub error: Option<QueryError>,
    /// The filter in force.
    pub matcher: Arc<Matcher>,
    /// Facets in force (AND), in the order they were added.
    pub facets: Vec<Facet>,
    /// Events that pass the filter and facets, in chronological order.
    pub visible: Vec<EventIdx>,
    /// Events per person, per source and per year (binned by `Data::years`), under the filter.
    pub counts: Counts,
    /// A filter still running off-thread (big timelines), if any.
    pub scanning: Option<Scanning>,
    /// Generation of the latest filter request.
    pub generation: u64,
    /// The last complete results, kept so that a longer query scans only them.
    pub last_done: Option<Done>,
    /// Complete results of recent filters: going back to one costs no scan.
    pub memo: super::memo::Memo,
    /// Timelines with at least this many events filter off-thread (`usize::MAX`: never).
    pub async_from: usize,
    /// Events per slice of an off-thread filter.
    pub slice: usize,
    /// `c`: show each match's neighbours in the whole timeline too (drawn dimmed).
    pub context: bool,
    /// While neighbours are shown: the matches alone (`visible` then holds the matches
    /// and their neighbours).
    pub matched: Option<Vec<EventIdx>>,
}

/// Where the user is: cursors, the link picked, jumps and marks.
#[derive(Default)]
pub struct Nav {
    /// Timeline cursor (into `visible`) and scroll.
    pub list: ListPos,
    /// People pane cursor and scroll.
    pub people: ListPos,
    /// Sources pane cursor and scroll.
    pub sources: ListPos,
    /// Selected link in the detail pane (outgoing links first, then back-links); none
    /// while reading the text.
    pub link: Option<usize>,
    /// Lines the detail pane (or the source record) is scrolled by.
    pub detail_scroll: u16,
    /// Jump history.
    pub history: History,
    /// Marks set with `m`.
    pub marks: BTreeMap<char, EventIdx>,
    /// What is being found in the People or Sources pane (rows that match are marked;
    /// `n`/`N` step through them).
    pub find: String,
}

/// How the screen is shown: its size, the pane with the keyboard, what keys do, prompts
/// and messages.
pub struct View {
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The view: which panes there are and where they go.
    pub layout: super::layout::Layout,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// What keys do now.
    pub mode: Mode,
    /// The focused pane shown alone, full screen (`z`).
    pub zoom: bool,
    /// Which page of the `?` help is open: 0 the first of the keys, the query syntax
    /// after them, counted modulo the pages there are at the screen's size.
    pub help_page: u8,
    /// The date being typed after `t`.
    pub date_input: String,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Why the dataset on disk does not load (the last good version stays shown); stays
    /// in the status bar until a reload succeeds.
    pub data_error: Option<String>,
    /// Show times of day in UTC (`--utc`) instead of each date's own offset.
    pub utc: bool,
}
