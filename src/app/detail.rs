//! What the detail pane says, as rows of text with a kind each, wrapped to a width: the
//! selected event in full (date spelled out, why it matched, summary, people with their
//! ages, places, tags, each citation with its provenance, where sources disagree, links
//! both ways), or a source's whole record. The UI only styles these rows; the state uses
//! their count to bound scrolling, without asking the UI.

use super::provenance::{safe_url, source_facts};
use super::{App, Focus};
use crate::domain::{EventIdx, life_at};
use crate::query::index::Kind;
use crate::text::sanitize;
use crate::text::wrap::{truncate, wrap};

/// The marker for an event with links or back-links.
pub const LINK_MARK: &str = "→";
/// The marker for an event whose sources disagree.
pub const DISPUTE_MARK: &str = "≠";

/// What a row is, for the UI to style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Ordinary text.
    Plain,
    /// The title: bold, the filter's matches marked.
    Title,
    /// Text where the filter's matches are marked (the summary).
    Marked,
    /// A section heading or the date.
    Heading,
    /// Less important text: notes, provenance, why it matched.
    Dim,
    /// Where sources disagree.
    Warn,
    /// A quotation.
    Quote,
    /// A link row (selectable).
    Link,
}

/// One row of the detail pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Spaces before the text.
    pub indent: usize,
    /// The text (escaped for a terminal, cut or wrapped to the width).
    pub text: String,
    /// How it reads.
    pub look: Look,
    /// More text on the same row, looking otherwise (`Sources  ≠ the sources disagree`).
    pub tail: Option<(String, Look)>,
}

/// The rows of the detail pane and, for the links, which row each one is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// Every row, top to bottom.
    pub rows: Vec<Row>,
    /// Row of each link (in [`App::link_targets`] order).
    pub link_rows: Vec<usize>,
}

impl Rows {
    fn push(&mut self, text: String, indent: usize, look: Look) {
        self.rows.push(Row {
            indent,
            text,
            look,
            tail: None,
        });
    }

    fn blank(&mut self) {
        self.push(String::new(), 0, Look::Plain);
    }

    /// `text` escaped and wrapped into rows of `width` columns after `indent` spaces.
    /// A line break in the text (an imported summary often has some) starts a new row;
    /// every other control character is escaped.
    fn para(&mut self, text: &str, indent: usize, look: Look, width: usize) {
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            for l in wrap(&sanitize(line, false), width.saturating_sub(indent)) {
                self.push(l, indent, look);
            }
        }
    }
}

/// The rows of event `e`'s detail at `width` columns.
pub fn event_rows(app: &App, e: EventIdx, width: usize) -> Rows {
    let t = &app.data.timeline;
    let ev = t.event(e);
    let mut out = Rows::default();
    out.para(ev.title(), 0, Look::Title, width);
    out.para(&ev.date.long_in(app.view.utc), 0, Look::Heading, width);
    if ev.date.widened() {
        // X digits, seasons, sets: say what the reading spans, as the order and ranges use it.
        let span = match ev.date.bounds_iso() {
            (Some(a), Some(b)) => format!("between {a} and {b}"),
            (None, Some(b)) => format!("on or before {b}"),
            (Some(a), None) => format!("on or after {a}"),
            (None, None) => "at any time".to_string(),
        };
        out.para(&span, 0, Look::Dim, width);
    }
    if let Some(d) = ev.display_date() {
        out.para(&format!("as the source gives it: {d}"), 0, Look::Dim, width);
    }
    for why in reasons(app, e) {
        out.para(&why, 0, Look::Dim, width);
    }
    // What `≠` stands for here: the sources' dates, or an account that contradicts.
    let dates_differ = ev.dates_disagree();
    if dates_differ {
        let text = format!("{DISPUTE_MARK} the sources disagree on the date: see Sources below");
        out.para(&text, 0, Look::Warn, width);
    }
    if t.disputed(e) && !dates_differ {
        let text = format!("{DISPUTE_MARK} contested: a contradicting account, see Links below");
        out.para(&text, 0, Look::Warn, width);
    }
    if !ev.summary().is_empty() {
        out.blank();
        out.para(ev.summary(), 0, Look::Marked, width);
    }
    if !ev.people().is_empty() {
        out.blank();
        out.push("People".into(), 0, Look::Heading);
        for &p in ev.people() {
            let person = t.person(p);
            let age = life_at(person.born.as_ref(), person.died.as_ref(), &ev.date)
                .phrase()
                .map(|a| format!(", {a}"))
                .unwrap_or_default();
            out.para(&format!("{}{age}", person.name), 2, Look::Plain, width);
        }
    }
    if !ev.places().is_empty() {
        let places: Vec<&str> = ev
            .places()
            .iter()
            .map(|&p| t.place(p).name.as_str())
            .collect();
        out.para(
            &format!("Places: {}", places.join(", ")),
            0,
            Look::Plain,
            width,
        );
    }
    if !ev.tags().is_empty() {
        let tags: Vec<&str> = ev.tags().iter().map(|&g| t.tag(g)).collect();
        out.para(&format!("Tags: {}", tags.join(", ")), 0, Look::Plain, width);
    }
    if ev.fields().next().is_some() {
        out.blank();
        out.push("Fields (search: name:value)".into(), 0, Look::Heading);
        for (k, v) in ev.fields() {
            out.para(&format!("{k}: {v}"), 2, Look::Plain, width);
        }
    }
    if ev.media().next().is_some() {
        out.blank();
        out.push("Media".into(), 0, Look::Heading);
        for m in ev.media() {
            let caption = m.caption.unwrap_or("(no caption)");
            out.para(caption, 2, Look::Plain, width);
            if let Some(c) = m.credit {
                out.para(&format!("credit: {c}"), 6, Look::Dim, width);
            }
            // Shown, never opened unless it is http(s) (as source URLs).
            let url = match crate::text::safe_url(m.url) {
                Some(u) => u.to_string(),
                None => format!("{} (not http(s): not a link)", m.url),
            };
            out.para(&url, 6, Look::Dim, width);
        }
    }
    if ev.citations().len() > 0 {
        out.blank();
        out.rows.push(Row {
            indent: 0,
            text: "Sources".into(),
            look: Look::Heading,
            tail: dates_differ
                .then(|| (format!("  {DISPUTE_MARK} the sources disagree"), Look::Warn)),
        });
        for (n, c) in ev.citations().enumerate() {
            let s = t.source(c.source);
            let locator = c.locator().map(|l| format!("{l} ")).unwrap_or_default();
            out.para(
                &format!("[{}] {locator}{}", n + 1, s.title),
                2,
                Look::Plain,
                width,
            );
            // Where the claim comes from: outlet, author, date, document, URL.
            for l in provenance(s) {
                out.para(&l, 6, Look::Dim, width);
            }
            // Where sources disagree, say what each one claims.
            match &c.date() {
                Some(d) => out.para(
                    &format!("dates it: {}", d.long_in(app.view.utc)),
                    6,
                    Look::Warn,
                    width,
                ),
                None if dates_differ => {
                    let claim =
                        format!("dates it: {} (as the event)", ev.date.long_in(app.view.utc));
                    out.para(&claim, 6, Look::Warn, width);
                }
                None => {}
            }
            if let Some(q) = c.quote() {
                out.para(&format!("\u{201c}{q}\u{201d}"), 6, Look::Quote, width);
            }
            if let Some(note) = c.note() {
                out.para(note, 6, Look::Dim, width);
            }
            if let Some(q) = c.quality() {
                out.para(
                    &format!("evidence: {}", quality_words(q)),
                    6,
                    Look::Dim,
                    width,
                );
            }
        }
    }
    let links = app.link_targets();
    if !links.is_empty() {
        out.blank();
        out.push("Links (j k pick, Enter follows)".into(), 0, Look::Heading);
        for (n, l) in links.iter().enumerate() {
            let target = t.event(l.target);
            let arrow = if l.back { "←" } else { "→" };
            // The date before the title: on a narrow pane the title is what gets cut.
            let text = format!(
                "{arrow} {} ({}): {}",
                l.label,
                target.date.short_in(app.view.utc),
                sanitize(target.title(), false)
            );
            out.link_rows.push(out.rows.len());
            let picked = Some(n) == app.nav.link && app.view.focus == Focus::Detail;
            let cursor = if picked { "›" } else { " " };
            let text = format!("{cursor} {}", truncate(&text, width.saturating_sub(2)));
            out.push(text, 0, Look::Link);
            if let Some(note) = &l.note {
                out.para(note, 4, Look::Dim, width);
            }
        }
    }
    out
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
    // A term that fell back to fuzzy matching found a near spelling, not itself.
    let own = app.data.index.own(e as usize);
    for needle in app.filter.matcher.fuzzy_terms() {
        if !own.contains(needle) {
            out.push(format!("matched: {needle} ≈ a near spelling (~fuzzy)"));
        }
    }
    out.dedup();
    out
}

/// A source's provenance lines: outlet, author, date, document and URL on one line, with
/// a non-http URL named as such (never as a link).
fn provenance(s: &crate::domain::Source) -> Vec<String> {
    let mut out = vec![source_facts(s).join(" · ")];
    if let Some(u) = s.url.as_deref().filter(|u| safe_url(u).is_none()) {
        out.push(format!("URL (not http or https, never opened): {u}"));
    }
    out.retain(|l| !l.is_empty());
    out
}

/// The full record of source `i` at `width` columns: title, provenance, id, the shown
/// events citing it, and its note.
pub fn source_rows(app: &App, i: usize, width: usize) -> Rows {
    let t = &app.data.timeline;
    let s = &t.sources[i];
    let mut out = Rows::default();
    out.para(&s.title, 0, Look::Title, width);
    for l in provenance(s) {
        out.para(&l, 0, Look::Plain, width);
    }
    out.para(&format!("id: {}", s.id), 0, Look::Dim, width);
    let citing: Vec<EventIdx> = app
        .filter
        .visible
        .iter()
        .copied()
        .filter(|&e| t.event(e).citations().any(|c| c.source as usize == i))
        .collect();
    out.blank();
    let head = format!(
        "Cited by {} event(s) shown (Enter: only these)",
        citing.len()
    );
    out.para(&head, 0, Look::Heading, width);
    for e in citing {
        let ev = t.event(e);
        let at: Vec<String> = ev
            .citations()
            .filter(|c| c.source as usize == i)
            .filter_map(|c| c.locator().map(str::to_string))
            .collect();
        let text = format!(
            "{} · {} {}",
            ev.date.short_in(app.view.utc),
            ev.title(),
            at.join(" ")
        );
        out.para(&text, 2, Look::Plain, width);
    }
    if let Some(n) = &s.note {
        out.blank();
        out.para(n, 0, Look::Dim, width);
    }
    out
}

/// The source whose record the detail pane shows: the one under the cursor while the
/// Sources pane has the keyboard.
pub fn record_source(app: &App) -> Option<usize> {
    (app.view.focus == Focus::Sources && app.nav.sources.cursor < app.data.timeline.sources.len())
        .then_some(app.nav.sources.cursor)
}

/// What the detail pane shows now, at its current width: the source record or the
/// selected event's detail (none when nothing is selected or the screen is too small).
pub fn detail_rows(app: &App) -> Option<Rows> {
    let a = app.areas()?;
    let width = super::layout::inner(a.detail).width as usize;
    if let Some(i) = record_source(app) {
        return Some(source_rows(app, i, width));
    }
    Some(event_rows(app, app.selected()?, width))
}

/// Rows the detail pane holds at the current size: what scrolling may not go beyond.
pub fn detail_len(app: &App) -> usize {
    detail_rows(app).map_or(0, |r| r.rows.len())
}

/// What a citation's quality (0–3, GEDCOM's `QUAY`) says, in words.
pub fn quality_words(q: u8) -> &'static str {
    match q {
        0 => "0, unreliable (or estimated)",
        1 => "1, questionable (indirect, e.g. an interview or a later account)",
        2 => "2, secondary (recorded some time after the event)",
        _ => "3, primary (direct, recorded at the time)",
    }
}
