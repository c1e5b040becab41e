//! Where each pane goes for a given terminal size (and zoom). Pure geometry, shared by
//! drawing and by the state (page sizes, mouse clicks) so that the two never disagree.

use ratatui::layout::{Constraint, Layout as Split, Rect};

/// Smallest usable terminal: below this, a "too small" message is drawn instead.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 15;
/// From this width on, the side panes get a column of their own.
pub const WIDE: u16 = 140;

/// The rectangles of every pane (borders included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The event list.
    pub timeline: Rect,
    /// The selected event in full.
    pub detail: Rect,
    /// People.
    pub people: Rect,
    /// Sources.
    pub sources: Rect,
    /// The lanes along a time axis (the lanes view only).
    pub lanes: Rect,
    /// Events per year (one row).
    pub density: Rect,
    /// The timeline's eras as labelled bands (one row, or none when it has no eras).
    pub eras: Rect,
    /// Filter, counts, facets and keys (one row).
    pub status: Rect,
}

impl Areas {
    /// Lay out `area`, or None when it is smaller than `MIN_WIDTH`×`MIN_HEIGHT`; `eras`:
    /// give the eras a row under the density strip.
    pub fn new(area: Rect, eras: bool) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, density, eras, status] = Split::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(u16::from(eras)),
            Constraint::Length(1),
        ])
        .areas(area);
        let [timeline, detail, people, sources] = if area.width >= WIDE {
            // The side panes take what they can use: titles of sources and names of
            // people read whole from 200 columns on.
            let side = (area.width * 3 / 10).clamp(36, 64);
            let [timeline, detail, side] = Split::horizontal([
                Constraint::Percentage(35),
                Constraint::Fill(1),
                Constraint::Length(side),
            ])
            .areas(main);
            let [people, sources] =
                Split::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(side);
            [timeline, detail, people, sources]
        } else {
            let lower = (main.height / 3).clamp(5, 12);
            let [top, bottom] =
                Split::vertical([Constraint::Fill(1), Constraint::Length(lower)]).areas(main);
            let halves = [Constraint::Percentage(50), Constraint::Percentage(50)];
            let [timeline, detail] = Split::horizontal(halves).areas(top);
            let [people, sources] = Split::horizontal(halves).areas(bottom);
            [timeline, detail, people, sources]
        };
        Some(Areas {
            timeline,
            detail,
            people,
            sources,
            lanes: Rect::default(),
            density,
            eras,
            status,
        })
    }

    /// The lanes view's screen: the lanes over the detail (beside it from `WIDE` columns
    /// on) and the status bar; the eras are drawn along the lanes' own axis. `None` when
    /// `area` is too small, as for [`Areas::new`].
    pub fn lanes(area: Rect) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [main, status] =
            Split::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let [lanes, detail] = if area.width >= WIDE {
            Split::horizontal([Constraint::Percentage(64), Constraint::Fill(1)]).areas(main)
        } else {
            let lower = (main.height / 3).clamp(5, 12);
            Split::vertical([Constraint::Fill(1), Constraint::Length(lower)]).areas(main)
        };
        Some(Areas {
            timeline: Rect::default(),
            detail,
            people: Rect::default(),
            sources: Rect::default(),
            lanes,
            density: Rect::default(),
            eras: Rect::default(),
            status,
        })
    }
}

/// How the screen is laid out: a view is a layout with its panes. A new view adds a
/// variant here, its panes, and a widget for each new pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// The list, the detail, people and sources.
    #[default]
    Explorer,
    /// The lanes along a time axis, and the detail.
    Lanes,
}

impl Layout {
    /// The panes this layout has, in `Tab` order.
    pub fn panes(self) -> &'static [crate::app::Focus] {
        use crate::app::Focus;
        match self {
            Layout::Explorer => &[
                Focus::Timeline,
                Focus::Detail,
                Focus::People,
                Focus::Sources,
            ],
            Layout::Lanes => &[Focus::Lanes, Focus::Detail],
        }
    }

    /// The pane that shows the events (where `/` and `t` put the focus).
    pub fn home(self) -> crate::app::Focus {
        match self {
            Layout::Explorer => crate::app::Focus::Timeline,
            Layout::Lanes => crate::app::Focus::Lanes,
        }
    }
}

impl Areas {
    /// The rectangle of one pane (empty when the layout has no room for it).
    pub fn pane(&self, focus: crate::app::Focus) -> Rect {
        use crate::app::Focus;
        match focus {
            Focus::Timeline => self.timeline,
            Focus::Detail => self.detail,
            Focus::People => self.people,
            Focus::Sources => self.sources,
            Focus::Lanes => self.lanes,
        }
    }

    /// The same screen with `focus`'s pane alone over all four panes' room (`z`); the
    /// others get no room at all.
    pub fn zoomed(self, focus: crate::app::Focus) -> Areas {
        use super::Focus;
        let main = self
            .timeline
            .union(self.detail)
            .union(self.people)
            .union(self.sources)
            .union(self.lanes);
        let pick = |f: Focus| if f == focus { main } else { Rect::default() };
        Areas {
            timeline: pick(Focus::Timeline),
            detail: pick(Focus::Detail),
            people: pick(Focus::People),
            sources: pick(Focus::Sources),
            lanes: pick(Focus::Lanes),
            ..self
        }
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}
