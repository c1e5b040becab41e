//! The detail pane: the selected event in full — date spelled out, summary, people with
//! their ages, places, tags, what each source says (and where they disagree), and the
//! links both ways, selectable.

use super::wrap::{truncate, wrap};
use super::{DISPUTE_MARK, Theme, pane, title};
use crate::app::{App, Focus, safe_url, source_facts};
use crate::domain::text::sanitize;
use crate::domain::{EventIdx, Timeline as Model, life_at};
use crate::query::index::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The selected event in full.
pub struct Detail<'a> {
    pub app: &'a App,
    pub theme: Theme,
}

/// Lines of the detail of event `e` wrapped to `width`, and the line of each link row.
pub(crate) fn lines(
    app: &App,
    e: EventIdx,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let t: &Model = &app.data.timeline;
    let ev = t.event(e);
    let mut out: Vec<Line<'static>> = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, text: &str, indent: usize, style: Style| {
        for l in wrap(&sanitize(text, false), width.saturating_sub(indent)) {
            out.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(l, style),
            ]));
        }
    };
    // Title and summary with the filter's matches highlighted, line by line.
    let marked = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in wrap(&sanitize(text, false), width) {
            let marks = if app.is_filtered() {
                app.filter.matcher.highlights(&l)
            } else {
                Vec::new()
            };
            let spans = super::timeline::highlighted(&l, &marks, width, theme.highlight());
            out.push(Line::from(spans).style(style));
        }
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    marked(&mut out, ev.title(), bold);
    para(&mut out, &ev.date.long(), 0, theme.heading());
    for why in reasons(app, e) {
        para(&mut out, &why, 0, theme.dim());
    }
    if ev.sources_disagree() {
        let text = format!("{DISPUTE_MARK} the sources disagree: see Sources below");
        para(&mut out, &text, 0, theme.warn());
    }
    if !ev.summary().is_empty() {
        out.push(Line::raw(""));
        marked(&mut out, ev.summary(), Style::new());
    }
    if !ev.people().is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("People", theme.heading()));
        for &p in ev.people() {
            let person = t.person(p);
            let age = life_at(person.born.as_ref(), person.died.as_ref(), &ev.date)
                .phrase()
                .map(|a| format!(", {a}"))
                .unwrap_or_default();
            para(&mut out, &format!("{}{age}", person.name), 2, Style::new());
        }
    }
    let names = |v: Vec<String>| v.join(", ");
    if !ev.places().is_empty() {
        let places = names(
            ev.places()
                .iter()
                .map(|&p| t.place(p).name.clone())
                .collect(),
        );
        para(&mut out, &format!("Places: {places}"), 0, Style::new());
    }
    if !ev.tags().is_empty() {
        let tags = names(ev.tags().iter().map(|&g| t.tag(g).to_string()).collect());
        para(&mut out, &format!("Tags: {tags}"), 0, Style::new());
    }
    if ev.citations().len() > 0 {
        out.push(Line::raw(""));
        let mut head = vec![Span::styled("Sources", theme.heading())];
        if ev.sources_disagree() {
            head.push(Span::raw("  "));
            head.push(Span::styled(
                format!("{DISPUTE_MARK} the sources disagree"),
                theme.warn(),
            ));
        }
        out.push(Line::from(head));
        for (n, c) in ev.citations().enumerate() {
            let s = t.source(c.source);
            let locator = c.locator().map(|l| format!("{l} ")).unwrap_or_default();
            let text = format!("[{}] {locator}{}", n + 1, s.title);
            para(&mut out, &text, 2, Style::new());
            // Where the claim comes from: outlet, author, date, document, URL.
            for l in provenance(s) {
                para(&mut out, &l, 6, theme.dim());
            }
            // Where sources disagree, say what each one claims.
            match &c.date() {
                Some(d) => para(
                    &mut out,
                    &format!("dates it: {}", d.long()),
                    6,
                    theme.warn(),
                ),
                None if ev.sources_disagree() => {
                    let claim = format!("dates it: {} (as the event)", ev.date.long());
                    para(&mut out, &claim, 6, theme.warn());
                }
                None => {}
            }
            if let Some(q) = c.quote() {
                para(
                    &mut out,
                    &format!("“{q}”"),
                    6,
                    Style::new().add_modifier(Modifier::ITALIC),
                );
            }
            if let Some(note) = c.note() {
                para(&mut out, note, 6, theme.dim());
            }
        }
    }
    let links = app.link_targets();
    let mut link_lines = Vec::new();
    if !links.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(
            "Links (j k pick, Enter follows)",
            theme.heading(),
        ));
        for (n, l) in links.iter().enumerate() {
            let target = t.event(l.target);
            let arrow = if l.back { "←" } else { "→" };
            let text = format!(
                "{arrow} {}: {} ({})",
                l.label,
                sanitize(target.title(), false),
                target.date.short()
            );
            link_lines.push(out.len());
            let cursor = if Some(n) == app.nav.link && app.view.focus == Focus::Detail {
                "›"
            } else {
                " "
            };
            out.push(Line::from(vec![
                Span::raw(format!("{cursor} ")),
                Span::styled(truncate(&text, width.saturating_sub(2)), theme.link()),
            ]));
            if let Some(note) = &l.note {
                para(&mut out, note, 4, theme.dim());
            }
        }
    }
    (out, link_lines)
}

/// Why the selected event matches the filter beyond its own text, as lines:
/// `matched: ghalibaf → Mohammad Bagher Qalibaf (person)`.
fn reasons(app: &App, e: EventIdx) -> Vec<String> {
    if !app.is_filtered() {
        return Vec::new();
    }
    let t = &app.data.timeline;
    let mut out: Vec<String> = app
        .filter
        .matcher
        .reasons(&app.data.index, e as usize)
        .into_iter()
        .filter_map(|(needle, key)| {
            let (kind, i) = app.data.index.kind_of(key)?;
            let i = i as usize;
            let (name, what) = match kind {
                Kind::Person => (t.people.get(i)?.name.clone(), "person"),
                Kind::Place => (t.places.get(i)?.name.clone(), "place"),
                Kind::Tag => (t.tags.get(i)?.clone(), "tag"),
                Kind::Source => (t.sources.get(i)?.title.clone(), "source"),
                Kind::Term => (t.terms.get(i)?.name.clone(), "named in the text"),
            };
            Some(format!("matched: {needle} → {name} ({what})"))
        })
        .collect();
    out.dedup();
    out
}

/// A source's provenance lines: outlet, author, date, document and URL on one line each
/// group, with a non-http URL named as such (never as a link).
fn provenance(s: &crate::domain::Source) -> Vec<String> {
    let mut out = vec![source_facts(s).join(" · ")];
    if let Some(u) = s.url.as_deref().filter(|u| safe_url(u).is_none()) {
        out.push(format!("URL (not http or https, never opened): {u}"));
    }
    out.retain(|l| !l.is_empty());
    out
}

/// The full record of source `i`, shown while the Sources pane has the keyboard: title,
/// provenance, note, and the events citing it (under the filter).
fn source_lines(app: &App, i: usize, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let t = &app.data.timeline;
    let s = &t.sources[i];
    let mut out = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, text: &str, indent: usize, style: Style| {
        for l in wrap(&sanitize(text, false), width.saturating_sub(indent)) {
            out.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(l, style),
            ]));
        }
    };
    para(
        &mut out,
        &s.title,
        0,
        Style::new().add_modifier(Modifier::BOLD),
    );
    for l in provenance(s) {
        para(&mut out, &l, 0, Style::new());
    }
    para(&mut out, &format!("id: {}", s.id), 0, theme.dim());
    let citing: Vec<EventIdx> = app
        .filter
        .visible
        .iter()
        .copied()
        .filter(|&e| t.event(e).citations().any(|c| c.source as usize == i))
        .collect();
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "Cited by {} event(s) shown (Enter: only these)",
            citing.len()
        ),
        theme.heading(),
    ));
    for e in citing {
        let ev = t.event(e);
        let at: Vec<String> = ev
            .citations()
            .filter(|c| c.source as usize == i)
            .filter_map(|c| c.locator().map(str::to_string))
            .collect();
        let text = format!("{} · {} {}", ev.date.short(), ev.title(), at.join(" "));
        para(&mut out, &text, 2, Style::new());
    }
    if let Some(n) = &s.note {
        out.push(Line::raw(""));
        para(&mut out, n, 0, theme.dim());
    }
    out
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        // While the Sources pane has the keyboard, its source's full record.
        let source = (app.view.focus == Focus::Sources
            && app.nav.sources.cursor < app.data.timeline.sources.len())
        .then_some(app.nav.sources.cursor);
        let heading = match (source, app.selected()) {
            (Some(i), _) => format!(
                "Source · {}",
                sanitize(&app.data.timeline.sources[i].id, false)
            ),
            (None, Some(e)) => format!(
                "Detail · {}",
                sanitize(app.data.timeline.event(e).id(), false)
            ),
            (None, None) => "Detail".to_string(),
        };
        let block = pane(app, Focus::Detail, title(app, Focus::Detail, heading));
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some(i) = source {
            // The record scrolls with PgDn/PgUp while the Sources pane has the keyboard.
            let lines = source_lines(app, i, inner.width as usize, theme);
            let h = inner.height as usize;
            let offset = (app.nav.detail_scroll as usize).min(lines.len().saturating_sub(h));
            if offset + h < lines.len() && area.width > 20 {
                let hint = " ↓ more: PgDn ";
                let w = hint.chars().count() as u16;
                let at = Rect::new(area.x + area.width - w - 2, area.y + area.height - 1, w, 1);
                Line::styled(hint, theme.heading()).render(at, buf);
            }
            let shown: Vec<Line> = lines.into_iter().skip(offset).take(h).collect();
            Paragraph::new(shown).render(inner, buf);
            return;
        }
        let Some(e) = app.selected() else {
            return;
        };
        let (lines, link_lines) = lines(app, e, inner.width as usize, theme);
        let h = inner.height as usize;
        let mut offset = app.nav.detail_scroll as usize;
        let selected_line = app.nav.link.and_then(|l| link_lines.get(l)).copied();
        if let (Focus::Detail, Some(l)) = (app.view.focus, selected_line) {
            if l >= offset + h {
                offset = l + 1 - h;
            } else if l < offset {
                offset = l;
            }
        }
        let total = lines.len();
        offset = offset.min(total.saturating_sub(h));
        let more = |text: &str, y: u16, buf: &mut Buffer| {
            let w = text.chars().count() as u16;
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
        let shown: Vec<Line> = lines.into_iter().skip(offset).take(h).collect();
        Paragraph::new(shown).render(inner, buf);
        if let (Focus::Detail, Some(l)) = (app.view.focus, selected_line)
            && l >= offset
            && l < offset + h
        {
            let row = Rect::new(inner.x, inner.y + (l - offset) as u16, inner.width, 1);
            buf.set_style(row, theme.selected());
        }
    }
}

/// Lines the detail pane holds at the current size (0 when nothing is shown or the
/// terminal is too small): the selected event's detail, or, while the Sources pane has the
/// keyboard, the source's record. What scrolling may not go beyond.
pub fn detail_len(app: &App) -> usize {
    let Some(a) = app.areas() else {
        return 0;
    };
    let width = crate::ui::layout::inner(a.detail).width as usize;
    let plain = Theme {
        color: false,
        ascii: false,
    };
    if let Some(i) = record_source(app) {
        return source_lines(app, i, width, plain).len();
    }
    match app.selected() {
        Some(e) => lines(app, e, width, plain).0.len(),
        None => 0,
    }
}

/// The source whose record the detail pane shows: the one under the cursor while the
/// Sources pane has the keyboard.
fn record_source(app: &App) -> Option<usize> {
    (app.view.focus == Focus::Sources && app.nav.sources.cursor < app.data.timeline.sources.len())
        .then_some(app.nav.sources.cursor)
}
