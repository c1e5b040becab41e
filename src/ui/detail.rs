//! The detail pane, drawn: the rows `app::detail` says (the selected event in full, or a
//! source's record), styled by their kind, scrolled, with the filter's matches marked and
//! the picked link in reverse video.

use super::{Theme, pane, title};
use crate::app::detail::{Look, Row, event_rows, record_source, source_rows};
use crate::app::{App, Focus};
use crate::domain::num::u16_of;
use crate::text::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The selected event in full, or the focused source's record.
pub struct Detail<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

fn style(theme: Theme, look: Look) -> Style {
    match look {
        Look::Plain | Look::Marked => Style::new(),
        Look::Title => Style::new().add_modifier(Modifier::BOLD),
        Look::Heading => theme.heading(),
        Look::Dim => theme.dim(),
        Look::Warn => theme.warn(),
        Look::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Look::Link => theme.link(),
    }
}

/// One row as a line: the title and summary with the filter's matches marked.
fn line(app: &App, theme: Theme, row: Row, width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ".repeat(row.indent))];
    let st = style(theme, row.look);
    if matches!(row.look, Look::Title | Look::Marked) && app.is_filtered() {
        let marks = app.filter.matcher.highlights(&row.text);
        let marked = super::timeline::highlighted(&row.text, &marks, width, theme.highlight());
        return Line::from(marked).style(st);
    }
    spans.push(Span::styled(row.text, st));
    if let Some((text, look)) = row.tail {
        spans.push(Span::styled(text, style(theme, look)));
    }
    Line::from(spans)
}

/// Draw `rows` from `offset` with "more" hints on the border when some are hidden.
fn draw(
    app: &App,
    theme: Theme,
    rows: Vec<Row>,
    offset: usize,
    (area, inner): (Rect, Rect),
    buf: &mut Buffer,
) {
    let h = inner.height as usize;
    let total = rows.len();
    let more = |text: &str, y: u16, buf: &mut Buffer| {
        let w = u16_of(text.chars().count());
        if area.width > w + 4 {
            let at = Rect::new(area.x + area.width - w - 2, y, w, 1);
            Line::styled(text.to_string(), theme.heading()).render(at, buf);
        }
    };
    if offset + h < total {
        more(
            " ↓ more: PgDn ",
            area.y + area.height.saturating_sub(1),
            buf,
        );
    }
    if offset > 0 {
        more(" ↑ PgUp ", area.y, buf);
    }
    let width = inner.width as usize;
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(h)
        .map(|r| line(app, theme, r, width))
        .collect();
    Paragraph::new(shown).render(inner, buf);
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.data.timeline;
        let source = record_source(app);
        let heading = match (source, app.selected()) {
            (Some(i), _) => format!("Source · {}", sanitize(&t.sources[i].id, false)),
            (None, Some(e)) => format!("Detail · {}", sanitize(t.event(e).id(), false)),
            (None, None) => "Detail".to_string(),
        };
        let block = pane(app, Focus::Detail, title(app, Focus::Detail, heading));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let h = inner.height as usize;
        if let Some(i) = source {
            // The record scrolls with PgDn/PgUp while the Sources pane has the keyboard.
            let rows = source_rows(app, i, width).rows;
            let offset = (app.nav.detail_scroll as usize).min(rows.len().saturating_sub(h));
            draw(app, theme, rows, offset, (area, inner), buf);
            return;
        }
        let Some(e) = app.selected() else {
            return;
        };
        let rows = event_rows(app, e, width);
        let mut offset = app.nav.detail_scroll as usize;
        let picked = app.nav.link.and_then(|l| rows.link_rows.get(l)).copied();
        if let (Focus::Detail, Some(l)) = (app.view.focus, picked) {
            if l >= offset + h {
                offset = l + 1 - h;
            } else if l < offset {
                offset = l;
            }
        }
        offset = offset.min(rows.rows.len().saturating_sub(h));
        draw(app, theme, rows.rows, offset, (area, inner), buf);
        if let (Focus::Detail, Some(l)) = (app.view.focus, picked)
            && l >= offset
            && l < offset + h
        {
            let row = Rect::new(inner.x, inner.y + u16_of(l - offset), inner.width, 1);
            buf.set_style(row, theme.selected());
        }
    }
}
