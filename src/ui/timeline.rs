//! The timeline pane: one row per shown event — year gutter, date, markers, title with
//! the filter's matches highlighted.

use super::wrap::{truncate, truncate_left};
use super::{DISPUTE_MARK, LINK_MARK, Theme, pane, title};
use crate::app::{App, Focus};
use crate::domain::EventRef;
use crate::domain::text::sanitize;
use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// Width of the year gutter, its space included.
const GUTTER: usize = 5;

/// The event list.
pub struct Timeline<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

fn year(e: &EventRef<'_>) -> Option<i32> {
    e.date.earliest().or(e.date.latest()).map(|d| d.year())
}

/// Spans of `text` cut to `width` columns, with the chars at `marks` (sorted char
/// positions) in `hl`.
pub(crate) fn highlighted(
    text: &str,
    marks: &[usize],
    width: usize,
    hl: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let cut = text.width() > width;
    let text = if cut {
        truncate(text, width)
    } else {
        text.to_string()
    };
    // Never highlight the ellipsis that stands for the cut-off part.
    let last = text.chars().count().saturating_sub(usize::from(cut));
    let marks: Vec<usize> = marks.iter().copied().filter(|&p| p < last).collect();
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut m = marks.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        while m.next_if(|&&p| p < i).is_some() {}
        let is_hl = m.peek() == Some(&&i);
        if is_hl != run_hl && !run.is_empty() {
            let s = std::mem::take(&mut run);
            spans.push(if run_hl {
                Span::styled(s, hl)
            } else {
                Span::raw(s)
            });
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(if run_hl {
            Span::styled(run, hl)
        } else {
            Span::raw(run)
        });
    }
    spans
}

impl Widget for Timeline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.timeline;
        let count = if app.is_filtered() {
            format!("{}/{}", app.visible.len(), t.events.len())
        } else {
            format!("{}", t.events.len())
        };
        let heading = format!("Timeline · {count}");
        let block = pane(app, Focus::Timeline, title(app, Focus::Timeline, heading));
        let inner = block.inner(area);
        block.render(area, buf);
        if app.visible.is_empty() {
            let msg = if t.events.is_empty() {
                "This timeline has no events."
            } else {
                "No event matches. Esc clears the filter and facets."
            };
            // Wrapped at word boundaries, so the hint survives on a narrow pane.
            let lines: Vec<Line> = super::wrap::wrap(msg, inner.width.max(1) as usize)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            Paragraph::new(lines).render(inner, buf);
            return;
        }
        let h = inner.height as usize;
        let rows = &app.visible[app.list.offset.min(app.visible.len())..];
        let rows = &rows[..rows.len().min(h)];
        let dates: Vec<String> = rows.iter().map(|&i| t.event(i).date.short()).collect();
        // The date column is as wide as the timeline's dates, but takes at most a third of
        // the pane from the titles; a date that does not fit is cut from the left, so the
        // year always shows.
        let room_for_dates = (inner.width as usize).saturating_sub(GUTTER + 4) / 3;
        let dw = app.date_width.min(room_for_dates).max(4);
        let mut prev_year = app
            .list
            .offset
            .checked_sub(1)
            .and_then(|p| app.visible.get(p))
            .and_then(|&i| year(&t.event(i)));
        for (n, (&i, date)) in rows.iter().zip(&dates).enumerate() {
            let e = t.event(i);
            let y = year(&e);
            let gutter = match y {
                Some(y) if n == 0 || Some(y) != prev_year => format!("{y:<4} "),
                _ => " ".repeat(GUTTER),
            };
            prev_year = y;
            let linked = e.links().len() > 0 || !t.backlinks(i).is_empty();
            let disputed = t.disputed(i);
            let mut spans = vec![
                Span::styled(truncate(&gutter, GUTTER), theme.heading()),
                Span::raw(format!("{:<dw$} ", truncate_left(date, dw))),
                Span::styled(if linked { LINK_MARK } else { " " }, theme.link()),
                Span::styled(if disputed { DISPUTE_MARK } else { " " }, theme.warn()),
                Span::raw(" "),
            ];
            let used = GUTTER + dw + 4;
            let room = (inner.width as usize).saturating_sub(used);
            let text = sanitize(e.title(), false);
            let marks = app.matcher.highlights(&text);
            spans.extend(highlighted(&text, &marks, room, theme.highlight()));
            let row = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
            Line::from(spans).render(row, buf);
            if app.list.offset + n == app.list.cursor {
                buf.set_style(row, theme.selected());
            }
        }
    }
}
