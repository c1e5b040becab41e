//! The lanes pane: a time axis with ticks, the eras along it, and one lane per person,
//! place, tag or source with its events as ticks and bars (uncertain ends dotted, open ends
//! as arrows) or, where they crowd, as shading. Draws what `app::lanes::shown` says.

use super::{Theme, pane, title};
use crate::app::lanes::{self, Body, Geometry, Grouping, LaneKey, Mark, Window, axis};
use crate::app::{App, Focus};
use crate::domain::num::u16_of;
use crate::text::sanitize;
use crate::text::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// The lanes pane.
pub struct Lanes<'a> {
    /// What to draw.
    pub app: &'a App,
    /// How.
    pub theme: Theme,
}

/// The fewest free cells after a mark that show its title.
const TITLE_ROOM: u16 = 8;

/// The symbols, in Unicode or ASCII.
struct Glyphs {
    solid: &'static str,
    unsure: &'static str,
    tick: &'static str,
    /// A neighbour shown for context (`c`): its sure and unsure parts, and its tick; dimmed too, but
    /// marked by the glyph so that it shows without colour or a terminal's dim.
    context: &'static str,
    context_unsure: &'static str,
    context_tick: &'static str,
    left: &'static str,
    right: &'static str,
    life: &'static str,
    rule: &'static str,
    notch: &'static str,
    shades: [&'static str; 5],
}

const UNICODE: Glyphs = Glyphs {
    solid: "█",
    unsure: "·",
    tick: "│",
    context: "▒",
    context_unsure: "░",
    context_tick: "╎",
    left: "◀",
    right: "▶",
    life: "─",
    rule: "─",
    notch: "┬",
    shades: [" ", "░", "▒", "▓", "█"],
};

const ASCII: Glyphs = Glyphs {
    solid: "#",
    unsure: ".",
    tick: "|",
    context: "%",
    context_unsure: ",",
    context_tick: ":",
    left: "<",
    right: ">",
    life: "-",
    rule: "-",
    notch: "+",
    shades: [" ", ".", ":", "+", "#"],
};

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style) {
    if let Some(c) = buf.cell_mut((x, y)) {
        c.set_symbol(s);
        c.set_style(style);
    }
}

impl Widget for Lanes<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let built = &app.lanes.built;
        let mut heading = format!(
            "Lanes · by {} · {}",
            app.lanes.grouping.name(),
            built.lanes.len()
        );
        let both = match (&app.lanes.overlap, app.lanes.grouping) {
            (lanes::Overlap::Shown { a, b, periods }, Grouping::Person) => Some((*a, *b, periods)),
            _ => None,
        };
        if let Some((a, b, _)) = both {
            let name = |i: u32| {
                app.data
                    .timeline
                    .people
                    .get(i as usize)
                    .map_or_else(String::new, |p| sanitize(&p.name, false).into_owned())
            };
            heading.push_str(&format!(" · both: {} & {}", name(a), name(b)));
        }
        let block = pane(app, Focus::Lanes, title(app, Focus::Lanes, heading));
        let inside = block.inner(area);
        block.render(area, buf);
        let g = lanes::geometry(inside, !app.data.timeline.eras.is_empty());
        let (Some(g), Some(w)) = (g, app.lanes.window) else {
            return;
        };
        if built.lanes.is_empty() {
            let msg = if app.data.timeline.events.is_empty() {
                "This timeline has no events."
            } else {
                "No event matches. Esc clears the filter and facets."
            };
            let lines: Vec<Line> = crate::text::wrap::wrap(msg, inside.width.max(1) as usize)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            Paragraph::new(lines).render(inside, buf);
            return;
        }
        let glyphs = if theme.ascii { &ASCII } else { &UNICODE };
        let (_, ticks) = axis::ticks(&w, g.width);
        axis_rows(&g, &ticks, theme, glyphs, buf);
        if let Some((_, _, periods)) = both {
            overlap_rows(&g, &w, theme, glyphs, periods, buf);
        }
        notches(&g, &ticks, theme, glyphs, buf);
        if let Some(y) = g.eras_y {
            eras(app, &g, &w, theme, y, buf);
        }
        let mut y = g.top;
        for (i, body) in lanes::shown(app, &g) {
            let h = body.height().min(g.top + g.height - y);
            lane(
                app,
                &g,
                &w,
                theme,
                glyphs,
                (i, &body),
                Rect::new(g.x, y, 0, h),
                buf,
            );
            y += h;
        }
    }
}

/// Tick labels and the ruler under them.
fn axis_rows(g: &Geometry, ticks: &[axis::Tick], theme: Theme, glyphs: &Glyphs, buf: &mut Buffer) {
    for (cell, label) in axis::labels(ticks, g.width) {
        let text = truncate(&label, usize::from(g.width - cell));
        Span::styled(text, theme.heading())
            .render(Rect::new(g.body_x + cell, g.axis_y, g.width - cell, 1), buf);
    }
    for c in 0..g.width {
        put(buf, g.body_x + c, g.axis_y + 1, glyphs.rule, theme.dim());
    }
}

/// The ticks' notches on the ruler, drawn last so that an overlap marked on the ruler
/// never hides one (`┳` on a certain stretch, `┬` elsewhere). ASCII has no glyph for
/// both, so there an overlap's `=` or `~` keeps its cell.
fn notches(g: &Geometry, ticks: &[axis::Tick], theme: Theme, glyphs: &Glyphs, buf: &mut Buffer) {
    for t in ticks.iter().filter(|t| t.cell < g.width) {
        let (x, y) = (g.body_x + t.cell, g.axis_y + 1);
        let under = buf.cell((x, y)).map(|c| c.symbol().to_string());
        if theme.ascii && matches!(under.as_deref(), Some("=" | "~")) {
            continue;
        }
        let sure = under.as_deref() == Some("━");
        let (s, style) = if sure {
            ("┳", theme.highlight())
        } else {
            (
                glyphs.notch,
                buf.cell((x, y)).map_or(theme.dim(), |c| c.style()),
            )
        };
        put(buf, x, y, s, style);
    }
}

/// `w`'s periods on the ruler: `━` where both people were certainly active, `┅` where
/// they only may have been (ASCII `=` and `~`).
fn overlap_rows(
    g: &Geometry,
    w: &Window,
    theme: Theme,
    glyphs: &Glyphs,
    periods: &[crate::query::overlap::Period],
    buf: &mut Buffer,
) {
    let (sure, maybe) = if glyphs.rule == "-" {
        ("=", "~")
    } else {
        ("━", "┅")
    };
    let cells = |s: &crate::query::overlap::Span| {
        axis::mark(w, g.width, (s.0.map(|i| i.0), s.1.map(|i| i.0)), None)
    };
    for p in periods {
        if let Some(m) = cells(&p.span) {
            for c in m.from..=m.to.min(g.width.saturating_sub(1)) {
                put(buf, g.body_x + c, g.axis_y + 1, maybe, theme.highlight());
            }
        }
        for s in &p.certain {
            if let Some(m) = cells(s) {
                for c in m.from..=m.to.min(g.width.saturating_sub(1)) {
                    put(buf, g.body_x + c, g.axis_y + 1, sure, theme.highlight());
                }
            }
        }
    }
}

/// The timeline's eras as labelled bands on their row: `├ Iran–Iraq war ───┤`.
fn eras(app: &App, g: &Geometry, w: &Window, theme: Theme, y: u16, buf: &mut Buffer) {
    for era in &app.data.timeline.eras {
        let (a, b) = era.date.span();
        let outer = (a.map(|i| i.0), b.map(|i| i.0));
        let Some(m) = axis::mark(w, g.width, outer, None) else {
            continue;
        };
        let width = usize::from(m.to - m.from) + 1;
        let mut band: Vec<char> = vec!['─'; width];
        let cut_left = outer.0.is_none_or(|a| a < w.from);
        let cut_right = outer.1.is_none_or(|b| b >= w.to);
        if !cut_left {
            band[0] = '├';
        }
        if !cut_right && width > 1 {
            band[width - 1] = '┤';
        }
        let name = sanitize(&era.title, false);
        for (k, ch) in name.chars().enumerate() {
            if 1 + k + 1 < width {
                band[1 + k] = ch;
            }
        }
        let text: String = band.into_iter().collect();
        let x = g.body_x + m.from;
        let room = usize::from(g.width - m.from);
        Span::styled(truncate(&text, room), theme.dim())
            .render(Rect::new(x, y, u16_of(room), 1), buf);
    }
}

/// A person's life (birth to death) in instants, for the band behind their lane.
fn life(app: &App, key: LaneKey) -> Option<(Option<i64>, Option<i64>)> {
    let LaneKey::Person(p) = key else {
        return None;
    };
    let p = app.data.timeline.people.get(p as usize)?;
    let born = p.born.as_ref().and_then(|d| d.earliest()).map(|i| i.0);
    let died = p.died.as_ref().and_then(|d| d.latest()).map(|i| i.0);
    (born.is_some() || died.is_some()).then_some((born, died))
}

/// One lane: its name (the cursor's reversed; `+N` for events without a row), the
/// life band, and its events or their shading, on the rows of `rows`.
#[allow(clippy::too_many_arguments)]
fn lane(
    app: &App,
    g: &Geometry,
    w: &Window,
    theme: Theme,
    glyphs: &Glyphs,
    (i, body): (usize, &Body),
    rows: Rect,
    buf: &mut Buffer,
) {
    let Some(l) = app.lanes.built.lanes.get(i) else {
        return;
    };
    let grouping: Grouping = app.lanes.grouping;
    let more = match body {
        Body::Events { hidden, .. } if *hidden > 0 => format!(" +{hidden}"),
        _ => String::new(),
    };
    let room = usize::from(g.label).saturating_sub(more.width());
    let name = truncate(
        &sanitize(&l.key.name(&app.data.timeline, grouping), false),
        room,
    );
    let pad = usize::from(g.label).saturating_sub(name.width() + more.width());
    let text = format!("{name}{}{more}", " ".repeat(pad));
    let style = if i == app.lanes.cursor {
        theme.selected()
    } else {
        Style::new()
    };
    Span::styled(text, style).render(Rect::new(g.x, rows.y, g.label, 1), buf);
    if let Some(span) = life(app, l.key)
        && let Some(m) = axis::mark(w, g.width, span, None)
    {
        for c in m.from..=m.to {
            put(buf, g.body_x + c, rows.y, glyphs.life, theme.dim());
        }
    }
    let sel = app.selected();
    match body {
        Body::Events { rows: subs, .. } => {
            for (r, sub) in subs.iter().enumerate().take(usize::from(rows.height)) {
                let y = rows.y + u16_of(r);
                let mut sub: Vec<_> = sub.iter().collect();
                sub.sort_by_key(|(_, m)| m.from);
                for (k, (e, m)) in sub.iter().enumerate() {
                    // Neighbours shown for context (`c`) are dimmed, as in the list.
                    let style = if Some(*e) == sel {
                        theme.selected()
                    } else if app.is_context(*e) {
                        theme.dim()
                    } else {
                        theme.link()
                    };
                    let context = app.is_context(*e);
                    event(g, glyphs, (m, context), y, style, theme, buf);
                    // Its title after it, where the row is free up to the next mark.
                    let from = m.to.saturating_add(2);
                    let next = sub
                        .get(k + 1)
                        .map_or(g.width, |(_, n)| n.from.saturating_sub(1));
                    if next.saturating_sub(from) >= TITLE_ROOM {
                        let title = sanitize(app.data.timeline.event(*e).title(), false);
                        let room = usize::from(next - from);
                        let text_style = if context { theme.dim() } else { Style::new() };
                        Span::styled(truncate(&title, room), text_style)
                            .render(Rect::new(g.body_x + from, y, next - from, 1), buf);
                    }
                }
            }
        }
        Body::Density(cells) => {
            let max = cells.iter().copied().max().unwrap_or(0);
            let sel_cell = sel
                .filter(|e| l.events.binary_search(e).is_ok())
                .map(|e| w.cell(g.width, lanes::bounds(&app.data.index, e).0));
            for (c, &n) in cells.iter().enumerate() {
                let c16 = u16_of(c);
                let level = axis::level(n, max);
                let selected = sel_cell.is_some_and(|s| {
                    i64::try_from(c).is_ok_and(|c| s.clamp(0, i64::from(g.width) - 1) == c)
                });
                if level == 0 && !selected {
                    continue;
                }
                let style = if selected {
                    theme.selected()
                } else {
                    theme.link()
                };
                put(buf, g.body_x + c16, rows.y, glyphs.shades[level], style);
            }
        }
    }
}

/// One event's mark on row `y` (`context`: a neighbour shown for context).
fn event(
    g: &Geometry,
    glyphs: &Glyphs,
    (m, context): (&Mark, bool),
    y: u16,
    style: Style,
    theme: Theme,
    buf: &mut Buffer,
) {
    let (solid, unsure, tick) = if context {
        (glyphs.context, glyphs.context_unsure, glyphs.context_tick)
    } else {
        (glyphs.solid, glyphs.unsure, glyphs.tick)
    };
    if m.point {
        put(buf, g.body_x + m.from, y, tick, style);
        return;
    }
    for c in m.from..=m.to {
        let sure = m.solid.is_some_and(|(a, b)| (a..=b).contains(&c));
        let (s, st) = if sure {
            (solid, style)
        } else {
            (unsure, style.patch(theme.dim()))
        };
        put(buf, g.body_x + c, y, s, st);
    }
    if m.open_left {
        put(buf, g.body_x + m.from, y, glyphs.left, style);
    }
    if m.open_right {
        put(buf, g.body_x + m.to, y, glyphs.right, style);
    }
}
