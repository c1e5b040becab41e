//! What a session remembers, as written to disk (RON, versioned; the files themselves are
//! `crate::session`'s), how it is taken from the explorer, and how `update` gives it back
//! (`Msg::Restore`) or carries it onto reloaded data (`Msg::Reloaded`). Events are named by id, so a changed dataset degrades
//! gracefully instead of pointing at the wrong event.

use super::{App, Facet, Focus};
use crate::domain::Timeline;
use crate::domain::num::u32_of;
use crate::domain::{Edtf, EventIdx};
use crate::query::SearchIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The session file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A facet by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedFacet {
    /// Only this person's events.
    Person(String),
    /// Only events citing this source.
    Source(String),
}

/// An event by id, with its date as a fallback for when the id is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Event id.
    pub id: String,
    /// Its EDTF date when saved.
    pub date: String,
}

/// Everything a session restores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionState {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// Which dataset this is for (canonical path, or `bundled:NAME`).
    pub dataset: String,
    /// Focused pane: `timeline`, `detail`, `people` or `sources`.
    pub focus: String,
    /// The selected event.
    pub selected: Option<Anchor>,
    /// Rows above the selection on screen (scroll position).
    pub scroll: usize,
    /// Filter text as typed.
    pub filter: String,
    /// Facets in force.
    pub facets: Vec<SavedFacet>,
    /// Jump history, oldest first.
    pub back: Vec<Anchor>,
    /// Forward history, as `Forward` would visit it last-first.
    pub forward: Vec<Anchor>,
    /// Marks.
    pub marks: BTreeMap<char, Anchor>,
    /// Past queries, oldest first (absent from sessions written before it was kept).
    #[serde(default)]
    pub queries: Vec<String>,
    /// The lanes view, when it was shown (absent: the list view, as in sessions written
    /// before the lanes were kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lanes: Option<SavedLanes>,
}

/// The lanes view as it was: its grouping and the stretch of time shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedLanes {
    /// `person`, `place`, `tag` or `source` (anything else: by person).
    pub grouping: String,
    /// The window's first instant (seconds from 1970, UTC).
    pub from: i64,
    /// The first instant past its right edge.
    pub to: i64,
}

fn anchor(app: &App, e: EventIdx) -> Anchor {
    let ev = app.data.timeline.event(e);
    Anchor {
        id: ev.id().to_string(),
        date: ev.date.to_edtf(),
    }
}

/// The session of `app` for `dataset`.
pub fn capture(app: &App, dataset: &str) -> SessionState {
    let t = &app.data.timeline;
    let facets = app
        .filter
        .facets
        .iter()
        .map(|f| match *f {
            Facet::Person(p) => SavedFacet::Person(t.person(p).id.clone()),
            Facet::Source(s) => SavedFacet::Source(t.source(s).id.clone()),
        })
        .collect();
    SessionState {
        version: VERSION,
        dataset: dataset.to_string(),
        focus: app.view.focus.name().to_string(),
        selected: app.selected().map(|e| anchor(app, e)),
        scroll: app.nav.list.cursor.saturating_sub(app.nav.list.offset),
        filter: app.filter.text.clone(),
        facets,
        back: app
            .nav
            .history
            .back
            .iter()
            .map(|&e| anchor(app, e))
            .collect(),
        forward: app
            .nav
            .history
            .forward
            .iter()
            .map(|&e| anchor(app, e))
            .collect(),
        marks: app
            .nav
            .marks
            .iter()
            .map(|(&c, &e)| (c, anchor(app, e)))
            .collect(),
        queries: app.filter.queries.clone(),
        lanes: (app.view.layout == super::layout::Layout::Lanes).then(|| SavedLanes {
            grouping: app.lanes.grouping.name().to_string(),
            from: app.lanes.window.map_or(0, |w| w.from),
            to: app.lanes.window.map_or(0, |w| w.to),
        }),
    }
}

/// The event an anchor names: by id, else the nearest by date (when `nearest`).
fn resolve(app: &App, a: &Anchor, nearest: bool) -> Option<EventIdx> {
    if let Some(e) = app.data.timeline.event_by_id(&a.id) {
        return Some(e);
    }
    if !nearest {
        return None;
    }
    let target = Edtf::parse(&a.date).ok()?.earliest()?;
    (0..u32_of(app.data.timeline.len())).min_by_key(|&i| {
        app.data
            .timeline
            .event(i)
            .date
            .earliest()
            .map_or(u64::MAX, |d| d.0.abs_diff(target.0))
    })
}

/// Give `state` back to `app` (for `update`). Returns a notice when the dataset changed
/// under it (also put in the status bar).
pub(super) fn restore(app: &mut App, state: &SessionState) -> Option<String> {
    let t = &app.data.timeline;
    let mut lost = 0usize;
    let mut facets = Vec::new();
    for f in &state.facets {
        let found = match f {
            SavedFacet::Person(id) => t
                .people
                .iter()
                .position(|p| &p.id == id)
                .map(|i| Facet::Person(u32_of(i))),
            SavedFacet::Source(id) => t
                .sources
                .iter()
                .position(|s| &s.id == id)
                .map(|i| Facet::Source(u32_of(i))),
        };
        match found {
            // A facet named twice (a hand-edited file) counts once.
            Some(f) if facets.contains(&f) => {}
            Some(f) => facets.push(f),
            None => lost += 1,
        }
    }
    let mut ids = |v: &[Anchor]| -> Vec<EventIdx> {
        let out: Vec<EventIdx> = v.iter().filter_map(|a| resolve(app, a, false)).collect();
        lost += v.len() - out.len();
        out
    };
    let back = ids(&state.back);
    let forward = ids(&state.forward);
    let mut marks = BTreeMap::new();
    for (&c, a) in &state.marks {
        match resolve(app, a, false) {
            Some(e) => {
                marks.insert(c, e);
            }
            None => lost += 1,
        }
    }
    let selected = state.selected.as_ref().map(|a| {
        let exact = app.data.timeline.event_by_id(&a.id).is_some();
        (resolve(app, a, true), exact)
    });
    app.filter.text = state.filter.clone();
    app.filter.facets = facets;
    app.apply_filter_text();
    app.nav.history.back = back;
    app.nav.history.forward = forward;
    app.nav.marks = marks;
    // The newest queries, if a session holds more than the history keeps.
    let keep = state.queries.len().saturating_sub(super::QUERY_HISTORY_CAP);
    app.filter.queries = state.queries[keep..].to_vec();
    let mut moved = false;
    if let Some((target, exact)) = selected {
        moved = !exact;
        if let Some(e) = target {
            if app.filter.visible.binary_search(&e).is_err() {
                app.clear_filter();
                moved = true;
            }
            let row = app.filter.visible.binary_search(&e).unwrap_or(0);
            app.nav.list.cursor = row;
            app.nav.list.offset = row.saturating_sub(state.scroll);
            app.scroll_into_view();
        }
    }
    match &state.lanes {
        Some(l) => super::lanes::restore(app, &l.grouping, (l.from, l.to)),
        None => app.view.layout = super::layout::Layout::Explorer,
    }
    // A pane of the view shown; else the view's main pane.
    let panes = app.view.layout.panes();
    app.view.focus = Focus::ALL
        .into_iter()
        .find(|f| f.name() == state.focus && panes.contains(f))
        .unwrap_or(panes[0]);
    let notice = match (moved, lost) {
        (false, 0) => return None,
        (true, 0) => "session restored; its event is gone, nearest one selected".to_string(),
        (false, n) => format!("session restored; {n} saved item(s) no longer in the data"),
        (true, n) => format!("session restored; its event and {n} saved item(s) are gone"),
    };
    app.view.message = Some(notice.clone());
    Some(notice)
}

/// Move `app` onto freshly loaded data (for `update`), keeping what the user was doing:
/// the selected event (by id; the nearest by date if it is gone), filter, facets, history,
/// marks, focus, the mode they were typing in, the zoom, context (`c`) and the find.
pub(super) fn switch(app: &mut App, timeline: Arc<Timeline>, index: Arc<SearchIndex>) {
    let state = capture(app, "");
    let mut new = App::from_parts(timeline, index, app.data.origin.clone(), app.view.size);
    // Results still on their way for the old data must never count for the new: its
    // filter generations carry on from the old ones.
    new.filter.generation = app.filter.generation;
    // Context (`c`) stays on across a reload, shown around the restored filter's matches.
    new.filter.context = app.filter.context;
    // Restored here and now (filtering inline), so that the saved event is the one
    // selected and a filter that hides it gives way, as on a start; later filters go
    // off-thread again.
    let notice = restore(&mut new, &state);
    new.filter.async_from = app.filter.async_from;
    new.filter.slice = app.filter.slice;
    new.view.mode = app.view.mode;
    // The filter as typed (perhaps not parsing yet), unless the restore had to clear
    // the filter to show the event.
    if new.filter.matcher.query() == app.filter.matcher.query() {
        new.filter.text = app.filter.text.clone();
    }
    new.view.date_input = app.view.date_input.clone();
    new.filter.fresh_prompt = app.filter.fresh_prompt;
    new.nav.find = app.nav.find.clone();
    new.view.zoom = app.view.zoom;
    new.view.utc = app.view.utc;
    new.view.layout = app.view.layout;
    new.lanes = app.lanes.carried();
    new.view.help_page = app.view.help_page;
    new.view.data_error = None;
    new.view.message =
        Some(notice.unwrap_or_else(|| format!("reloaded: {} events", new.data.timeline.len())));
    // A filter job the new data asks for goes out with this update, after the loop has
    // moved its filter worker onto the new data.
    let scan = new.fx.scan.take();
    *app = new;
    app.fx.new_data = true;
    app.fx.scan = scan;
}
