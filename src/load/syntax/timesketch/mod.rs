//! Timesketch's import format (CSV or JSONL: `message`, `datetime`, `timestamp_desc` and any
//! other attributes), which Plaso's `psort` and Hayabusa also write: each record an event,
//! `message` its title, `datetime` its date, `timestamp_desc` a tag, and every other
//! attribute kept in the event's `fields`. What `annals export --format timesketch` adds
//! (`annals_*` attributes) is read back into its place.

mod names;
mod records;
mod report;

pub use names::{RESERVED, TITLE_MAX, attribute_of_field, field_of_attribute, title_of};
pub use records::{datetime, is_timesketch_csv, micros_of, timestamp};

use names::{dedup, field_name, slug, tag_of, unique};

use super::{Pos, Read, Seg, Syntax};
use crate::domain::text::{is_invisible, is_unsafe};
use crate::load::raw::{Fields, RawCite, RawEvent, RawPerson, RawSource, RawTimeline};
use records::{Offset, Record};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The Timesketch syntax (CSV or JSONL, told apart by the first character).
pub struct Timesketch;

/// The id of the source every event cites (its locator is the record's line).
pub const SOURCE_ID: &str = "timesketch";

impl Syntax for Timesketch {
    fn parse(&self, src: &str) -> Result<RawTimeline, (Pos, String)> {
        self.read(src)
            .map(|r| r.timeline)
            .map_err(|mut e| e.remove(0))
    }

    fn read(&self, src: &str) -> Result<Read, Vec<(Pos, String)>> {
        let built = build(src)?;
        Ok(Read::new(built.timeline, built.report).with_file_source(SOURCE_ID))
    }

    fn locate(&self, src: &str, paths: &[&[Seg<'_>]]) -> Vec<Pos> {
        let first = Pos { line: 1, col: 1 };
        let Ok(built) = build(src) else {
            return vec![first; paths.len()];
        };
        paths
            .iter()
            .map(|p| match p {
                [Seg::Field("events"), Seg::Index(i), rest @ ..] => {
                    built.at.get(*i).map_or(first, |e| e.locate(rest))
                }
                [Seg::Field("people"), Seg::Index(i), ..] => {
                    built.people_at.get(*i).copied().unwrap_or(first)
                }
                _ => first,
            })
            .collect()
    }
}

/// Where an event's values are in the input.
struct EventAt {
    start: Pos,
    id: Pos,
    date: Pos,
    title: Pos,
    people: Pos,
    fields: Vec<Pos>,
}

impl EventAt {
    fn locate(&self, rest: &[Seg<'_>]) -> Pos {
        match rest {
            [Seg::Field("id"), ..] => self.id,
            [Seg::Field("date"), ..] => self.date,
            [Seg::Field("title" | "summary"), ..] => self.title,
            [Seg::Field("people"), ..] => self.people,
            [Seg::Field("fields"), Seg::Index(j), ..] => {
                self.fields.get(*j).copied().unwrap_or(self.start)
            }
            _ => self.start,
        }
    }
}

/// A converted file: the timeline, where each event came from, and the report.
struct Built {
    timeline: RawTimeline,
    at: Vec<EventAt>,
    people_at: Vec<Pos>,
    report: Vec<String>,
}

/// What the report counts.
#[derive(Default)]
struct Tally {
    cut: usize,
    assumed_utc: usize,
    from_timestamp: usize,
    timestamp_agrees: usize,
    timestamp_kept: usize,
    from_edtf: usize,
    ids_given: usize,
    ids_changed: usize,
    fields: BTreeMap<String, usize>,
    empty: usize,
    derived: usize,
    renamed: BTreeMap<String, String>,
    /// Records citing their own sources (`annals_sources`) rather than the file.
    own_sources: usize,
    /// Records whose `annals_edtf` disagrees with their (changed) `datetime`.
    edtf_set_aside: usize,
    records: usize,
}

/// Where an event's date was read from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DateFrom {
    /// `annals_edtf` (annals' own export).
    Edtf,
    /// `datetime`.
    Datetime,
    /// `timestamp` (no `datetime`).
    Timestamp,
}

/// Attributes with a place of their own (the rest go to `fields`).
const MESSAGE: &str = "message";
const DATETIME: &str = "datetime";
const TIMESTAMP: &str = "timestamp";
const DESC: &str = "timestamp_desc";
const ID_KEYS: &[&str] = &["annals_id", "_id", "id"];

/// Convert the records of `src` into a timeline (every problem at once).
fn build(src: &str) -> Result<Built, Vec<(Pos, String)>> {
    let (kind, (records, problems)) = if records::is_jsonl(src) {
        ("JSONL", records::jsonl(src))
    } else {
        ("CSV", records::csv(src))
    };
    let mut b = Builder {
        problems,
        ..Builder::default()
    };
    b.sources.insert(String::new(), SOURCE_ID.to_string());
    b.taken_sources.insert(SOURCE_ID.to_string());
    let mut events = Vec::new();
    let mut at = Vec::new();
    for r in &records {
        if let Some((e, a)) = b.event(r) {
            events.push(e);
            at.push(a);
        }
    }
    if records.is_empty() && b.problems.is_empty() {
        let what = format!("no records: a Timesketch {kind} file has one event per line");
        b.problems.push((Pos { line: 1, col: 1 }, what));
    }
    if !b.problems.is_empty() {
        b.problems.sort_by_key(|(p, _)| (p.line, p.col));
        return Err(b.problems);
    }
    b.tally.records = events.len();
    let report = b.report(kind, records.len());
    let cited = events
        .iter()
        .any(|e| e.citations.iter().any(|c| c.source == SOURCE_ID));
    let mut sources = Vec::new();
    if cited {
        sources.push(RawSource {
            note: Some(format!(
                "The Timesketch {kind} file this timeline was imported from; each \
                 citation's locator is the line of the record in it."
            )),
            ..RawSource::titled(SOURCE_ID, format!("Timesketch {kind} file"))
        });
    }
    sources.extend(b.source_list);
    Ok(Built {
        timeline: RawTimeline {
            title: "Timesketch timeline".to_string(),
            description: Some(format!(
                "{} events read from a Timesketch {kind} file",
                events.len()
            )),
            people: b.people,
            sources,
            places: Vec::new(),
            terms: Vec::new(),
            eras: Vec::new(),
            events,
        },
        at,
        people_at: b.people_at,
        report,
    })
}

#[derive(Default)]
struct Builder {
    problems: Vec<(Pos, String)>,
    ids: HashSet<String>,
    people: Vec<RawPerson>,
    people_at: Vec<Pos>,
    person_ids: HashMap<String, String>,
    taken_people: HashSet<String>,
    sources: HashMap<String, String>,
    taken_sources: HashSet<String>,
    source_list: Vec<RawSource>,
    tally: Tally,
}

impl Builder {
    /// One record as an event (`None`, with its problems noted, when it cannot be one).
    fn event(&mut self, r: &Record) -> Option<(RawEvent, EventAt)> {
        let find = |k: &str| r.cells.iter().find(|c| c.key == k);
        let before = self.problems.len();
        let message = find(MESSAGE);
        let (title, summary, title_at) = match message {
            Some(c) if !c.value.trim().is_empty() => {
                let (t, cut) = title_of(&c.value);
                if cut {
                    self.tally.cut += 1;
                }
                (t, cut.then(|| c.value.clone()), c.at)
            }
            Some(c) => {
                self.problems.push((c.at, "`message` is empty".into()));
                (String::new(), None, c.at)
            }
            None => {
                self.problems
                    .push((r.at, "no `message`: each record needs one".into()));
                (String::new(), None, r.at)
            }
        };
        let summary = find("annals_summary").map(|c| c.value.clone()).or(summary);
        let (date, date_at, micros, from) = self.date(r)?;
        let derived: Vec<String> = find("annals_derived")
            .and_then(|c| serde_json::from_str(&c.value).ok())
            .unwrap_or_default();
        let mut used: HashSet<&str> = HashSet::from([MESSAGE, "annals_summary"]);
        // annals' own export (its `annals_edtf` written beside the date): these were made
        // from the date and the fields, even when the datetime was edited since.
        let own = find("annals_edtf").is_some() && find("annals_id").is_some();
        if own {
            used.extend(["annals_latest", "annals_derived", TIMESTAMP]);
            used.extend(derived.iter().map(String::as_str));
            self.tally.derived += derived.len();
        }
        match from {
            DateFrom::Edtf => used.extend(["annals_edtf", DATETIME]),
            DateFrom::Datetime => used.extend([DATETIME]),
            DateFrom::Timestamp => used.extend([TIMESTAMP]),
        }
        let mut fields = Vec::new();
        let mut fields_at = Vec::new();
        // A timestamp beside the date: the same instant (not kept) or kept as a field.
        let stamp = find(TIMESTAMP).filter(|c| !c.value.trim().is_empty());
        if let (Some(c), false) = (stamp, from == DateFrom::Timestamp || own) {
            used.insert(TIMESTAMP);
            if c.value.trim().parse::<i64>().ok() == micros {
                self.tally.timestamp_agrees += 1;
            } else {
                self.tally.timestamp_kept += 1;
                fields.push((TIMESTAMP.to_string(), c.value.clone()));
                fields_at.push(c.at);
            }
        }
        let (id, id_at) = self.id(r, &mut used);
        let mut tags = Vec::new();
        // annals' own export lists its tags in `annals_tags`.
        if let Some(c) = find(DESC).filter(|_| from != DateFrom::Edtf) {
            let t = tag_of(&c.value);
            if !t.is_empty() {
                tags.push(t);
            }
        }
        let mut people = Vec::new();
        let mut people_at = r.at;
        let mut places = Vec::new();
        let mut citations = vec![RawCite {
            source: SOURCE_ID.to_string(),
            locator: Some(format!("line {}", r.at.line)),
            quote: None,
            date: None,
            note: None,
            quality: None,
        }];
        for c in &r.cells {
            if used.contains(c.key.as_str()) {
                continue;
            }
            if c.value.is_empty() {
                self.tally.empty += 1;
                continue;
            }
            let list = || serde_json::from_str::<Vec<String>>(&c.value).ok();
            match (c.key.as_str(), list()) {
                ("annals_tags", Some(v)) => {
                    tags.extend(v.into_iter().filter(|t| !t.trim().is_empty()));
                }
                ("annals_places", Some(v)) => {
                    places.extend(v.into_iter().filter(|t| !t.trim().is_empty()));
                }
                ("annals_people", Some(v)) => {
                    people_at = c.at;
                    for name in v.into_iter().filter(|t| !t.trim().is_empty()) {
                        people.push(self.person(&name, c.at));
                    }
                }
                ("annals_sources", Some(v)) => {
                    for title in v.into_iter().filter(|t| !t.trim().is_empty()) {
                        let source = self.source(&title);
                        if !citations.iter().any(|x| x.source == source) {
                            citations.push(RawCite {
                                source,
                                ..citations[0].clone()
                            });
                        }
                    }
                }
                _ => {
                    // annals' own export wrote a field named like its attributes
                    // `field_NAME`.
                    let key = if own {
                        names::field_of_attribute(&c.key)
                    } else {
                        c.key.as_str()
                    };
                    let name = field_name(key);
                    if name != c.key && key == c.key {
                        self.tally.renamed.insert(c.key.clone(), name.clone());
                    }
                    *self.tally.fields.entry(name.clone()).or_default() += 1;
                    fields.push((name, c.value.clone()));
                    fields_at.push(c.at);
                }
            }
        }
        dedup(&mut tags);
        dedup(&mut places);
        dedup(&mut people);
        if citations.len() > 1 || own {
            // annals' own export names the event's sources (in annals_sources, none when
            // it cited none): those, not the file, say so.
            citations.remove(0);
            self.tally.own_sources += 1;
        }
        if self.problems.len() > before {
            return None;
        }
        let (fields, fields_at) = crate::load::syntax::merge_fields_at(fields, fields_at);
        let event = RawEvent {
            id,
            date,
            title,
            summary,
            people,
            places,
            tags,
            citations,
            links: Vec::new(),
            display_date: None,
            media: Vec::new(),
            fields: Fields(fields),
        };
        let at = EventAt {
            start: r.at,
            id: id_at,
            date: date_at,
            title: title_at,
            people: people_at,
            fields: fields_at,
        };
        Some((event, at))
    }

    /// The record's date (annals' own `annals_edtf`, else `datetime`, else `timestamp`),
    /// where it was read, and its instant in microseconds.
    fn date(&mut self, r: &Record) -> Option<(String, Pos, Option<i64>, DateFrom)> {
        let find = |k: &str| {
            r.cells
                .iter()
                .find(|c| c.key == k && !c.value.trim().is_empty())
        };
        if let Some(c) = find("annals_edtf")
            && let Ok(e) = crate::domain::Edtf::parse(c.value.trim())
        {
            let edtf = c.value.trim().to_string();
            let micros = find(DATETIME).and_then(|d| datetime(&d.value).ok());
            let micros = micros.and_then(|(d, _)| micros_of(&d));
            // annals wrote `datetime` as the date's first instant (its last for an open
            // start): one that says otherwise was changed since, and wins.
            let (a, b) = e.span();
            let written = a.or(b).map(|i| i.0);
            let changed = micros.is_some_and(|m| Some(m.div_euclid(1_000_000)) != written);
            if !changed {
                self.tally.from_edtf += 1;
                return Some((edtf, c.at, micros, DateFrom::Edtf));
            }
            self.tally.edtf_set_aside += 1;
        }
        let got = if let Some(c) = find(DATETIME) {
            datetime(&c.value).map(|(d, how)| {
                if how == Offset::Assumed {
                    self.tally.assumed_utc += 1;
                }
                (d, c.at, DateFrom::Datetime)
            })
        } else if let Some(c) = find(TIMESTAMP) {
            self.tally.from_timestamp += 1;
            timestamp(&c.value).map(|d| (d, c.at, DateFrom::Timestamp))
        } else {
            Err("no `datetime` (or `timestamp`): each record needs a date".to_string())
        };
        match got {
            Ok((d, at, from)) => {
                let micros = micros_of(&d);
                Some((d, at, micros, from))
            }
            Err(msg) => {
                let at = find(DATETIME).or(find(TIMESTAMP)).map_or(r.at, |c| c.at);
                self.problems.push((at, msg));
                None
            }
        }
    }

    /// The event's id: `annals_id`, `_id` or `id` when usable (made unique), else
    /// `ts-LINE`. An id attribute changed on the way is kept as a field.
    fn id(&mut self, r: &Record, used: &mut HashSet<&str>) -> (String, Pos) {
        let given = ID_KEYS.iter().find_map(|k| {
            r.cells
                .iter()
                .find(|c| c.key == *k && !c.value.trim().is_empty())
        });
        let base = match given {
            Some(c) => {
                self.tally.ids_given += 1;
                let ok = |ch: char| {
                    !(ch.is_whitespace() || ch.is_control() || is_unsafe(ch) || is_invisible(ch))
                };
                if c.value.chars().all(ok) {
                    c.value.clone()
                } else {
                    slug(&c.value)
                }
            }
            None => String::new(),
        };
        let base = if base.is_empty() {
            format!("ts-{}", r.at.line)
        } else {
            base
        };
        let id = unique(&base, &mut self.ids);
        match given {
            Some(c) if id == c.value => {
                used.insert(
                    ID_KEYS
                        .iter()
                        .find(|k| **k == c.key)
                        .copied()
                        .unwrap_or("id"),
                );
            }
            Some(_) => self.tally.ids_changed += 1,
            None => {}
        }
        (id, given.map_or(r.at, |c| c.at))
    }

    /// The id of the person named `name` (made on first sight).
    fn person(&mut self, name: &str, at: Pos) -> String {
        if let Some(id) = self.person_ids.get(name) {
            return id.clone();
        }
        let mut base = slug(name);
        if base.is_empty() {
            base = format!("person-{}", self.people.len() + 1);
        }
        let id = unique(&base, &mut self.taken_people);
        self.people.push(RawPerson {
            id: id.clone(),
            name: name.to_string(),
            aliases: Vec::new(),
            born: None,
            died: None,
            note: None,
        });
        self.people_at.push(at);
        self.person_ids.insert(name.to_string(), id.clone());
        id
    }

    /// The id of the source titled `title` (made on first sight).
    fn source(&mut self, title: &str) -> String {
        if let Some(id) = self.sources.get(title) {
            return id.clone();
        }
        let mut base = slug(title);
        if base.is_empty() {
            base = format!("source-{}", self.source_list.len() + 1);
        }
        let id = unique(&base, &mut self.taken_sources);
        self.source_list
            .push(RawSource::titled(id.clone(), title.to_string()));
        self.sources.insert(title.to_string(), id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_located_in_their_records() {
        let src = "message,datetime,user name\r\n\"a\nb\",2021-01-01T00:00:00Z,x\r\nc,2021-01-02T00:00:00Z,y\r\n";
        let date = [Seg::Field("events"), Seg::Index(1), Seg::Field("date")];
        let field = [
            Seg::Field("events"),
            Seg::Index(1),
            Seg::Field("fields"),
            Seg::Index(0),
        ];
        let cite = [
            Seg::Field("events"),
            Seg::Index(0),
            Seg::Field("citations"),
            Seg::Index(0),
            Seg::Field("source"),
        ];
        let found = Timesketch.locate(src, &[&date, &field, &cite]);
        let at = |p: Pos| (p.line, p.col);
        assert_eq!(at(found[0]), (4, 3));
        assert_eq!(at(found[1]), (4, 24));
        assert_eq!(at(found[2]), (2, 1));
        let t = Timesketch.parse(src).unwrap();
        assert_eq!(
            t.events[1].fields.0,
            [("user_name".to_string(), "y".to_string())]
        );
        assert_eq!(t.events[0].id, "ts-2");
    }
}
