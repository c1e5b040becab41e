//! What one lane shows in a window: its events as marks stacked onto sub-rows (the
//! selected event, then matches, then context neighbours first when rows run out), or
//! events per cell when they crowd; and which lanes fit on screen.

use super::axis::{self, Mark, Window};
use super::build::{Lane, bounds};
use super::{EVENTS_MAX, Geometry, SCAN_BACK, STACK, geometry};
use crate::app::App;
use crate::app::layout::inner;
use crate::domain::date::Edtf;
use crate::domain::{EventIdx, Timeline};

/// What one lane shows in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// Its events one by one, stacked onto sub-rows; `hidden` found no row (`+N`).
    Events {
        /// Sub-rows of (event, where it lands).
        rows: Vec<Vec<(EventIdx, Mark)>>,
        /// Events in the window left out for want of rows.
        hidden: usize,
    },
    /// Too many to tell apart: events per cell.
    Density(Vec<usize>),
}

impl Body {
    /// Rows it takes.
    pub fn height(&self) -> u16 {
        match self {
            Body::Events { rows, .. } => u16::try_from(rows.len().max(1)).unwrap_or(1),
            Body::Density(_) => 1,
        }
    }
}

/// The inner bounds of a date: where the event surely is (`None`: nowhere for sure).
/// An interval is sure from the latest instant of its start to the earliest of its end;
/// an open or unknown end is not sure anywhere on its side (the sure part shrinks to the
/// known end's inner instant); a plain single date is sure as a whole; a qualified,
/// widened or set single date is sure nowhere.
pub fn inner_bounds(date: &Edtf) -> Option<(Option<i64>, Option<i64>)> {
    // One rule with `annals overlap` and `w`: what an event certainly fills (a qualified
    // or widened date fills nothing for sure; an open side, only its known end's own
    // bounds).
    let (a, b) = crate::query::overlap::certain_part(date)?;
    Some((a.map(|i| i.0), b.map(|i| i.0)))
}

/// Positions (in `lane.events`) of the events overlapping the window, or `None` when
/// there are more than [`EVENTS_MAX`] or they cannot be found cheaply.
fn in_window(lane: &Lane, t: &App, w: &Window) -> Option<Vec<usize>> {
    let n = axis::count(&lane.starts, &lane.ends, w.from, w.to);
    if n > EVENTS_MAX {
        return None;
    }
    let p = lane.starts.partition_point(|&s| s < w.from);
    let q = lane.starts.partition_point(|&s| s < w.to);
    let mut before = n.saturating_sub(q - p);
    let mut out = Vec::with_capacity(n);
    let mut i = p;
    while before > 0 && i > 0 && p - i < SCAN_BACK {
        i -= 1;
        if bounds(&t.data.index, lane.events[i]).1 >= w.from {
            out.push(i);
            before -= 1;
        }
    }
    if before > 0 {
        return None;
    }
    out.reverse();
    out.extend(p..q);
    Some(out)
}

/// What lane `lane` shows in window `w` on `width` cells.
pub fn body(app: &App, lane: &Lane, w: &Window, width: u16) -> Body {
    let t: &Timeline = &app.data.timeline;
    let Some(found) = in_window(lane, app, w) else {
        return Body::Density(axis::density(w, width, &lane.starts, &lane.ends));
    };
    let marks: Vec<(EventIdx, Mark)> = found
        .into_iter()
        .filter_map(|k| {
            let e = lane.events[k];
            let (a, b) = bounds(&app.data.index, e);
            let outer = ((a != i64::MIN).then_some(a), (b != i64::MAX).then_some(b));
            let inner = inner_bounds(&t.event(e).date);
            axis::mark(w, width, outer, inner).map(|m| (e, m))
        })
        .collect();
    let mut marks = marks;
    let extents = |marks: &[(EventIdx, Mark)]| -> Vec<(u16, u16)> {
        marks.iter().map(|(_, m)| (m.from, m.to)).collect()
    };
    let (mut placed, mut hidden) = axis::stack(&extents(&marks), STACK);
    // What is counted in `+N` is the least wanted: when some mark found no row, the
    // selected event is stacked first, then the matches, then the neighbours shown for
    // context (`c`), each group in order (still packed without overlap: `axis::stack`).
    if hidden > 0 {
        let selected = app.selected();
        let rank = |e: EventIdx| match () {
            () if Some(e) == selected => 0u8,
            () if app.is_context(e) => 2,
            () => 1,
        };
        let ranks = |shown: bool| {
            marks
                .iter()
                .zip(&placed)
                .filter(move |(_, p)| p.is_some() == shown)
                .map(|((e, _), _)| rank(*e))
        };
        let best_hidden = ranks(false).min().unwrap_or(u8::MAX);
        if ranks(true).any(|r| r > best_hidden) {
            marks.sort_by_key(|(e, _)| rank(*e));
            (placed, hidden) = axis::stack(&extents(&marks), STACK);
        }
    }
    let mut rows: Vec<Vec<(EventIdx, Mark)>> = Vec::new();
    for (m, r) in marks.into_iter().zip(placed) {
        if let Some(r) = r {
            if rows.len() <= r {
                rows.resize_with(r + 1, Vec::new);
            }
            rows[r].push(m);
        }
    }
    Body::Events { rows, hidden }
}

impl App {
    /// The lanes pane's layout, when the lanes view is shown and has room.
    pub fn lanes_geometry(&self) -> Option<Geometry> {
        let r = self.areas()?.lanes;
        if r.is_empty() {
            return None;
        }
        geometry(inner(r), !self.data.timeline.eras.is_empty())
    }
}

/// The lanes on screen from the first one shown, with what each shows, as many as fit
/// `geometry` (the widget draws exactly these).
pub fn shown(app: &App, g: &Geometry) -> Vec<(usize, Body)> {
    let Some(w) = app.lanes.window else {
        return Vec::new();
    };
    let lanes = &app.lanes.built.lanes;
    let mut out = Vec::new();
    let mut used = 0u16;
    for (i, lane) in lanes.iter().enumerate().skip(app.lanes.offset) {
        let b = body(app, lane, &w, g.width);
        let h = b.height().min(g.height - used);
        if h == 0 {
            break;
        }
        used += h;
        out.push((i, b));
        if used >= g.height {
            break;
        }
    }
    out
}
