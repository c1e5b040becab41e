//! The explorer's state and its one way to change: `update(&mut App, Action)`. No terminal here.

mod action;
mod edit;
mod filter;
mod find;
mod nav;
mod provenance;
pub mod scan;

pub use action::Action;
pub use edit::QUERY_HISTORY_CAP;
pub use filter::Facet;
pub use nav::History;
pub use provenance::{citation_text, safe_url, source_facts};
pub use scan::{Counts, ScanJob, ScanResult, Scanning};

use crate::domain::{EventIdx, Timeline};
use crate::query::{Matcher, Query, QueryError, SearchIndex};
use std::collections::BTreeMap;
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
}

impl Focus {
    /// Tab order.
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

/// What the loop must do for the state, beyond drawing it: taken from [`App::outbox`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52: works over SSH and in tmux).
    Copy(String),
    /// Open this http(s) URL in a browser, when the session is local.
    Open(String),
}

/// A cursor and scroll offset for one list pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListPos {
    /// Selected row.
    pub cursor: usize,
    /// First row shown.
    pub offset: usize,
}

/// All the state of the explorer.
pub struct App {
    /// The timeline being explored (read-only).
    pub timeline: Arc<Timeline>,
    /// Its folded search text.
    pub index: Arc<SearchIndex>,
    /// Where it came from, for the title.
    pub origin: String,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// What keys do now.
    pub mode: Mode,
    /// The filter as typed.
    pub filter: String,
    /// A `/` prompt that nothing was typed into yet: the filter in force stays until the
    /// first character, which starts a new query.
    pub fresh_prompt: bool,
    /// Past queries, oldest first (kept in the session); `↑`/`↓` in the prompt walk them.
    pub queries: Vec<String>,
    /// Which past query the prompt shows, while walking the history.
    pub query_pos: Option<usize>,
    /// The date being typed after `t`.
    pub date_input: String,
    /// Why the filter as typed does not parse (the last good one stays in force).
    pub query_error: Option<QueryError>,
    /// The filter in force.
    pub matcher: Arc<Matcher>,
    /// Facets in force (AND), in the order they were added.
    pub facets: Vec<Facet>,
    /// Events that pass the filter and facets, in chronological order.
    pub visible: Vec<EventIdx>,
    /// Timeline cursor (into `visible`) and scroll.
    pub list: ListPos,
    /// People pane cursor and scroll.
    pub people: ListPos,
    /// Sources pane cursor and scroll.
    pub sources: ListPos,
    /// Selected link in the detail pane (outgoing links first, then back-links); none
    /// while reading the text.
    pub link: Option<usize>,
    /// Lines the detail pane is scrolled by.
    pub detail_scroll: u16,
    /// Events per person, per source and per year (from `first_year`), under the filter.
    pub counts: Counts,
    /// The same counts for the whole timeline.
    pub totals: Counts,
    /// Width of the timeline's date column (fits the widest date; 4 to 24).
    pub date_width: usize,
    /// First year of the timeline (for the density strip).
    pub first_year: i32,
    /// A filter still running off-thread (big timelines), if any.
    pub scanning: Option<Scanning>,
    /// A filter for the runtime to run (taken by the loop); newer ones replace it.
    pub job: Option<ScanJob>,
    /// Timelines with at least this many events filter off-thread (`usize::MAX`: never).
    pub async_from: usize,
    /// Events per slice of an off-thread filter.
    pub slice: usize,
    /// Generation of the latest filter request.
    pub generation: u64,
    /// The last complete results, kept so that a longer query scans only them.
    pub last_done: Option<Done>,
    /// Jump history.
    pub history: History,
    /// Marks set with `m`.
    pub marks: BTreeMap<char, EventIdx>,
    /// Which page of the `?` help is open: 0 keys, 1 query syntax.
    pub help_page: u8,
    /// The focused pane shown alone, full screen (`z`).
    pub zoom: bool,
    /// What is being found in the People or Sources pane (rows that match are marked;
    /// `n`/`N` step through them).
    pub find: String,
    /// Effects for the loop to carry out (taken by it after each update).
    pub outbox: Vec<Effect>,
    /// A one-off message for the status bar.
    pub message: Option<String>,
    /// Why the dataset on disk does not load (the last good version stays shown); stays
    /// in the status bar until a reload succeeds.
    pub data_error: Option<String>,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// Set when the user asked to suspend (Ctrl-z); the loop clears it.
    pub suspend: bool,
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
        let years = timeline.events().filter_map(|e| filter::year_of(&e));
        let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let first_year = if lo == i32::MAX { 0 } else { lo };
        let span = if lo == i32::MAX {
            0
        } else {
            (hi - lo + 1) as usize
        };
        // As wide as the widest date (a sample of a few thousand tells on big timelines;
        // a wider one is cut from the left when drawn, keeping its year).
        let n = timeline.len();
        let step = (n / 4096).max(1);
        let date_width = (0..n)
            .step_by(step)
            .map(|i| {
                let d = timeline.event(i as EventIdx).date.short();
                unicode_width::UnicodeWidthStr::width(d.as_str())
            })
            .max()
            .unwrap_or(4)
            .clamp(4, 24);
        let mut totals = Counts::zero(&timeline, span);
        let all: Vec<EventIdx> = (0..n as EventIdx).collect();
        totals.add(&index, first_year, &all);
        let mut app = App {
            date_width,
            counts: totals.clone(),
            totals,
            first_year,
            timeline,
            index,
            origin: origin.into(),
            size,
            focus: Focus::Timeline,
            mode: Mode::Normal,
            filter: String::new(),
            fresh_prompt: false,
            queries: Vec::new(),
            query_pos: None,
            date_input: String::new(),
            query_error: None,
            matcher,
            facets: Vec::new(),
            visible: all,
            list: ListPos::default(),
            people: ListPos::default(),
            sources: ListPos::default(),
            link: None,
            detail_scroll: 0,
            scanning: None,
            job: None,
            async_from: usize::MAX,
            slice: scan::SLICE,
            generation: 0,
            last_done: None,
            history: History::default(),
            marks: BTreeMap::new(),
            help_page: 0,
            zoom: false,
            find: String::new(),
            outbox: Vec::new(),
            message: None,
            data_error: None,
            quit: false,
            suspend: false,
        };
        app.scroll_into_view();
        app
    }

    /// The selected event, if any event is shown.
    pub fn selected(&self) -> Option<EventIdx> {
        self.visible.get(self.list.cursor).copied()
    }

    /// The links of the selected event as the detail pane lists them:
    /// (target event, kind, note, is it a back-link).
    pub fn link_targets(&self) -> Vec<LinkRow> {
        let Some(e) = self.selected() else {
            return Vec::new();
        };
        let t = &self.timeline;
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
        !self.matcher.query().is_empty() || !self.facets.is_empty()
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

/// Apply one action. The only place where the explorer's state changes. Whatever the
/// action, every list ends filling its pane with its cursor on screen.
pub fn update(app: &mut App, action: Action) {
    step(app, action);
    app.scroll_into_view();
}

fn step(app: &mut App, action: Action) {
    if let Action::SessionUnsaved(why) = action {
        app.message = Some(format!(
            "warning: the session cannot be saved ({why}); annals will keep trying"
        ));
        return;
    }
    app.message = None;
    match app.mode {
        Mode::Help => {
            match action {
                Action::Quit => app.quit = true,
                Action::ToggleHelp if app.help_page == 0 => app.help_page = 1,
                Action::ToggleHelp | Action::Cancel => app.mode = Mode::Normal,
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
            app.mode = Mode::Normal;
        }
        Mode::Normal => {}
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.suspend = true,
        Action::ToggleHelp => {
            app.mode = Mode::Help;
            app.help_page = 0;
        }
        Action::StartFind => {
            app.mode = Mode::Find;
            app.find.clear();
        }
        Action::FindNext => find::step(app, true),
        Action::FindPrev => find::step(app, false),
        Action::ToggleZoom => {
            app.zoom = !app.zoom;
            app.scroll_into_view();
        }
        Action::CopyCitation => provenance::copy(app),
        Action::OpenSource => provenance::open(app),
        Action::StartFilter => {
            app.mode = Mode::Filter;
            app.focus = Focus::Timeline;
            let kept = app.filter.clone();
            app.remember_query(&kept);
            app.fresh_prompt = true;
            app.query_pos = None;
        }
        Action::StartDateJump => {
            app.mode = Mode::Date;
            app.date_input.clear();
        }
        Action::StartSetMark => app.mode = Mode::SetMark,
        Action::StartJumpMark => app.mode = Mode::JumpMark,
        Action::SetMark(c) => nav::set_mark(app, c),
        Action::JumpMark(c) => nav::jump_mark(app, c),
        Action::FocusNext | Action::FocusPrev => {
            app.find.clear();
            let i = Focus::ALL.iter().position(|f| *f == app.focus).unwrap_or(0);
            let step = if action == Action::FocusNext { 1 } else { 3 };
            app.focus = Focus::ALL[(i + step) % 4];
        }
        Action::Activate => nav::activate(app),
        Action::Back => nav::walk(app, false),
        Action::Forward => nav::walk(app, true),
        Action::RemoveFacet => {
            if app.facets.pop().is_some() {
                app.refilter();
            }
        }
        Action::ClearAll => {
            if app.is_filtered() || !app.filter.is_empty() {
                app.clear_filter();
            }
        }
        Action::Cancel => {}
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
        | Action::Accept
        | Action::SessionUnsaved(_) => {}
        // Text pasted outside a prompt is not taken as keys (a `q` in it would quit).
        Action::Paste(_) => {}
    }
}
