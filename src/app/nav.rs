//! Moving around: cursors and scrolling, Enter, jumps along links, dates and marks, and
//! the jump history that Ctrl-o and Ctrl-i walk.

use super::{Action, App, Facet, Focus, ListPos};
use crate::app::layout::{Areas, inner};
use crate::domain::num::{i32_of, u32_of};
use crate::domain::{Edtf, EventIdx};
use ratatui::layout::{Position, Rect};

/// How many jumps the history keeps.
const HISTORY_CAP: usize = 256;

/// The jump history: like a browser's, or vim's jump list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Where `Back` goes, newest last.
    pub back: Vec<EventIdx>,
    /// Where `Forward` goes, newest last.
    pub forward: Vec<EventIdx>,
}

impl App {
    /// The panes' rectangles for the current size (None when the terminal is too small).
    pub fn areas(&self) -> Option<Areas> {
        let screen = Rect::new(0, 0, self.view.size.0, self.view.size.1);
        let a = match self.view.layout {
            super::layout::Layout::Explorer => {
                Areas::new(screen, !self.data.timeline.eras.is_empty())?
            }
            super::layout::Layout::Lanes => Areas::lanes(screen)?,
        };
        Some(if self.view.zoom {
            a.zoomed(self.view.focus)
        } else {
            a
        })
    }

    /// Rows one pane shows at once.
    pub fn page(&self, focus: Focus) -> usize {
        // A pane hidden by the zoom keeps the page it has when shown, so that coming back
        // to it (or zooming it) finds it scrolled sensibly.
        let elsewhere = !self.view.layout.panes().contains(&focus);
        let a = if elsewhere || (self.view.zoom && focus != self.view.focus) {
            Areas::new(
                Rect::new(0, 0, self.view.size.0, self.view.size.1),
                !self.data.timeline.eras.is_empty(),
            )
        } else {
            self.areas()
        };
        let Some(a) = a else {
            return 1;
        };
        let r = a.pane(focus);
        (inner(r).height as usize).max(1)
    }

    /// Keep every list's cursor on screen, with the list filling its pane: called
    /// whenever a list or a pane changes (filter, facet, reload, resize, restore, moves).
    pub(super) fn scroll_into_view(&mut self) {
        let (l, p, s) = (
            self.page(Focus::Timeline),
            self.page(Focus::People),
            self.page(Focus::Sources),
        );
        follow(&mut self.nav.list, l, self.filter.visible.len());
        follow(&mut self.nav.people, p, self.data.timeline.people.len());
        follow(&mut self.nav.sources, s, self.data.timeline.sources.len());
    }

    /// Select event `e` (which must be shown) and bring it into view.
    pub(super) fn select_event(&mut self, e: EventIdx) {
        let Ok(row) = self.filter.visible.binary_search(&e) else {
            return;
        };
        self.nav.list.cursor = row;
        self.nav.link = None;
        self.nav.detail_scroll = 0;
        let page = self.page(Focus::Timeline);
        if row < self.nav.list.offset || row >= self.nav.list.offset + page {
            self.nav.list.offset = row.saturating_sub(page / 3);
        }
        self.scroll_into_view();
    }

    /// Jump to `e`, recording where we were so `Back` can return.
    pub(super) fn jump(&mut self, e: EventIdx) {
        if let Some(cur) = self.selected() {
            if cur == e {
                return;
            }
            self.nav.history.back.push(cur);
            if self.nav.history.back.len() > HISTORY_CAP {
                self.nav.history.back.remove(0);
            }
        }
        self.nav.history.forward.clear();
        self.go(e);
    }

    /// Select `e`, clearing the filter first if it hides `e`.
    fn go(&mut self, e: EventIdx) {
        if self.reveal(e) {
            self.view.message = Some("filter cleared to show the event".into());
        }
        self.select_event(e);
    }
}

/// Clamp `pos` to a list of `len` rows shown `page` at a time: the cursor on a row, the
/// cursor's row on screen, and no empty rows at the bottom while rows above are hidden
/// (when every row fits, every row is shown).
pub(super) fn follow(pos: &mut ListPos, page: usize, len: usize) {
    pos.cursor = pos.cursor.min(len.saturating_sub(1));
    pos.offset = pos.offset.min(len.saturating_sub(page));
    if pos.cursor < pos.offset {
        pos.offset = pos.cursor;
    } else if pos.cursor >= pos.offset + page {
        pos.offset = pos.cursor + 1 - page;
    }
}

/// Move `cursor` within `len` rows by a motion.
fn step(cursor: usize, len: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let half = (page / 2).max(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        Action::HalfUp => cursor.saturating_sub(half),
        Action::HalfDown => (cursor + half).min(last),
        _ => cursor,
    }
}

/// A cursor motion in the focused pane.
pub(super) fn motion(app: &mut App, action: Action) {
    let page = app.page(app.view.focus);
    match app.view.focus {
        Focus::Timeline => {
            let before = app.nav.list.cursor;
            app.nav.list.cursor = step(before, app.filter.visible.len(), action, page);
            if app.nav.list.cursor != before {
                app.nav.link = None;
                app.nav.detail_scroll = 0;
            }
        }
        Focus::People => {
            app.nav.people.cursor = step(
                app.nav.people.cursor,
                app.data.timeline.people.len(),
                action,
                page,
            )
        }
        Focus::Sources => match action {
            // Pages scroll the source's record beside the list; rows move the cursor.
            Action::PageUp | Action::PageDown | Action::HalfUp | Action::HalfDown => {
                let record = app.page(Focus::Detail);
                let delta = match action {
                    Action::PageUp => -(i32_of(record)),
                    Action::PageDown => i32_of(record),
                    Action::HalfUp => -(i32_of((record / 2).max(1))),
                    _ => i32_of((record / 2).max(1)),
                };
                let max = i32_of(super::detail::detail_len(app).saturating_sub(record));
                app.nav.detail_scroll =
                    u16::try_from((i32::from(app.nav.detail_scroll) + delta).clamp(0, max))
                        .unwrap_or(u16::MAX);
            }
            _ => {
                let before = app.nav.sources.cursor;
                app.nav.sources.cursor =
                    step(before, app.data.timeline.sources.len(), action, page);
                if app.nav.sources.cursor != before {
                    app.nav.detail_scroll = 0;
                }
            }
        },
        Focus::Lanes => super::lanes::act(app, &action),
        Focus::Detail => {
            let links = app.link_targets().len();
            let last = links.saturating_sub(1);
            match (&action, app.nav.link) {
                (Action::Down, None) if links > 0 => app.nav.link = Some(0),
                (Action::Down, Some(i)) => app.nav.link = Some((i + 1).min(last)),
                (Action::Up, Some(i)) => app.nav.link = i.checked_sub(1),
                (Action::Bottom, _) if links > 0 => app.nav.link = Some(last),
                (Action::Top, _) => {
                    app.nav.link = None;
                    app.nav.detail_scroll = 0;
                }
                _ => {
                    // Scroll the text (and leave the links).
                    let delta = match action {
                        Action::Up => -1,
                        Action::Down => 1,
                        Action::PageUp => -(i32_of(page)),
                        Action::PageDown => i32_of(page),
                        Action::HalfUp => -(i32_of((page / 2).max(1))),
                        Action::HalfDown => i32_of((page / 2).max(1)),
                        _ => 0,
                    };
                    app.nav.link = None;
                    let max = i32_of(super::detail::detail_len(app).saturating_sub(page));
                    let scroll = (app.nav.detail_scroll as i32 + delta).clamp(0, max);
                    app.nav.detail_scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
                }
            }
        }
    }
    app.scroll_into_view();
}

/// Enter: open the detail, add or remove a facet, or follow the selected link.
pub(super) fn activate(app: &mut App) {
    match app.view.focus {
        Focus::Timeline | Focus::Lanes if app.selected().is_some() => {
            app.view.focus = Focus::Detail;
            app.nav.link = None;
        }
        Focus::People if !app.data.timeline.people.is_empty() => {
            app.toggle_facet(Facet::Person(u32_of(app.nav.people.cursor)));
        }
        Focus::Sources if !app.data.timeline.sources.is_empty() => {
            app.toggle_facet(Facet::Source(u32_of(app.nav.sources.cursor)));
        }
        Focus::Detail => {
            let links = app.link_targets();
            match app.nav.link {
                // First Enter picks the first link, so you see where the next one goes.
                None if !links.is_empty() => app.nav.link = Some(0),
                None => app.view.message = Some("this event has no links".into()),
                Some(i) => {
                    if let Some(row) = links.get(i) {
                        app.jump(row.target);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Back (`forward == false`) or forward in the jump history: pop one list, push the
/// current event onto the other.
pub(super) fn walk(app: &mut App, forward: bool) {
    let cur = app.selected();
    let h = &mut app.nav.history;
    let (from, to) = if forward {
        (&mut h.forward, &mut h.back)
    } else {
        (&mut h.back, &mut h.forward)
    };
    let Some(target) = from.pop() else {
        let which = if forward { "later" } else { "earlier" };
        app.view.message = Some(format!("no {which} jump"));
        return;
    };
    to.extend(cur);
    app.go(target);
}

/// `m` + letter.
pub(super) fn set_mark(app: &mut App, c: char) {
    match app.selected() {
        Some(e) if c.is_ascii_alphanumeric() => {
            app.nav.marks.insert(c, e);
            app.view.message = Some(format!("mark '{c}' set"));
        }
        Some(_) => app.view.message = Some("marks are letters or digits".into()),
        None => app.view.message = Some("no event to mark".into()),
    }
}

/// `'` + letter.
pub(super) fn jump_mark(app: &mut App, c: char) {
    match app.nav.marks.get(&c) {
        Some(&e) => app.jump(e),
        None => app.view.message = Some(format!("no mark '{c}'")),
    }
}

/// `t`: select the shown event nearest in time to the date typed: the first event whose
/// earliest day is on or after the date's earliest day, else the last event before it.
/// An event with an open start counts as starting before every date, so a span open at
/// either end is never "nearest" to everything it might cover.
pub(super) fn jump_to_date(app: &mut App, typed: &str) {
    let typed = typed.trim();
    if typed.is_empty() {
        return;
    }
    // The date's earliest day; for an open start (`../1990`), its latest.
    let from = match Edtf::parse(typed) {
        Ok(d) => d.earliest().or(d.latest()),
        Err(e) => {
            app.view.message = Some(format!(
                "not a date: {e} (try 1999, 2013-05 or 1999-07-09T14:00)"
            ));
            return;
        }
    };
    app.finish_scan();
    let Some(target) = date_target(app, from) else {
        app.view.message = Some("no event shown".into());
        return;
    };
    app.view.focus = app.view.layout.home();
    app.jump(target);
}

/// The event [`jump_to_date`] picks for a date whose earliest day is `from` (`None`: the
/// first event shown).
pub(super) fn date_target(app: &App, from: Option<crate::domain::Instant>) -> Option<EventIdx> {
    let start = |i: &EventIdx| app.data.timeline.event(*i).date.earliest();
    // Shown events are in chronological order, earliest day first (open starts first).
    let at = app.filter.visible.partition_point(|i| start(i) < from);
    app.filter
        .visible
        .get(at)
        .or_else(|| app.filter.visible.last())
        .copied()
}

/// The terminal changed size.
pub(super) fn resize(app: &mut App, w: u16, h: u16) {
    app.view.size = (w, h);
    app.scroll_into_view();
}

/// Which pane is at (x, y), and the list row under it (counting from the pane's first
/// row shown).
fn hit(app: &App, x: u16, y: u16) -> Option<(Focus, Option<usize>)> {
    let a = app.areas()?;
    let p = Position::new(x, y);
    let (focus, r) = app
        .view
        .layout
        .panes()
        .iter()
        .map(|&f| (f, a.pane(f)))
        .find(|(_, r)| !r.is_empty() && r.contains(p))?;
    let i = inner(r);
    let row = i.contains(p).then(|| (y - i.y) as usize);
    Some((focus, row))
}

/// Mouse click: focus the pane; in a list, select the row.
pub(super) fn click(app: &mut App, x: u16, y: u16) {
    let Some((focus, row)) = hit(app, x, y) else {
        return;
    };
    app.view.focus = focus;
    let Some(row) = row else {
        return;
    };
    match focus {
        Focus::Timeline if app.nav.list.offset + row < app.filter.visible.len() => {
            app.nav.list.cursor = app.nav.list.offset + row;
            app.nav.link = None;
            app.nav.detail_scroll = 0;
        }
        Focus::People if app.nav.people.offset + row < app.data.timeline.people.len() => {
            app.nav.people.cursor = app.nav.people.offset + row;
        }
        Focus::Sources if app.nav.sources.offset + row < app.data.timeline.sources.len() => {
            app.nav.sources.cursor = app.nav.sources.offset + row;
        }
        _ => {}
    }
    app.scroll_into_view();
}

/// Mouse wheel: move the cursor of the pane under the pointer by `delta` rows.
pub(super) fn wheel(app: &mut App, x: u16, y: u16, delta: i32) {
    let Some((focus, _)) = hit(app, x, y) else {
        return;
    };
    let saved = app.view.focus;
    app.view.focus = focus;
    let action = if delta < 0 { Action::Up } else { Action::Down };
    for _ in 0..delta.abs() {
        motion(app, action.clone());
    }
    app.view.focus = saved;
}
