//! The explorer's state and its one door: `update(&mut App, Msg) -> Effects`. No terminal here
//! (pane geometry in `layout` is plain rectangles).

mod action;
pub mod detail;
mod door;
mod edit;
mod filter;
mod find;
pub mod lanes;
pub mod layout;
pub mod memo;
mod nav;
mod provenance;
mod scanning;
mod session;
pub mod state;

pub use crate::query::scan::Facet;
pub use crate::query::scan::{self as scan, Counts, ScanJob, ScanResult};
pub use action::Action;
pub use door::{Effects, Msg};
pub use edit::QUERY_HISTORY_CAP;
pub use nav::History;
pub use provenance::{citation_text, safe_url, source_facts};
pub use scanning::Scanning;
pub use session::{
    Anchor, SavedFacet, SavedLanes, SessionState, VERSION as SESSION_VERSION, capture,
};
pub use state::{Data, FilterState, Nav, View};

use crate::domain::num::u32_of;
use crate::domain::{EventIdx, Timeline};
use crate::query::{Matcher, Query, SearchIndex};
use std::sync::Arc;

/// The panes that can have the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The list of events.
    Timeline,
    /// The selected event in full, with its links.
    Detail,
    /// Everyone in the timeline.
    People,
    /// Every source.
    Sources,
    /// The lanes along a time axis (the lanes view).
    Lanes,
}

impl Focus {
    /// The list view's panes, in Tab order (what a saved session can focus).
    pub const ALL: [Focus; 4] = [
        Focus::Timeline,
        Focus::Detail,
        Focus::People,
        Focus::Sources,
    ];

    /// Name shown in the status bar and the help.
    pub fn name(self) -> &'static str {
        match self {
            Focus::Timeline => "timeline",
            Focus::Detail => "detail",
            Focus::People => "people",
            Focus::Sources => "sources",
            Focus::Lanes => "lanes",
        }
    }
}

/// What the keyboard is doing right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Moving around the panes.
    Normal,
    /// Typing the filter (`/`).
    Filter,
    /// Typing a date to jump to (`t`).
    Date,
    /// Waiting for the letter of a mark to set (`m`).
    SetMark,
    /// Waiting for the letter of a mark to jump to (`'`).
    JumpMark,
    /// The help overlay is open (`?`).
    Help,
    /// Typing a name to find in the People or Sources pane (`/` there).
    Find,
}

/// A cursor and scroll offset for one list pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListPos {
    /// Selected row.
    pub cursor: usize,
    /// First row shown.
    pub offset: usize,
}

/// All the state of the explorer, grouped (see [`state`]).
pub struct App {
    /// The dataset.
    pub data: Data,
    /// The filter and its results.
    pub filter: FilterState,
    /// Cursors, jumps and marks.
    pub nav: Nav,
    /// Size, focus, mode, prompts and messages.
    pub view: View,
    /// The lanes view: grouping, time window, lane cursor and the lanes built.
    pub lanes: lanes::LanesState,
    /// What this update asks of the loop; `update` hands it over (and empties it).
    fx: Effects,
}

impl App {
    /// An explorer on `timeline`, all events shown, the first one selected.
    pub fn new(timeline: Timeline, origin: impl Into<String>, size: (u16, u16)) -> App {
        let index = SearchIndex::new(&timeline);
        App::from_parts(Arc::new(timeline), Arc::new(index), origin, size)
    }

    /// An explorer on a timeline whose search index is already built (off this thread).
    pub fn from_parts(
        timeline: Arc<Timeline>,
        index: Arc<SearchIndex>,
        origin: impl Into<String>,
        size: (u16, u16),
    ) -> App {
        let matcher = Arc::new(Matcher::new(Query::default(), &index));
        // The index's years (UTC), as the tallies count them.
        let years = (0..timeline.len()).filter_map(|i| index.year(i));
        let (lo, hi) = years.fold((i64::MAX, i64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let bins = if lo == i64::MAX {
            crate::query::scan::YearBins::default()
        } else {
            crate::query::scan::YearBins::new(lo, hi)
        };
        let span = bins.len;
        // As wide as the widest date (a sample of a few thousand tells on big timelines;
        // a wider one is cut from the left when drawn, keeping its year).
        let n = timeline.len();
        let step = (n / 4096).max(1);
        let date_width = (0..n)
            .step_by(step)
            .map(|i| {
                let d = timeline.event(u32_of(i)).date.short();
                unicode_width::UnicodeWidthStr::width(d.as_str())
            })
            .max()
            .unwrap_or(4)
            .clamp(4, 24);
        let all: Vec<EventIdx> = (0..u32_of(n)).collect();
        let totals = crate::query::scan::counted(&index, bins, span, &all);
        let mut app = App {
            data: Data {
                timeline,
                index,
                origin: origin.into(),
                totals: totals.clone(),
                years: bins,
                date_width,
            },
            filter: FilterState {
                text: String::new(),
                fresh_prompt: false,
                queries: Vec::new(),
                query_pos: None,
                error: None,
                matcher,
                facets: Vec::new(),
                visible: all,
                counts: totals,
                scanning: None,
                generation: 0,
                last_done: None,
                memo: memo::Memo::default(),
                async_from: usize::MAX,
                slice: scan::SLICE,
                context: false,
                matched: None,
            },
            nav: Nav::default(),
            view: View {
                size,
                layout: layout::Layout::default(),
                focus: Focus::Timeline,
                mode: Mode::Normal,
                zoom: false,
                help_page: 0,
                date_input: String::new(),
                message: None,
                data_error: None,
                utc: false,
            },
            lanes: lanes::LanesState::default(),
            fx: Effects::default(),
        };
        app.scroll_into_view();
        app
    }

    /// The selected event, if any event is shown.
    pub fn selected(&self) -> Option<EventIdx> {
        self.filter.visible.get(self.nav.list.cursor).copied()
    }

    /// The links of the selected event as the detail pane lists them:
    /// (target event, kind, note, is it a back-link).
    pub fn link_targets(&self) -> Vec<LinkRow> {
        let Some(e) = self.selected() else {
            return Vec::new();
        };
        let t = &self.data.timeline;
        let out = t.event(e).links().map(|l| LinkRow {
            target: l.to,
            label: l.kind.forward(),
            note: l.note().map(str::to_string),
            back: false,
        });
        let back = t.backlinks(e).iter().map(|b| {
            let l = t.event(b.from).link(b.link);
            LinkRow {
                target: b.from,
                label: l.kind.backward(),
                note: l.note().map(str::to_string),
                back: true,
            }
        });
        out.chain(back).collect()
    }

    /// Is anything narrowing the list?
    pub fn is_filtered(&self) -> bool {
        !self.filter.matcher.query().is_empty() || !self.filter.facets.is_empty()
    }
}

/// Complete results of a filter, with what produced them.
#[derive(Clone)]
pub struct Done {
    /// The query (settled: its fuzzy fallback decided).
    pub matcher: Arc<Matcher>,
    /// The facets.
    pub facets: Vec<Facet>,
    /// The events shown.
    pub visible: Arc<Vec<EventIdx>>,
    /// Their counts.
    pub counts: Arc<Counts>,
}

/// One row of the detail pane's link list.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRow {
    /// The event it leads to.
    pub target: EventIdx,
    /// How it relates, read from the selected event ("causes", "referred to by"…).
    pub label: &'static str,
    /// The link's note.
    pub note: Option<String>,
    /// A link that points here from `target`.
    pub back: bool,
}

/// Apply one message: the only place where the explorer's state changes. Returns what the
/// loop must do. Whatever the message, every list ends filling its pane with its cursor
/// on screen.
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Effects {
    let before = app.selected();
    match msg.into() {
        Msg::Action(a) => step(app, a),
        Msg::Scanned(r) => app.deliver(r),
        Msg::Reloaded { timeline, index } => session::switch(app, timeline, index),
        Msg::ReloadFailed(why) => {
            app.view.data_error = Some(why);
            app.view.message = None;
        }
        Msg::Restore(state) => {
            session::restore(app, &state);
        }
        Msg::SessionUnsaved(why) => {
            app.view.message = Some(format!(
                "warning: the session cannot be saved ({why}); annals will keep trying"
            ));
        }
        Msg::Notice(text) => app.view.message = Some(text),
    }
    app.scroll_into_view();
    lanes::sync(app, before);
    std::mem::take(&mut app.fx)
}

impl App {
    /// Filter off the UI thread from `n` events on (`usize::MAX`: never, the default);
    /// set once, before exploring starts.
    pub fn with_async_from(mut self, n: usize) -> App {
        self.filter.async_from = n;
        self
    }

    /// Events per slice of an off-thread filter (a test and benchmark knob); set once,
    /// before exploring starts.
    pub fn with_slice(mut self, n: usize) -> App {
        self.filter.slice = n.max(1);
        self
    }

    /// Show times of day in UTC (`--utc`); set once, before exploring starts.
    pub fn with_utc(mut self, utc: bool) -> App {
        self.view.utc = utc;
        self
    }
}

fn step(app: &mut App, action: Action) {
    app.view.message = None;
    match app.view.mode {
        Mode::Help => {
            match action {
                Action::Quit => app.fx.quit = true,
                // `?` turns the page (the widget counts them: it knows the size);
                // anything else closes.
                Action::ToggleHelp => app.view.help_page = app.view.help_page.wrapping_add(1),
                Action::Cancel => app.view.mode = Mode::Normal,
                _ => {}
            }
            if let Action::Resize(w, h) = action {
                nav::resize(app, w, h);
            }
            return;
        }
        Mode::Filter | Mode::Date | Mode::Find => {
            if edit::line_action(app, &action) {
                return;
            }
        }
        Mode::SetMark | Mode::JumpMark => {
            app.view.mode = Mode::Normal;
        }
        Mode::Normal => {}
    }
    match action {
        Action::Quit => app.fx.quit = true,
        Action::Suspend => app.fx.suspend = true,
        Action::ToggleHelp => {
            app.view.mode = Mode::Help;
            app.view.help_page = 0;
        }
        Action::StartFind => {
            app.view.mode = Mode::Find;
            app.nav.find.clear();
        }
        Action::FindNext => find::step(app, true),
        Action::FindPrev => find::step(app, false),
        Action::ToggleZoom => {
            app.view.zoom = !app.view.zoom;
            app.scroll_into_view();
        }
        Action::ToggleContext => app.toggle_context(),
        Action::CopyCitation => provenance::copy(app),
        Action::OpenSource => provenance::open(app),
        Action::StartFilter => {
            app.view.mode = Mode::Filter;
            app.view.focus = app.view.layout.home();
            let kept = app.filter.text.clone();
            app.remember_query(&kept);
            app.filter.fresh_prompt = true;
            app.filter.query_pos = None;
        }
        Action::StartDateJump => {
            app.view.mode = Mode::Date;
            app.view.date_input.clear();
        }
        Action::StartSetMark => app.view.mode = Mode::SetMark,
        Action::StartJumpMark => app.view.mode = Mode::JumpMark,
        Action::SetMark(c) => nav::set_mark(app, c),
        Action::JumpMark(c) => nav::jump_mark(app, c),
        Action::FocusNext | Action::FocusPrev => {
            app.nav.find.clear();
            // Round the panes the current layout has.
            let panes = app.view.layout.panes();
            let i = panes.iter().position(|f| *f == app.view.focus).unwrap_or(0);
            let step = if action == Action::FocusNext {
                1
            } else {
                panes.len() - 1
            };
            app.view.focus = panes[(i + step) % panes.len()];
        }
        Action::Activate => nav::activate(app),
        Action::Back => nav::walk(app, false),
        Action::Forward => nav::walk(app, true),
        Action::RemoveFacet => {
            if app.filter.facets.pop().is_some() {
                app.refilter();
            }
        }
        Action::ClearAll => {
            if app.is_filtered() || !app.filter.text.is_empty() {
                app.clear_filter();
            }
        }
        Action::Cancel => {}
        Action::ToggleLanes => lanes::toggle(app),
        Action::PanLeft
        | Action::PanRight
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::FitAll
        | Action::CycleGrouping
        | Action::PrevInLane
        | Action::NextInLane
        | Action::MarkOverlap => {
            if app.view.focus == Focus::Lanes {
                lanes::act(app, &action);
            }
        }
        Action::Resize(w, h) => nav::resize(app, w, h),
        Action::Click(x, y) => nav::click(app, x, y),
        Action::WheelUp(x, y) => nav::wheel(app, x, y, -3),
        Action::WheelDown(x, y) => nav::wheel(app, x, y, 3),
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown
        | Action::HalfUp
        | Action::HalfDown => nav::motion(app, action),
        Action::Insert(_)
        | Action::DeleteChar
        | Action::DeleteWord
        | Action::ClearLine
        | Action::HistoryPrev
        | Action::HistoryNext
        | Action::Accept => {}
        // Text pasted outside a prompt is not taken as keys (a `q` in it would quit).
        Action::Paste(_) => {}
    }
}
