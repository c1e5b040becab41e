//! Validation: raw file structs → the checked domain model, collecting every problem.

use super::diag::{Diagnostic, Severity};
use super::raw::{RawCite, RawTimeline};
use super::spans::{Seg, Spans};
use crate::domain::*;
use std::collections::HashMap;

struct Ctx<'a> {
    path: &'a str,
    spans: &'a Spans,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn push(&mut self, severity: Severity, at: &[Seg<'_>], message: String) {
        let pos = self.spans.locate(at);
        self.diags.push(Diagnostic {
            severity,
            path: self.path.to_string(),
            line: pos.line,
            col: pos.col,
            message,
        });
    }

    fn error(&mut self, at: &[Seg<'_>], message: String) {
        self.push(Severity::Error, at, message);
    }

    fn warn(&mut self, at: &[Seg<'_>], message: String) {
        self.push(Severity::Warning, at, message);
    }

    fn date(&mut self, at: &[Seg<'_>], s: &str) -> Option<Edtf> {
        match Edtf::parse(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(at, format!("invalid date: {e}"));
                None
            }
        }
    }

    fn opt_date(&mut self, at: &[Seg<'_>], s: &Option<String>) -> Option<Edtf> {
        s.as_deref().and_then(|s| self.date(at, s))
    }

    /// Check an id's shape and uniqueness; returns true when it is new and well-formed.
    fn id<T: Copy>(
        &mut self,
        at: &[Seg<'_>],
        what: &str,
        id: &str,
        seen: &mut HashMap<String, T>,
        value: T,
    ) -> bool {
        if id.is_empty() {
            self.error(at, format!("{what} id is empty"));
            return false;
        }
        if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.error(
                at,
                format!("{what} id `{id}` contains whitespace or control characters"),
            );
            return false;
        }
        if seen.contains_key(id) {
            self.error(at, format!("duplicate {what} id `{id}`"));
            return false;
        }
        seen.insert(id.to_string(), value);
        true
    }
}

/// Validate a parsed file. Returns the timeline (when there are no errors) and every
/// diagnostic found, in file order.
pub fn validate(
    raw: RawTimeline,
    path: &str,
    spans: &Spans,
) -> (Option<Timeline>, Vec<Diagnostic>) {
    use Seg::{Field as F, Index as I};
    let mut cx = Ctx {
        path,
        spans,
        diags: Vec::new(),
    };

    let mut person_ix: HashMap<String, PersonIdx> = HashMap::new();
    let mut people = Vec::with_capacity(raw.people.len());
    for (i, p) in raw.people.into_iter().enumerate() {
        let at = |f| [F("people"), I(i), F(f)];
        cx.id(
            &at("id"),
            "person",
            &p.id,
            &mut person_ix,
            people.len() as u32,
        );
        let born = cx.opt_date(&at("born"), &p.born);
        let died = cx.opt_date(&at("died"), &p.died);
        if let (Some(b), Some(d)) = (born, died)
            && let (Some(be), Some(dl)) = (b.earliest(), d.latest())
            && dl < be
        {
            cx.error(
                &at("died"),
                format!("{} dies ({}) before being born ({})", p.id, d, b),
            );
        }
        people.push(Person {
            id: p.id,
            name: p.name,
            aliases: p.aliases,
            born,
            died,
            note: p.note,
        });
    }

    let mut source_ix: HashMap<String, SourceIdx> = HashMap::new();
    let mut sources = Vec::with_capacity(raw.sources.len());
    for (i, s) in raw.sources.into_iter().enumerate() {
        let at = |f| [F("sources"), I(i), F(f)];
        cx.id(
            &at("id"),
            "source",
            &s.id,
            &mut source_ix,
            sources.len() as u32,
        );
        let published = cx.opt_date(&at("published"), &s.published);
        sources.push(Source {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            author: s.author,
            published,
            document: s.document,
            url: s.url,
            note: s.note,
        });
    }

    // Places: declared ones, reachable by name or alias.
    let mut place_ix: HashMap<String, PlaceIdx> = HashMap::new();
    let mut places: Vec<Place> = Vec::new();
    for (i, p) in raw.places.into_iter().enumerate() {
        let idx = places.len() as u32;
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            if place_ix.insert(name.clone(), idx).is_some() {
                cx.error(
                    &[F("places"), I(i)],
                    format!("place name `{name}` is declared twice"),
                );
            }
        }
        places.push(Place {
            name: p.name,
            aliases: p.aliases,
            note: p.note,
            declared: true,
        });
    }
    let terms = raw
        .terms
        .into_iter()
        .map(|t| Term {
            name: t.name,
            aliases: t.aliases,
            note: t.note,
        })
        .collect();

    let mut tag_ix: HashMap<String, TagIdx> = HashMap::new();
    let mut tags: Vec<String> = Vec::new();
    let mut event_ix: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::with_capacity(raw.events.len());
    let mut raw_links = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.into_iter().enumerate() {
        let at = |f| [F("events"), I(i), F(f)];
        cx.id(&at("id"), "event", &e.id, &mut event_ix, i);
        let date = cx.date(&at("date"), &e.date);
        let mut ev_people = Vec::with_capacity(e.people.len());
        for (j, pid) in e.people.iter().enumerate() {
            let here = [F("events"), I(i), F("people"), I(j)];
            match person_ix.get(pid) {
                None => cx.error(&here, format!("unknown person `{pid}`")),
                Some(&p) => {
                    ev_people.push(p);
                    if let Some(d) = date {
                        life_warnings(&mut cx, &here, &people[p as usize], &e.id, &d);
                    }
                }
            }
        }
        let ev_places = e
            .places
            .iter()
            .map(|name| {
                *place_ix.entry(name.clone()).or_insert_with(|| {
                    places.push(Place {
                        name: name.clone(),
                        aliases: Vec::new(),
                        note: None,
                        declared: false,
                    });
                    places.len() as u32 - 1
                })
            })
            .collect();
        let ev_tags = e
            .tags
            .iter()
            .map(|t| {
                *tag_ix.entry(t.clone()).or_insert_with(|| {
                    tags.push(t.clone());
                    tags.len() as u32 - 1
                })
            })
            .collect();
        if e.citations.is_empty() {
            cx.warn(&at("id"), format!("event `{}` cites no source", e.id));
        }
        let citations = cites(&mut cx, i, &e.citations, &source_ix);
        raw_links.push(e.links);
        events.push(date.map(|date| Event {
            id: e.id,
            date,
            title: e.title,
            summary: e.summary.unwrap_or_default(),
            people: ev_people,
            places: ev_places,
            tags: ev_tags,
            citations,
            links: Vec::new(),
        }));
    }

    // Links need every event id first.
    let mut links_by_event = Vec::with_capacity(raw_links.len());
    for (i, links) in raw_links.into_iter().enumerate() {
        let mut out = Vec::with_capacity(links.len());
        for (j, l) in links.into_iter().enumerate() {
            let here = [F("events"), I(i), F("links"), I(j), F("to")];
            match event_ix.get(&l.to) {
                None => cx.error(&here, format!("link to unknown event `{}`", l.to)),
                Some(&t) => {
                    if t == i {
                        cx.warn(&here, format!("event `{}` links to itself", l.to));
                    }
                    out.push((t, l.kind, l.note));
                }
            }
        }
        links_by_event.push(out);
    }

    let mut diags = cx.diags;
    diags.sort_by_key(|d| (d.line, d.col));
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let events: Vec<Event> = events.into_iter().map(|e| e.expect("no errors")).collect();
    let timeline = assemble(
        raw.title,
        raw.description,
        people,
        sources,
        places,
        terms,
        tags,
        events,
        links_by_event,
    );
    (Some(timeline), diags)
}

fn life_warnings(cx: &mut Ctx<'_>, at: &[Seg<'_>], p: &Person, event: &str, d: &Edtf) {
    if let (Some(born), Some(latest)) = (p.born.and_then(|b| b.earliest()), d.latest())
        && latest < born
    {
        cx.warn(
            at,
            format!(
                "event `{event}` ({d}) is before {} was born ({})",
                p.id,
                p.born.expect("born")
            ),
        );
    }
    if let (Some(died), Some(earliest)) = (p.died.and_then(|x| x.latest()), d.earliest())
        && earliest > died
    {
        cx.warn(
            at,
            format!(
                "event `{event}` ({d}) is after {} died ({})",
                p.id,
                p.died.expect("died")
            ),
        );
    }
}

fn cites(
    cx: &mut Ctx<'_>,
    event: usize,
    raw: &[RawCite],
    source_ix: &HashMap<String, SourceIdx>,
) -> Vec<Cite> {
    use Seg::{Field as F, Index as I};
    let mut out = Vec::with_capacity(raw.len());
    for (j, c) in raw.iter().enumerate() {
        let at = |f| [F("events"), I(event), F("citations"), I(j), F(f)];
        let date = cx.opt_date(&at("date"), &c.date);
        match source_ix.get(&c.source) {
            None => cx.error(&at("source"), format!("unknown source `{}`", c.source)),
            Some(&s) => out.push(Cite {
                source: s,
                locator: c.locator.clone(),
                quote: c.quote.clone(),
                date,
                note: c.note.clone(),
            }),
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    title: String,
    description: Option<String>,
    people: Vec<Person>,
    sources: Vec<Source>,
    places: Vec<Place>,
    terms: Vec<Term>,
    tags: Vec<String>,
    events: Vec<Event>,
    links: Vec<Vec<(usize, LinkKind, Option<String>)>>,
) -> Timeline {
    // Chronological order, total and stable: date, then id.
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| {
        events[a]
            .date
            .chrono_cmp(&events[b].date)
            .then_with(|| events[a].id.cmp(&events[b].id))
    });
    let mut new_index = vec![0u32; events.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    let mut link_slots: Vec<Option<Vec<_>>> = links.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    for &old in &order {
        let mut e = slots[old].take().expect("each event once");
        e.links = link_slots[old]
            .take()
            .expect("each event once")
            .into_iter()
            .map(|(to, kind, note)| Link {
                to: new_index[to],
                kind,
                note,
            })
            .collect();
        sorted.push(e);
    }
    let mut backlinks = vec![Vec::new(); sorted.len()];
    for (from, e) in sorted.iter().enumerate() {
        for (j, l) in e.links.iter().enumerate() {
            backlinks[l.to as usize].push(BackLink {
                from: from as u32,
                link: j as u32,
            });
        }
    }
    let event_index = sorted
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i as u32))
        .collect();
    Timeline {
        title,
        description,
        people,
        sources,
        places,
        terms,
        tags,
        events: sorted,
        backlinks,
        event_index,
    }
}
