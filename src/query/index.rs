//! Search text of every event, folded once at load so that matching is a plain scan.

use crate::domain::text::fold;
use crate::domain::{Edtf, Event, Timeline};

/// The folded text of one event, split by what scopes and fuzzy matching need.
/// Every field is framed by `\n` on both sides, so `^word` is `\nword` and `word$` is `word\n`.
#[derive(Clone, Debug)]
pub struct EventText {
    /// The event's date, for date ranges.
    pub date: Edtf,
    /// Title, id, date, people, places, tags, source titles: short fields, fuzzy-matchable.
    pub short: String,
    /// Summary, quotes, notes and variant spellings: substring matches only.
    pub long: String,
    /// People: names, aliases, ids.
    pub person: String,
    /// Sources: ids, titles, outlets.
    pub source: String,
    /// Places and their variant spellings.
    pub place: String,
    /// Tags.
    pub tag: String,
}

/// Folded text of all events, in the timeline's order.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// One entry per event.
    pub events: Vec<EventText>,
}

fn push(buf: &mut String, s: &str) {
    if buf.is_empty() {
        buf.push('\n');
    }
    buf.push_str(&fold(s));
    buf.push('\n');
}

impl SearchIndex {
    /// Build the index of a timeline.
    pub fn new(t: &Timeline) -> SearchIndex {
        let spellings: Vec<Vec<String>> = t
            .terms
            .iter()
            .map(|term| {
                std::iter::once(&term.name)
                    .chain(&term.aliases)
                    .map(|s| fold(s))
                    .collect()
            })
            .collect();
        SearchIndex {
            events: t
                .events
                .iter()
                .map(|e| event_text(t, e, &spellings))
                .collect(),
        }
    }
}

fn event_text(t: &Timeline, e: &Event, spellings: &[Vec<String>]) -> EventText {
    let mut x = EventText {
        date: e.date,
        short: String::new(),
        long: String::new(),
        person: String::new(),
        source: String::new(),
        place: String::new(),
        tag: String::new(),
    };
    push(&mut x.short, &e.title);
    push(&mut x.short, &e.id);
    push(&mut x.short, &e.date.short());
    push(&mut x.short, &e.date.to_edtf());
    for &p in &e.people {
        let p = t.person(p);
        for s in std::iter::once(&p.name).chain(&p.aliases).chain([&p.id]) {
            push(&mut x.person, s);
        }
    }
    for &p in &e.places {
        let p = t.place(p);
        for s in std::iter::once(&p.name).chain(&p.aliases) {
            push(&mut x.place, s);
        }
    }
    for &g in &e.tags {
        push(&mut x.tag, t.tag(g));
    }
    for c in &e.citations {
        let s = t.source(c.source);
        push(&mut x.source, &s.id);
        push(&mut x.source, &s.title);
        if let Some(o) = &s.outlet {
            push(&mut x.source, o);
        }
        for text in [&c.quote, &c.note].into_iter().flatten() {
            push(&mut x.long, text);
        }
    }
    push(&mut x.long, &e.summary);
    for l in &e.links {
        if let Some(n) = &l.note {
            push(&mut x.long, n);
        }
    }
    for part in [&x.person, &x.place, &x.tag, &x.source] {
        x.short.push_str(part);
    }
    // Variant spellings of names that occur anywhere in the event.
    let mut extra = String::new();
    for names in spellings {
        if names
            .iter()
            .any(|n| x.short.contains(n.as_str()) || x.long.contains(n.as_str()))
        {
            for n in names {
                extra.push_str(n);
                extra.push('\n');
            }
        }
    }
    x.long.push_str(&extra);
    x
}
