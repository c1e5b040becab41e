//! The lanes view's state and moves: one lane per person, place, tag or source along a
//! time axis, sharing the list view's selection and filter. The lanes are rebuilt in
//! `update` when the filter or the grouping changes (see [`sync`]); what a frame shows of
//! them ([`shown`]) costs binary searches, never a walk over a lane's events.

pub mod axis;
mod body;
mod build;

pub use axis::{Mark, Window};
pub use body::{Body, body, inner_bounds, shown};
pub use build::{Built, Lane, LaneKey, bounds, build};

use super::layout::Layout;
use super::{Action, App, Focus};
use crate::domain::EventIdx;
use ratatui::layout::Rect;
use std::sync::Arc;

/// What the lanes stand for (`L` cycles).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One lane per person (the default).
    #[default]
    Person,
    /// One lane per place.
    Place,
    /// One lane per tag.
    Tag,
    /// One lane per source.
    Source,
}

impl Grouping {
    /// The next grouping, as `L` cycles.
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Person => Grouping::Place,
            Grouping::Place => Grouping::Tag,
            Grouping::Tag => Grouping::Source,
            Grouping::Source => Grouping::Person,
        }
    }

    /// Its name in the title and the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Grouping::Person => "person",
            Grouping::Place => "place",
            Grouping::Tag => "tag",
            Grouping::Source => "source",
        }
    }
}

/// Sub-rows a lane stacks overlapping events onto; the rest count in its `+N`.
pub const STACK: usize = 3;
/// A lane with more events than this in the window is drawn as density, not events.
pub const EVENTS_MAX: usize = 96;
/// How far back a frame looks for events that started before the window and reach into
/// it; past that, the lane is drawn as density (always exact).
const SCAN_BACK: usize = 2048;

/// What identifies the lanes built: the filter's generation and results, the grouping and
/// the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    generation: u64,
    shown: usize,
    grouping: Grouping,
    data: usize,
}

/// `w` in the lanes: the overlap of two people's activity (see [`crate::query::overlap`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Overlap {
    /// Nothing marked.
    #[default]
    Off,
    /// The first person chosen (a person index).
    First(u32),
    /// Two people and the periods in which both were active.
    Shown {
        /// The first person.
        a: u32,
        /// The second person.
        b: u32,
        /// When both were active, possibly or certainly.
        periods: Arc<Vec<crate::query::overlap::Period>>,
    },
}

/// The lanes view's state (the selection is the list's: `App::selected`).
#[derive(Clone, Debug, Default)]
pub struct LanesState {
    /// What a lane stands for.
    pub grouping: Grouping,
    /// The stretch of time shown (`None` until the lanes are first shown: then it fits).
    pub window: Option<Window>,
    /// The lane with the cursor.
    pub cursor: usize,
    /// The first lane shown.
    pub offset: usize,
    /// The lanes of the shown events.
    pub built: Arc<Built>,
    /// Two people's overlap (`w`), drawn on the ruler while the lanes are by person.
    pub overlap: Overlap,
    stamp: Option<Stamp>,
}

impl LanesState {
    /// The same view (grouping, window, lane) for new data: the lanes are built again.
    pub fn carried(&self) -> LanesState {
        LanesState {
            grouping: self.grouping,
            window: self.window,
            cursor: self.cursor,
            offset: self.offset,
            built: Arc::default(),
            // New data: people may have moved; the overlap is asked for again.
            overlap: Overlap::Off,
            stamp: None,
        }
    }
}

/// Where the parts of the lanes pane go (inside its border).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    /// Left column of lane names.
    pub x: u16,
    /// Width of the name column.
    pub label: u16,
    /// First column of the axis.
    pub body_x: u16,
    /// Cells of the axis.
    pub width: u16,
    /// Row of the tick labels (the ruler is under it).
    pub axis_y: u16,
    /// Row of the eras' bands, when the timeline has eras.
    pub eras_y: Option<u16>,
    /// First row of lanes.
    pub top: u16,
    /// Rows for lanes.
    pub height: u16,
}

/// Lay out the inside of the lanes pane; `None` when it is too small to show lanes.
pub fn geometry(inside: Rect, eras: bool) -> Option<Geometry> {
    let label = (inside.width / 5).clamp(6, 24);
    let width = inside.width.checked_sub(label + 1)?;
    let head = 2 + u16::from(eras);
    let height = inside.height.checked_sub(head)?;
    if width < 8 || height == 0 {
        return None;
    }
    Some(Geometry {
        x: inside.x,
        label,
        body_x: inside.x + label + 1,
        width,
        axis_y: inside.y,
        eras_y: eras.then_some(inside.y + 2),
        top: inside.y + head,
        height,
    })
}

/// The instant an event is found at: its earliest known bound, else its latest.
fn when(app: &App, e: EventIdx) -> Option<i64> {
    let (a, b) = bounds(&app.data.index, e);
    [a, b]
        .into_iter()
        .find(|x| *x != i64::MIN && *x != i64::MAX)
}

/// The event of `lane` starting nearest to `t`.
fn nearest(lane: &Lane, t: i64) -> Option<EventIdx> {
    let k = lane.starts.partition_point(|&s| s < t);
    let dist = |i: usize| (i128::from(lane.starts[i]) - i128::from(t)).abs();
    let best = [k.checked_sub(1), (k < lane.starts.len()).then_some(k)]
        .into_iter()
        .flatten()
        .min_by_key(|&i| dist(i))?;
    lane.events.get(best).copied()
}

/// Select `e` (shown) and bring it into the window.
fn pick(app: &mut App, e: EventIdx) {
    app.select_event(e);
    reveal(app, e);
}

/// Move the window so that `e` is in it (its start a third of the way in), when it is not.
fn reveal(app: &mut App, e: EventIdx) {
    let Some(w) = app.lanes.window else {
        return;
    };
    let (a, b) = bounds(&app.data.index, e);
    if b >= w.from && a < w.to {
        return;
    }
    let Some(at) = when(app, e) else {
        return;
    };
    let third = i64::try_from(w.span() / 3).unwrap_or(i64::MAX);
    let from = at.saturating_sub(third);
    app.lanes.window = Some(Window::new(
        from,
        from.saturating_add(i64::try_from(w.span()).unwrap_or(i64::MAX)),
    ));
}

/// Put the lane cursor on a lane holding the selected event, if the one it is on does not.
fn follow_selection(app: &mut App) {
    let Some(e) = app.selected() else {
        return;
    };
    let lanes = &app.lanes.built.lanes;
    let holds = |l: &Lane| l.events.binary_search(&e).is_ok();
    if lanes.get(app.lanes.cursor).is_some_and(holds) {
        return;
    }
    if let Some(i) = lanes.iter().position(holds) {
        app.lanes.cursor = i;
    }
}

/// Keep the derived lanes in step with the filter and grouping, the lane cursor on the
/// selection when it moved (`before`: the event selected before this update), and the
/// cursor's lane on screen. Called at the end of every `update`.
pub(super) fn sync(app: &mut App, before: Option<EventIdx>) {
    if app.view.layout != Layout::Lanes {
        return;
    }
    let stamp = Stamp {
        generation: app.filter.generation,
        shown: app.filter.visible.len(),
        grouping: app.lanes.grouping,
        data: Arc::as_ptr(&app.data.timeline) as usize,
    };
    // While a filter runs off-thread the old lanes stay (rebuilding on every slice of
    // results would cost more than the scan).
    if app.lanes.stamp != Some(stamp)
        && (app.filter.scanning.is_none() || app.lanes.stamp.is_none())
    {
        app.lanes.built = Arc::new(build(
            &app.data.timeline,
            &app.data.index,
            &app.filter.visible,
            app.lanes.grouping,
        ));
        app.lanes.stamp = Some(stamp);
    }
    follow_selection(app);
    if app.lanes.window.is_none() {
        fit(app);
    }
    if app.selected() != before
        && let Some(e) = app.selected()
    {
        reveal(app, e);
    }
    scroll(app);
}

/// Keep the cursor on a lane and its lane on screen.
fn scroll(app: &mut App) {
    let n = app.lanes.built.lanes.len();
    app.lanes.cursor = app.lanes.cursor.min(n.saturating_sub(1));
    app.lanes.offset = app.lanes.offset.min(app.lanes.cursor);
    let (Some(g), Some(w)) = (app.lanes_geometry(), app.lanes.window) else {
        return;
    };
    // From the cursor's lane up, as many lanes as fit (never above the first shown): only
    // the lanes on screen are looked at, however many there are.
    let lanes = &app.lanes.built.lanes;
    let Some(last) = lanes.get(app.lanes.cursor) else {
        return;
    };
    let height = |l: &Lane| u32::from(body(app, l, &w, g.width).height());
    let room = u32::from(g.height);
    let mut first = app.lanes.cursor;
    let mut used = height(last);
    while first > app.lanes.offset {
        let h = height(&lanes[first - 1]);
        if used + h > room {
            break;
        }
        used += h;
        first -= 1;
    }
    // Rows left blank below the last lane (after a resize, or when a filter left fewer
    // lanes) are filled with the lanes above instead.
    for l in &lanes[app.lanes.cursor + 1..] {
        if used >= room {
            break;
        }
        used += height(l);
    }
    while first > 0 && used < room {
        let h = height(&lanes[first - 1]);
        if used + h > room {
            break;
        }
        used += h;
        first -= 1;
    }
    app.lanes.offset = first;
}

/// `=`: the whole filtered timeline in the window.
fn fit(app: &mut App) {
    app.lanes.window = Some(match app.lanes.built.extent {
        Some((lo, hi)) => Window::fit(lo, hi),
        None => Window::new(0, axis::day(2000, 1, 1)),
    });
}

/// `v`: the list view or the lanes view, keeping the selection and the filter.
pub(super) fn toggle(app: &mut App) {
    if app.view.layout == Layout::Lanes {
        app.view.layout = Layout::Explorer;
        if app.view.focus == Focus::Lanes {
            app.view.focus = Focus::Timeline;
        }
    } else {
        app.view.layout = Layout::Lanes;
        if app.view.focus != Focus::Detail {
            app.view.focus = Focus::Lanes;
        }
    }
}

/// A saved session's lanes view: shown, by `grouping` (by its name; unknown: by person),
/// over the window `from..to` (made sound by [`Window::new`] whatever the file says when
/// it is not empty). The lanes are built when `update` ends, as after `v`.
pub(in crate::app) fn restore(app: &mut App, grouping: &str, (from, to): (i64, i64)) {
    app.view.layout = Layout::Lanes;
    app.lanes.grouping = [
        Grouping::Person,
        Grouping::Place,
        Grouping::Tag,
        Grouping::Source,
    ]
    .into_iter()
    .find(|g| g.name() == grouping)
    .unwrap_or(Grouping::Person);
    app.lanes.stamp = None;
    app.lanes.window = (from != to).then(|| Window::new(from, to));
}

/// A lanes key (the pane has the keyboard): pan, zoom, fit, lanes and events.
pub(super) fn act(app: &mut App, action: &Action) {
    let anchor = app.selected().and_then(|e| {
        let (a, b) = bounds(&app.data.index, e);
        match (a, b) {
            (i64::MIN, i64::MAX) => None,
            (i64::MIN, b) => Some(b),
            (a, i64::MAX) => Some(a),
            (a, b) => Some(a + (b - a) / 2),
        }
    });
    let w = app.lanes.window;
    match action {
        Action::PanLeft => app.lanes.window = w.map(|w| w.pan(-1, 4)),
        Action::PanRight => app.lanes.window = w.map(|w| w.pan(1, 4)),
        Action::ZoomIn => app.lanes.window = w.map(|w| w.zoom(1, 2, anchor)),
        Action::ZoomOut => app.lanes.window = w.map(|w| w.zoom(2, 1, anchor)),
        Action::FitAll => fit(app),
        Action::CycleGrouping => {
            app.lanes.grouping = app.lanes.grouping.next();
            app.lanes.stamp = None;
            app.lanes.cursor = 0;
            app.lanes.offset = 0;
        }
        Action::PrevInLane | Action::NextInLane => {
            step_in_lane(app, *action == Action::NextInLane);
        }
        Action::MarkOverlap => mark_overlap(app),
        _ => motion(app, action),
    }
}

/// `w`: the cursor's person is the first of two; on a second person the periods when
/// both were active are computed (once) and drawn; on the same person again, cleared.
fn mark_overlap(app: &mut App) {
    let key = app.lanes.built.lanes.get(app.lanes.cursor).map(|l| l.key);
    let (Grouping::Person, Some(LaneKey::Person(p))) = (app.lanes.grouping, key) else {
        app.view.message =
            Some("w compares two people: lanes by person (L), the cursor on one of them".into());
        return;
    };
    let t = &app.data.timeline;
    let name = |i: u32| {
        t.people
            .get(i as usize)
            .map_or_else(String::new, |x| x.name.clone())
    };
    let (overlap, message) = match app.lanes.overlap {
        Overlap::First(a) if a == p => (Overlap::Off, "overlap cleared".to_string()),
        Overlap::First(a) => {
            let periods = crate::query::overlap::together(t, a, p);
            let certain = periods.iter().filter(|x| !x.certain.is_empty()).count();
            // The title names the two; the message stays short enough for 80 columns.
            let message = match (periods.len(), certain) {
                (0, _) => format!("{} and {}: never both active", name(a), name(p)),
                (1, 0) => "both possibly active in 1 period (on the ruler)".to_string(),
                (1, _) => {
                    "both active in 1 period, certainly for a stretch (on the ruler)".to_string()
                }
                (n, 0) => format!("both possibly active in {n} periods (on the ruler)"),
                (n, c) => {
                    format!("both active in {n} periods, {c} with a certain stretch (on the ruler)")
                }
            };
            let shown = Overlap::Shown {
                a,
                b: p,
                periods: Arc::new(periods),
            };
            (shown, message)
        }
        Overlap::Off | Overlap::Shown { .. } => (
            Overlap::First(p),
            format!("{}: now w on another person's lane", name(p)),
        ),
    };
    app.lanes.overlap = overlap;
    app.view.message = Some(message);
}

/// `[`/`]`: the previous or next event of the cursor's lane.
fn step_in_lane(app: &mut App, forward: bool) {
    let Some(lane) = app.lanes.built.lanes.get(app.lanes.cursor) else {
        return;
    };
    let at = match app.selected() {
        Some(e) => match lane.events.binary_search(&e) {
            Ok(i) if forward => i + 1,
            Ok(i) | Err(i) if !forward => i.wrapping_sub(1),
            Ok(i) | Err(i) => i,
        },
        None => 0,
    };
    match lane.events.get(at).copied() {
        Some(e) => pick(app, e),
        None => {
            let which = if forward { "last" } else { "first" };
            app.view.message = Some(format!("the {which} event of this lane"));
        }
    }
}

/// `j`/`k` (and pages, `g`, `G`): another lane, selecting its event nearest in time.
fn motion(app: &mut App, action: &Action) {
    let n = app.lanes.built.lanes.len();
    if n == 0 {
        return;
    }
    let page = app
        .lanes_geometry()
        .map_or(1, |g| usize::from(g.height / 2).max(1));
    let c = app.lanes.cursor;
    app.lanes.cursor = match action {
        Action::Down => (c + 1).min(n - 1),
        Action::Up => c.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => n - 1,
        Action::PageDown => (c + page).min(n - 1),
        Action::PageUp => c.saturating_sub(page),
        Action::HalfDown => (c + page / 2).min(n - 1),
        Action::HalfUp => c.saturating_sub(page / 2),
        _ => c,
    };
    if app.lanes.cursor == c {
        return;
    }
    let t = app
        .selected()
        .and_then(|e| when(app, e))
        .or_else(|| app.lanes.window.map(|w| w.from + (w.to - w.from) / 2))
        .unwrap_or(0);
    if let Some(e) = nearest(&app.lanes.built.lanes[app.lanes.cursor], t) {
        pick(app, e);
    }
}
