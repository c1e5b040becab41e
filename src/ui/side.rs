//! The people and sources panes: everyone and every document, with counts under the
//! current filter; people also with their age at the selected event.

use super::{Theme, pane, title};
use crate::app::{App, Facet, Focus, ListPos};
use crate::domain::life_at;
use crate::domain::num::{u16_of, u32_of};
use crate::text::sanitize;
use crate::text::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// The people pane.
pub struct People<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// The sources pane.
pub struct Sources<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// The mark before a row: `+` an active facet, `•` in the selected event.
fn mark(faceted: bool, here: bool) -> &'static str {
    match (faceted, here) {
        (true, _) => "+",
        (false, true) => "•",
        _ => "",
    }
}

/// One row of a side list: a name on the left, figures on the right.
struct Row {
    mark: &'static str,
    name: String,
    right: String,
    dim: bool,
    /// It matches the pane's find (`/` there): its name is highlighted.
    found: bool,
}

/// Draw rows `pos.offset..` of a list of `len` that fit in `inner`. Only those rows are
/// made (`row(n)`): a list of thousands costs a screenful per frame, not thousands.
fn draw_rows(
    len: usize,
    row: impl Fn(usize) -> Row,
    pos: ListPos,
    focused: bool,
    theme: Theme,
    (inner, buf): (Rect, &mut Buffer),
) {
    let w = inner.width as usize;
    let end = len.min(pos.offset.saturating_add(inner.height as usize));
    for n in pos.offset..end {
        let row = row(n);
        let right_w = row.right.width();
        let name_w = w.saturating_sub(right_w + 3);
        let name = truncate(&row.name, name_w);
        let pad = w.saturating_sub(2 + name.width() + right_w);
        let style = if row.dim { theme.dim() } else { Style::new() };
        let name_style = if row.found { theme.highlight() } else { style };
        let line = Line::from(vec![
            Span::raw(format!("{:<2}", row.mark)),
            Span::styled(name, name_style),
            Span::raw(" ".repeat(pad)),
            Span::styled(row.right, style),
        ]);
        let r = Rect::new(inner.x, inner.y + u16_of(n - pos.offset), inner.width, 1);
        line.render(r, buf);
        if focused && n == pos.cursor {
            buf.set_style(r, theme.selected());
        }
    }
}

impl Widget for People<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.data.timeline;
        let block = pane(
            app,
            Focus::People,
            title(app, Focus::People, "People · events · age".into()),
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let sel = app.selected().map(|e| t.event(e));
        let find = crate::domain::text::fold(&app.nav.find);
        let row = |n: usize| {
            let p = &t.people[n];
            let i = u32_of(n);
            let here = sel.is_some_and(|e| e.people().contains(&i));
            let faceted = app.filter.facets.contains(&Facet::Person(i));
            let age = sel.map(|e| life_at(p.born.as_ref(), p.died.as_ref(), &e.date).short());
            let count = app.filter.counts.people[i as usize];
            let found =
                app.view.focus == Focus::People && app.find_hit(Focus::People, i as usize, &find);
            Row {
                found,
                mark: mark(faceted, here),
                name: sanitize(&p.name, false).into_owned(),
                right: format!("{count:>3} {:>8}", age.unwrap_or_default()),
                dim: count == 0,
            }
        };
        draw_rows(
            t.people.len(),
            row,
            app.nav.people,
            app.view.focus == Focus::People,
            theme,
            (inner, buf),
        );
    }
}

impl Widget for Sources<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.data.timeline;
        let block = pane(
            app,
            Focus::Sources,
            title(app, Focus::Sources, "Sources · year · events".into()),
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let sel = app.selected().map(|e| t.event(e));
        let find = crate::domain::text::fold(&app.nav.find);
        let row = |n: usize| {
            let s = &t.sources[n];
            let i = u32_of(n);
            let here = sel.is_some_and(|e| e.citations().any(|c| c.source == i));
            let faceted = app.filter.facets.contains(&Facet::Source(i));
            // The title tells sources apart; the outlet follows it when there is
            // room, and the year (never cut) stands on the right.
            let title = sanitize(&s.title, false).into_owned();
            let name = match &s.outlet {
                Some(o) if title.width() + o.width() + 3 + 14 <= inner.width as usize => {
                    format!("{title} · {}", sanitize(o, false))
                }
                _ => title,
            };
            // The years, never cut (`1983–87?` at most shortened).
            let about = s
                .published
                .as_ref()
                .map(|d| super::timeline::fit_date_years(d, 12))
                .unwrap_or_default();
            let about = sanitize(&about, false).into_owned();
            let count = app.filter.counts.sources[i as usize];
            let found =
                app.view.focus == Focus::Sources && app.find_hit(Focus::Sources, i as usize, &find);
            Row {
                found,
                mark: mark(faceted, here),
                name,
                right: format!("{about} {count:>3}"),
                dim: count == 0,
            }
        };
        draw_rows(
            t.sources.len(),
            row,
            app.nav.sources,
            app.view.focus == Focus::Sources,
            theme,
            (inner, buf),
        );
    }
}
