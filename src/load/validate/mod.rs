//! Validation: raw file structs → the checked, compact domain model, collecting every
//! problem. Events arrive in chunks (as the parser produces them) and are converted at once,
//! so the raw structs of a big file never exist all together.

use super::diag::{Diagnostic, Severity};
use super::raw::{RawCiteRef, RawEvent, RawEventRef, RawTimeline};
use super::spans::Seg;
use super::syntax::Syntax;
use crate::domain::event::{Range32, Refs, Str};
use crate::domain::ids::{IdMap, hash_str};
use crate::domain::num::u32_of;
use crate::domain::*;
use std::collections::HashMap;

/// The builder's name tables: looked up for every person, place, tag and source of every
/// event on the thread that stores them, the slowest part of a big load. foldhash is
/// several times quicker than std's SipHash on short keys and still seeded at random per
/// process (names come from the user's file).
type Names<V> = HashMap<String, V, foldhash::quality::RandomState>;

mod extra;
mod links;
mod order;
mod recurring;

/// A problem found, positioned once the whole file has been seen (and only if there are
/// problems: positions need a second pass over the text).
struct Pending {
    severity: Severity,
    at: Vec<Seg<'static>>,
    message: String,
    /// More warnings of this one's shape, counted and not kept.
    more: usize,
    /// Columns to the right of the value's start (inside a quoted date: where the date
    /// goes wrong, counting the opening quote).
    shift: usize,
}

/// Warnings of one shape (the message without the values in backquotes) kept in full;
/// the rest are counted on the last one kept.
const KEEP_ALIKE: usize = 10;

/// A warning's shape: its message with every backquoted value as `…`.
fn shape(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("`")
}

/// Builds a [`Timeline`] from the file's parts: the head (everything but events) first,
/// then the events in file order.
pub struct Builder {
    t: Timeline,
    problems: Vec<Pending>,
    /// Shape of a warning → how many were kept, and the last one kept.
    alike: std::collections::HashMap<String, (usize, usize)>,
    errors: bool,
    person_ix: Names<PersonIdx>,
    source_ix: Names<SourceIdx>,
    place_ix: Names<PlaceIdx>,
    tag_ix: Names<TagIdx>,
    ids: IdMap,
    /// Target ids of links, resolved once every event is known.
    link_targets: String,
    link_spans: Vec<Str>,
    /// Each person's earliest birth and latest death instant, computed once (checked
    /// against every event they are in).
    life: Vec<(Option<Instant>, Option<Instant>)>,
    /// Locators kept so far (each short one is kept once).
    locators: recurring::Recurring,
    /// Have the links been resolved ([`Builder::resolve`])?
    resolved: bool,
}

use Seg::{Field as F, Index as I};

fn at(i: usize, f: &'static str) -> [Seg<'static>; 3] {
    [F("events"), I(i), F(f)]
}

impl Builder {
    /// Start from the file's head: title, people, sources, places, terms. Its `events` (if
    /// any: a file parsed in one piece) are added too.
    pub fn new(raw: RawTimeline) -> Builder {
        let mut b = Builder {
            t: Timeline {
                title: raw.title,
                description: raw.description,
                ..Timeline::default()
            },
            problems: Vec::new(),
            alike: std::collections::HashMap::new(),
            errors: false,
            person_ix: Names::default(),
            source_ix: Names::default(),
            place_ix: Names::default(),
            tag_ix: Names::default(),
            ids: IdMap::default(),
            link_targets: String::new(),
            link_spans: Vec::new(),
            life: Vec::new(),
            locators: recurring::Recurring::default(),
            resolved: false,
        };
        for (i, p) in raw.people.into_iter().enumerate() {
            let at = |f| [F("people"), I(i), F(f)];
            let n = u32_of(b.t.people.len());
            if b.id_shape(&at("id"), "person", &p.id) {
                if b.person_ix.contains_key(&p.id) {
                    b.error(&at("id"), format!("duplicate person id `{}`", p.id));
                } else {
                    b.person_ix.insert(p.id.clone(), n);
                }
            }
            let born = b.opt_date(&at("born"), &p.born);
            let died = b.opt_date(&at("died"), &p.died);
            if let (Some(bo), Some(d)) = (&born, &died)
                && let (Some(be), Some(dl)) = (bo.earliest(), d.latest())
                && dl < be
            {
                b.error(
                    &at("died"),
                    format!("`{}` dies ({}) before being born ({})", p.id, d, bo),
                );
            }
            b.life.push((
                born.as_ref().and_then(Edtf::earliest),
                died.as_ref().and_then(Edtf::latest),
            ));
            b.t.people.push(Person {
                id: p.id,
                name: p.name,
                aliases: p.aliases,
                born,
                died,
                note: p.note,
            });
        }
        for (i, s) in raw.sources.into_iter().enumerate() {
            let at = |f| [F("sources"), I(i), F(f)];
            let n = u32_of(b.t.sources.len());
            if b.id_shape(&at("id"), "source", &s.id) {
                if b.source_ix.contains_key(&s.id) {
                    b.error(&at("id"), format!("duplicate source id `{}`", s.id));
                } else {
                    b.source_ix.insert(s.id.clone(), n);
                }
            }
            let published = b.opt_date(&at("published"), &s.published);
            b.t.sources.push(Source {
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
        for (i, p) in raw.places.into_iter().enumerate() {
            let idx = u32_of(b.t.places.len());
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                if b.place_ix.insert(name.clone(), idx).is_some() {
                    b.error(
                        &[F("places"), I(i)],
                        format!("place name `{name}` is declared twice"),
                    );
                }
            }
            b.t.places.push(Place {
                name: p.name,
                aliases: p.aliases,
                note: p.note,
                declared: true,
            });
        }
        b.t.terms = raw
            .terms
            .into_iter()
            .map(|t| Term {
                name: t.name,
                aliases: t.aliases,
                note: t.note,
            })
            .collect();
        for (i, e) in raw.eras.into_iter().enumerate() {
            let at = [F("eras"), I(i), F("date")];
            if let Some(date) = b.date(&at, &e.date) {
                b.t.eras.push(crate::domain::Era {
                    title: e.title,
                    date,
                });
            }
        }
        b.events(raw.events, 0);
        b
    }

    /// Resolve the links, once every event is in (their problems are found then); done by
    /// [`Builder::finish`] if not before.
    pub fn resolve(&mut self) {
        if self.resolved {
            return;
        }
        self.resolved = true;
        self.resolve_links(links::SPLIT);
        drop(std::mem::take(&mut self.link_targets));
        drop(std::mem::take(&mut self.locators));
        drop(std::mem::take(&mut self.link_spans));
    }

    /// Has anything been found to report (an error or a warning)? Reporting it needs the
    /// file's text, to tell where. (Links' problems are found by [`Builder::resolve`].)
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Make room for about `events` events from `bytes` bytes of text.
    pub fn reserve(&mut self, bytes: usize, events: usize) {
        self.t.text.owned().reserve(bytes / 2);
        self.t.events.reserve(events);
        self.ids.reserve(events);
        self.t.refs.reserve(events * 6);
        self.t.cites.reserve(events * 2);
        self.t.links.reserve(events / 2);
    }

    fn push(&mut self, severity: Severity, at: &[Seg<'static>], message: String) {
        self.errors |= severity == Severity::Error;
        self.problems.push(Pending {
            severity,
            at: at.to_vec(),
            message,
            more: 0,
            shift: 0,
        });
    }

    fn error(&mut self, at: &[Seg<'static>], message: String) {
        self.push(Severity::Error, at, message);
    }

    /// A warning; past [`KEEP_ALIKE`] of one shape, only counted.
    fn warn(&mut self, at: &[Seg<'static>], message: String) {
        let next = self.problems.len();
        let (kept, last) = self.alike.entry(shape(&message)).or_insert((0, next));
        if *kept < KEEP_ALIKE {
            *kept += 1;
            *last = next;
            self.push(Severity::Warning, at, message);
        } else {
            self.problems[*last].more += 1;
        }
    }

    fn date(&mut self, at: &[Seg<'static>], s: &str) -> Option<Edtf> {
        match Edtf::parse(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error(at, format!("invalid date `{s}`: {}", e.message));
                if let Some(p) = self.problems.last_mut() {
                    p.shift = e.column;
                }
                None
            }
        }
    }

    fn opt_date(&mut self, at: &[Seg<'static>], s: &Option<String>) -> Option<Edtf> {
        s.as_deref().and_then(|s| self.date(at, s))
    }

    /// Check an id's shape; true when it is non-empty and has no whitespace, controls,
    /// bidirectional overrides or invisible characters (an id is typed, matched and shown as
    /// it is, so nothing in it may hide, or reorder what is around it).
    fn id_shape(&mut self, at: &[Seg<'static>], what: &str, id: &str) -> bool {
        if id.is_empty() {
            self.error(at, format!("{what} id is empty"));
            return false;
        }
        use crate::domain::text::{is_invisible, is_unsafe};
        let bad = |c: char| c.is_whitespace() || c.is_control() || is_unsafe(c) || is_invisible(c);
        if id.chars().any(bad) {
            self.error(
                at,
                format!(
                    "{what} id `{id}` contains whitespace, control, bidirectional or invisible characters"
                ),
            );
            return false;
        }
        true
    }

    fn text(&mut self, s: &str) -> Str {
        let start = self.t.text.len();
        self.t.text.owned().push_str(s);
        Str {
            start: u32_of(start),
            len: u32_of(s.len()),
        }
    }

    fn opt_text(&mut self, s: Option<&str>) -> Str {
        s.map_or(Str::NONE, |s| self.text(s))
    }

    /// A locator's text, kept once if it is short and recurs.
    fn locator(&mut self, s: Option<&str>) -> Str {
        let Some(s) = s else { return Str::NONE };
        if let Some(at) = self.locators.get(s) {
            return at;
        }
        let at = self.text(s);
        self.locators.keep(s, at);
        at
    }

    /// Add events; `first` is the index of the first one in the file's `events` list.
    pub fn events(&mut self, raw: Vec<RawEvent>, first: usize) {
        for (k, e) in raw.iter().enumerate() {
            self.event(first + k, &e.as_ref());
        }
    }

    /// Add the event at index `i` of the file's `events` list (events come in order).
    pub fn event(&mut self, i: usize, e: &RawEventRef<'_>) {
        let n = u32_of(self.t.events.len());
        let id = self.text(&e.id);
        if self.id_shape(&at(i, "id"), "event", &e.id) {
            let t = &self.t;
            let own = |j: u32| t.events.get(j as usize).map(|e| t.str(e.id));
            let dup = self.ids.insert(
                hash_str(&e.id),
                n,
                |j| t.id_hash(j),
                |j| own(j) == Some(&*e.id),
            );
            if dup.is_some() {
                self.error(&at(i, "id"), format!("duplicate event id `{}`", e.id));
            }
        }
        let date = self.date(&at(i, "date"), &e.date);
        let span = date.as_ref().map_or((None, None), Edtf::span);
        let people_start = u32_of(self.t.refs.len());
        for (j, pid) in e.people.iter().enumerate() {
            let here = [F("events"), I(i), F("people"), I(j)];
            match self.person_ix.get(&**pid) {
                None => self.error(&here, format!("unknown person `{pid}`")),
                Some(&p) => {
                    self.t.refs.push(p);
                    if let Some(d) = &date {
                        self.life_warnings(&here, p, &e.id, d, span);
                    }
                }
            }
        }
        let people = range(people_start, self.t.refs.len());
        let places_start = u32_of(self.t.refs.len());
        for name in &e.places {
            let p = match self.place_ix.get(&**name) {
                Some(&p) => p,
                None => {
                    let p = u32_of(self.t.places.len());
                    self.t.places.push(Place {
                        name: name.to_string(),
                        aliases: Vec::new(),
                        note: None,
                        declared: false,
                    });
                    self.place_ix.insert(name.to_string(), p);
                    p
                }
            };
            self.t.refs.push(p);
        }
        let places = range(places_start, self.t.refs.len());
        let tags_start = u32_of(self.t.refs.len());
        for tag in &e.tags {
            let g = match self.tag_ix.get(&**tag) {
                Some(&g) => g,
                None => {
                    let g = u32_of(self.t.tags.len());
                    self.t.tags.push(tag.to_string());
                    self.tag_ix.insert(tag.to_string(), g);
                    g
                }
            };
            self.t.refs.push(g);
        }
        let tags = range(tags_start, self.t.refs.len());
        let refs = Refs {
            start: people.start,
            people: people.len,
            places: places.len,
            tags: tags.len,
        };
        if e.title.trim().is_empty() {
            self.warn(&at(i, "title"), format!("event `{}` has no title", e.id));
        }
        if e.citations.is_empty() {
            self.warn(&at(i, "id"), format!("event `{}` cites no source", e.id));
        }
        let cites_start = u32_of(self.t.cites.len());
        self.cites(i, &e.citations);
        let citations = range(cites_start, self.t.cites.len());
        let links_start = u32_of(self.t.links.len());
        for l in &e.links {
            let start = u32_of(self.link_targets.len());
            self.link_targets.push_str(&l.to);
            self.link_spans.push(Str {
                start,
                len: u32_of(l.to.len()),
            });
            let note = self.opt_text(l.note.as_deref());
            self.t.links.push(Link {
                to: u32::MAX,
                kind: l.kind,
                note,
            });
        }
        let links = range(links_start, self.t.links.len());
        let title = self.text(&e.title);
        let summary = self.text(e.summary.as_deref().unwrap_or_default());
        let extra = self.extra(i, e);
        self.t.events.push(Event {
            // An invalid date is an error: the timeline is never built, so any value will do.
            date: date.unwrap_or(Edtf::interval(Bound::Unknown, Bound::Unknown)),
            id,
            title,
            summary,
            refs,
            citations,
            links,
            extra,
        });
    }

    fn life_warnings(
        &mut self,
        at: &[Seg<'static>],
        p: PersonIdx,
        event: &str,
        d: &Edtf,
        (earliest, latest): (Option<Instant>, Option<Instant>),
    ) {
        let (born, died) = self.life[p as usize];
        let p = &self.t.people[p as usize];
        let mut found = Vec::new();
        if let (Some(born), Some(latest)) = (born, latest)
            && latest < born
        {
            found.push(format!(
                "event `{event}` ({d}) is before `{}` was born ({})",
                p.id,
                p.born.as_ref().expect("born")
            ));
        }
        if let (Some(died), Some(earliest)) = (died, earliest)
            && earliest > died
        {
            found.push(format!(
                "event `{event}` ({d}) is after `{}` died ({})",
                p.id,
                p.died.as_ref().expect("died")
            ));
        }
        for m in found {
            self.warn(at, m);
        }
    }

    fn cites(&mut self, event: usize, raw: &[RawCiteRef<'_>]) {
        for (j, c) in raw.iter().enumerate() {
            let at = |f| [F("events"), I(event), F("citations"), I(j), F(f)];
            let date = c.date.as_deref().and_then(|d| self.date(&at("date"), d));
            match self.source_ix.get(&*c.source) {
                None => self.error(&at("source"), format!("unknown source `{}`", c.source)),
                Some(&s) => {
                    let date = match date {
                        Some(d) => {
                            self.t.cite_dates.push(d);
                            u32_of(self.t.cite_dates.len())
                        }
                        None => 0,
                    };
                    let note = self.opt_text(c.note.as_deref());
                    if note != Str::NONE {
                        let at = u32_of(self.t.cites.len());
                        self.t.cite_notes.push((at, note));
                    }
                    let noted = note != Str::NONE;
                    let date_q = Cite::pack(date, c.quality, noted).unwrap_or_else(|| {
                        self.error(
                            &at("date"),
                            format!(
                                "too many citation dates (annals keeps up to {})",
                                Cite::DATES
                            ),
                        );
                        0
                    });
                    let cite = Cite {
                        source: s,
                        date_q,
                        locator: self.locator(c.locator.as_deref()),
                        quote: self.opt_text(c.quote.as_deref()),
                    };
                    if c.quality.is_some_and(|q| q > 3) {
                        self.error(
                            &at("quality"),
                            "citation quality is 0 to 3 (as GEDCOM's QUAY)".into(),
                        );
                    }
                    self.t.cites.push(cite);
                }
            }
        }
    }

    /// Resolve links, then either the timeline (no errors) or the problems, positioned in
    /// `src` and in file order. Warnings come with the timeline.
    pub fn finish(
        mut self,
        path: &str,
        src: &str,
        syntax: &dyn Syntax,
    ) -> (Option<Timeline>, Vec<Diagnostic>) {
        self.resolve();
        // Positions of the problems only: not of every value in a big file.
        let positions = if self.problems.is_empty() {
            Vec::new()
        } else {
            syntax.locate(src, &self.problem_paths())
        };
        self.finish_placed(path, &positions)
    }

    /// Where each problem is, as a path into the document (links resolved first: see
    /// [`Builder::resolve`]).
    pub fn problem_paths(&self) -> Vec<&[Seg<'static>]> {
        self.problems.iter().map(|p| p.at.as_slice()).collect()
    }

    /// [`Builder::finish`] with the problems placed already (`positions`, one per path of
    /// [`Builder::problem_paths`], in order; links resolved).
    pub fn finish_placed(
        mut self,
        path: &str,
        positions: &[super::spans::Pos],
    ) -> (Option<Timeline>, Vec<Diagnostic>) {
        debug_assert!(self.resolved, "placed before the links were resolved");
        self.resolve();
        debug_assert_eq!(positions.len(), self.problems.len());
        let diags = if self.problems.is_empty() {
            Vec::new()
        } else {
            let mut diags: Vec<Diagnostic> = self
                .problems
                .iter()
                .zip(
                    positions
                        .iter()
                        .chain(std::iter::repeat(&super::spans::Pos { line: 1, col: 1 })),
                )
                .map(|(p, pos)| Diagnostic {
                    severity: p.severity,
                    path: path.to_string(),
                    line: pos.line,
                    col: pos.col + p.shift,
                    message: p.message.clone(),
                    more: p.more,
                })
                .collect();
            diags.sort_by_key(|d| (d.line, d.col));
            diags
        };
        if self.errors {
            return (None, diags);
        }
        (Some(order::assemble(self.t, self.ids)), diags)
    }
}

fn range(start: u32, end: usize) -> Range32 {
    Range32 {
        start,
        len: u32_of(end) - start,
    }
}
