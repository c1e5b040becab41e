//! The timeline pane: one row per shown event — year gutter, date, markers, title with
//! the filter's matches highlighted.

use super::{DISPUTE_MARK, LINK_MARK, Theme, pane, title};
use crate::app::{App, Focus};
use crate::domain::num::u16_of;
use crate::domain::{Edtf, EventRef};
use crate::text::sanitize;
use crate::text::wrap::{truncate, truncate_left};
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

/// The year the gutter shows for an event: its first year. An event with an open or
/// unknown start ("some time before 2013") has none: it sorts first, and a gutter reading
/// 2013 above 1961 would look like a wrong order.
fn year(e: &EventRef<'_>) -> Option<i64> {
    e.date.first_year()
}

/// `d` in at most `w` columns, never losing a year: as written (`21–27 Dec 1968`), else the
/// years alone (`1968`, `–2016?`), else with the end year's century dropped (`1983–87?`),
/// else cut from the left.
pub(crate) fn fit_date(d: &Edtf, w: usize, utc: bool) -> String {
    let short = d.short_in(utc);
    if short.width() <= w {
        return short;
    }
    // A timestamp keeps its day and minute, else its day, before falling back to years.
    let tiers = [d.compact(utc, true), d.compact(utc, false), d.day_only(utc)];
    if let Some(c) = tiers.into_iter().flatten().find(|c| c.width() <= w) {
        return c;
    }
    let years = d.year_short();
    if years.width() <= w {
        return years;
    }
    let compact = compact_years(&years);
    if compact.width() <= w {
        return compact;
    }
    let one_era = one_era(&years);
    if one_era.width() <= w {
        return one_era;
    }
    // Never `1099–44 BCE` for 1099–1044 BCE: before the common era the century is kept.
    if one_era.contains(" BCE") {
        return truncate_left(&one_era, w);
    }
    truncate_left(&compact_years(&one_era), w)
}

/// `100 BCE–44 BCE` → `100–44 BCE`: the era said once when both years are in it.
fn one_era(s: &str) -> String {
    match s.split_once('–') {
        Some((a, b)) if b.contains(" BCE") => match a.strip_suffix(" BCE") {
            Some(a) if !a.contains(" BCE") => format!("{a}–{b}"),
            _ => s.to_string(),
        },
        _ => s.to_string(),
    }
}

/// `d`'s years in about `w` columns: `2016?`, `1983–87?`; longer only when the years
/// themselves need it (they are never cut).
pub(crate) fn fit_date_years(d: &Edtf, w: usize) -> String {
    let years = d.year_short();
    if years.width() <= w {
        return years;
    }
    compact_years(&years)
}

/// `1983–1987?` → `1983–87?`: the end year's century dropped when both years share it.
fn compact_years(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len() {
        let year_at =
            |k: usize| k + 4 <= chars.len() && chars[k..k + 4].iter().all(char::is_ascii_digit);
        let before = i.checked_sub(1).map(|k| chars[k]);
        if year_at(i)
            && !before.is_some_and(|c| c.is_ascii_digit())
            && chars.get(i + 4) == Some(&'–')
            && year_at(i + 5)
            && !chars.get(i + 9).is_some_and(char::is_ascii_digit)
            && chars[i..i + 2] == chars[i + 5..i + 7]
        {
            let mut out: String = chars[..i + 5].iter().collect();
            out.extend(&chars[i + 7..]);
            return out;
        }
    }
    s.to_string()
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

/// After the date of a row shown only as a match's neighbour (context, `c`); `|` in ASCII.
pub const CONTEXT_MARK: &str = "·";

impl Widget for Timeline<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let t = &app.data.timeline;
        let count = if app.is_filtered() {
            format!("{}/{}", app.match_count(), t.events.len())
        } else {
            format!("{}", t.events.len())
        };
        let heading = format!("Timeline · {count}");
        let block = pane(app, Focus::Timeline, title(app, Focus::Timeline, heading));
        let inner = block.inner(area);
        block.render(area, buf);
        if app.filter.visible.is_empty() {
            let msg = if t.events.is_empty() {
                "This timeline has no events."
            } else {
                "No event matches. Esc clears the filter and facets."
            };
            // Wrapped at word boundaries, so the hint survives on a narrow pane.
            let lines: Vec<Line> = crate::text::wrap::wrap(msg, inner.width.max(1) as usize)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect();
            Paragraph::new(lines).render(inner, buf);
            return;
        }
        let h = inner.height as usize;
        let rows = &app.filter.visible[app.nav.list.offset.min(app.filter.visible.len())..];
        let rows = &rows[..rows.len().min(h)];
        // The date column is as wide as the timeline's dates, but takes at most 40% of
        // the pane from the titles; a date that does not fit is abbreviated, never losing
        // its years (see `fit_date`).
        let room_for_dates = (inner.width as usize).saturating_sub(GUTTER + 4) * 2 / 5;
        let dw = app.data.date_width.min(room_for_dates).max(4);
        let dates: Vec<String> = rows
            .iter()
            .map(|&i| fit_date(&t.event(i).date, dw, app.view.utc))
            .collect();
        let mut prev_year = app
            .nav
            .list
            .offset
            .checked_sub(1)
            .and_then(|p| app.filter.visible.get(p))
            .and_then(|&i| year(&t.event(i)));
        for (n, (&i, date)) in rows.iter().zip(&dates).enumerate() {
            let e = t.event(i);
            let y = year(&e);
            let gutter = match y {
                // A year too wide for the gutter (`Y-17E7`) is left to the date column.
                // A BCE year reads wrong as a bare number (`-43` is 44 BCE): the date column
                // says it.
                Some(y) if !(1..=9999).contains(&y) => " ".repeat(GUTTER),
                Some(y) if n == 0 || Some(y) != prev_year => format!("{y:<4} "),
                _ => " ".repeat(GUTTER),
            };
            prev_year = y;
            let linked = e.links().len() > 0 || !t.backlinks(i).is_empty();
            let disputed = t.disputed(i);
            // A neighbour shown for context (`c`): `·` after the date, the row dimmed.
            let context = app.is_context(i);
            let mut spans = vec![
                Span::styled(truncate(&gutter, GUTTER), theme.heading()),
                Span::raw(format!(
                    "{date:<dw$}{}",
                    if context { CONTEXT_MARK } else { " " }
                )),
                Span::styled(if linked { LINK_MARK } else { " " }, theme.link()),
                Span::styled(if disputed { DISPUTE_MARK } else { " " }, theme.warn()),
                Span::raw(" "),
            ];
            let used = GUTTER + dw + 4;
            let room = (inner.width as usize).saturating_sub(used);
            let text = sanitize(e.title(), false);
            let marks = app.filter.matcher.highlights(&text);
            spans.extend(highlighted(&text, &marks, room, theme.highlight()));
            let row = Rect::new(inner.x, inner.y + u16_of(n), inner.width, 1);
            Line::from(spans).render(row, buf);
            if context {
                buf.set_style(row, theme.dim());
            }
            if app.nav.list.offset + n == app.nav.list.cursor {
                buf.set_style(row, theme.selected());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_shrink_without_losing_a_year() {
        let d = |s: &str| Edtf::parse(s).unwrap();
        assert_eq!(
            fit_date(&d("1968-12-21/1968-12-27"), 20, false),
            "21–27 Dec 1968"
        );
        assert_eq!(fit_date(&d("1968-12-21/1968-12-27"), 9, false), "1968");
        assert_eq!(fit_date(&d("../2016-04?"), 9, false), "–2016?");
        assert_eq!(fit_date(&d("1983/1987?"), 9, false), "1983–87?");
        assert_eq!(fit_date(&d("1999/2005"), 9, false), "1999–2005");
        // A timestamp keeps its minute, else its day, before its year.
        let t = d("1999-07-09T14:05:10-04:00");
        assert_eq!(fit_date(&t, 18, false), "1999-07-09 14:05−4");
        assert_eq!(fit_date(&t, 12, false), "9 Jul 1999");
        assert_eq!(fit_date(&t, 6, false), "1999");
        assert_eq!(fit_date(&d("1899/2005"), 7, false), "…9–2005");
        // Both years before the common era: the era once, the start year kept.
        assert_eq!(fit_date(&d("-0099/-0043"), 12, false), "100–44 BCE");
        assert_eq!(fit_date(&d("-0099/-0043?"), 12, false), "100–44 BCE?");
        assert_eq!(fit_date(&d("-0043/0044"), 9, false), "44 BCE–44");
        // A century is never dropped before the common era (1099–44 BCE would read as
        // a thousand years longer).
        let long = fit_date(&d("-1098/-1043"), 12, false);
        assert!(
            long.ends_with("1044 BCE") && !long.contains("–44"),
            "{long}"
        );
        assert_eq!(compact_years("c. 1983–1987?"), "c. 1983–87?");
        assert_eq!(compact_years("10983–10987"), "10983–10987");
    }
}
