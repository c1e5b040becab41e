//! annals' own `export --format csv`, read back exactly: ids, dates as written, people and
//! sources with their names, places, tags, citations and links. Its cells join lists with
//! `; `; when a value cannot be told back from its cell (a name holding `; `, a citation's
//! quote or note, a link's note, an event's display date, media and fields) the export
//! adds it to the row's `details` cell (JSON), which is read only where the cell it
//! stands for was left as exported (an edited cell wins, and the report says so).

use super::{Built, EventOrigin, Origins, Pos, Read, TITLE, Table};
use crate::domain::LinkKind;
use crate::load::raw::{
    Fields, RawCite, RawEvent, RawLink, RawMedia, RawPerson, RawSource, RawTimeline,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The column after the others, holding what their cells cannot carry exactly.
pub const DETAILS: &str = "details";

/// The CSV export's columns (`export --format csv` writes them; the first 15 are also the
/// keys of `search --format json`).
pub const COLUMNS: [&str; 16] = [
    "id",
    "date",
    "when",
    "earliest",
    "latest",
    "title",
    "summary",
    "people",
    "people_names",
    "places",
    "tags",
    "sources",
    "source_titles",
    "citations",
    "links",
    DETAILS,
];

/// An exported row's values, for [`details`].
#[derive(Debug)]
pub struct Values<'a> {
    /// Person ids.
    pub people: &'a [String],
    /// Person names.
    pub people_names: &'a [String],
    /// Place names.
    pub places: &'a [String],
    /// Tags.
    pub tags: &'a [String],
    /// Source ids.
    pub sources: &'a [String],
    /// Source titles.
    pub source_titles: &'a [String],
    /// Citations.
    pub citations: &'a [RawCite],
    /// Links.
    pub links: &'a [RawLink],
    /// The display date.
    pub display_date: Option<&'a str>,
    /// Media.
    pub media: &'a [RawMedia],
    /// Fields.
    pub fields: &'a Fields,
}

/// What a row's cells cannot carry exactly, as the export writes it in `details`.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    people: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    people_names: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    places: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sources: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_titles: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    citations: Option<Vec<RawCite>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    links: Option<Vec<RawLink>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    media: Vec<RawMedia>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    fields: Fields,
}

/// Whether `header` is the export's own (with `details`, or without it as annals wrote
/// it before the column existed).
pub fn is_own(header: &[String]) -> bool {
    let n = header.len();
    (n == COLUMNS.len() || n == COLUMNS.len() - 1)
        && header.iter().zip(COLUMNS).all(|(h, c)| h == c)
}

/// A list cell: items joined with `; `.
pub fn join(items: &[String]) -> String {
    items.join("; ")
}

/// A list cell's items (split on `; `).
fn split(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split("; ").map(str::to_string).collect()
    }
}

/// The citations cell: each `SOURCE LOCATOR` (or `SOURCE`).
pub fn cites_cell(cites: &[RawCite]) -> String {
    let items: Vec<String> = cites
        .iter()
        .map(|c| match &c.locator {
            Some(l) => format!("{} {l}", c.source),
            None => c.source.clone(),
        })
        .collect();
    join(&items)
}

fn cites(cell: &str) -> Vec<RawCite> {
    split(cell)
        .into_iter()
        .map(|item| {
            let (source, locator) = match item.split_once(' ') {
                Some((s, l)) => (s.to_string(), Some(l.to_string())),
                None => (item, None),
            };
            RawCite {
                source,
                locator,
                quote: None,
                date: None,
                note: None,
                quality: None,
            }
        })
        .collect()
}

/// The links cell: each `KIND TO`.
pub fn links_cell(links: &[RawLink]) -> String {
    let items: Vec<String> = links
        .iter()
        .map(|l| format!("{} {}", l.kind.name(), l.to))
        .collect();
    join(&items)
}

fn links(cell: &str) -> Result<Vec<RawLink>, String> {
    split(cell)
        .into_iter()
        .map(|item| {
            let (kind, to) = item.split_once(' ').unwrap_or((item.as_str(), ""));
            let Some(kind) = LinkKind::ALL.into_iter().find(|k| k.name() == kind) else {
                let kinds: Vec<&str> = LinkKind::ALL.iter().map(|k| k.name()).collect();
                return Err(format!(
                    "cannot read the link `{item}`: write KIND EVENT-ID, KIND one of {}",
                    kinds.join(", ")
                ));
            };
            Ok(RawLink {
                to: to.to_string(),
                kind,
                note: None,
            })
        })
        .collect()
}

/// The `details` cell of an exported row: JSON of what its cells cannot carry; empty when
/// they carry it all.
pub fn details(r: &Values<'_>) -> String {
    let lossy = |v: &[String]| (split(&join(v)) != v).then(|| v.to_vec());
    let d = Details {
        people: lossy(r.people),
        people_names: lossy(r.people_names),
        places: lossy(r.places),
        tags: lossy(r.tags),
        sources: lossy(r.sources),
        source_titles: lossy(r.source_titles),
        citations: (cites(&cites_cell(r.citations)) != r.citations).then(|| r.citations.to_vec()),
        links: (links(&links_cell(r.links)).ok().as_deref() != Some(r.links))
            .then(|| r.links.to_vec()),
        display_date: r.display_date.map(str::to_string),
        media: r.media.to_vec(),
        fields: r.fields.clone(),
    };
    if d == Details::default() {
        String::new()
    } else {
        serde_json::to_string(&d).expect("plain data serializes")
    }
}

/// Build the timeline of an export read back.
pub(super) fn build(t: &Table) -> Built {
    let mut origins = Origins::default();
    let mut problems = Vec::new();
    let mut report = vec![
        "annals' own CSV export: read as written (`when`, `earliest` and `latest` follow from \
         `date` and are not read)"
            .to_string(),
    ];
    let mut people: Vec<RawPerson> = Vec::new();
    let mut person_ix: HashMap<String, usize> = HashMap::new();
    let mut sources: Vec<RawSource> = Vec::new();
    let mut source_ix: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    for row in &t.rows {
        let cell = |i: usize| row.cells.get(i).map_or("", String::as_str);
        let at = |col: usize| Pos {
            line: row.line,
            col,
        };
        let mut d = Details::default();
        if !cell(15).trim().is_empty() {
            match serde_json::from_str::<Details>(cell(15)) {
                Ok(v) => d = v,
                Err(e) => problems.push((at(16), format!("cannot read the details cell: {e}"))),
            }
        }
        let mut edited = Vec::new();
        let mut list = |name: &'static str, i: usize, kept: Option<Vec<String>>| match kept {
            Some(v) if join(&v) == cell(i) => v,
            Some(_) => {
                edited.push(name);
                split(cell(i))
            }
            None => split(cell(i)),
        };
        let person_ids = list("people", 7, d.people.take());
        let names = list("people_names", 8, d.people_names.take());
        let places = list("places", 9, d.places.take());
        let tags = list("tags", 10, d.tags.take());
        let source_ids = list("sources", 11, d.sources.take());
        let titles = list("source_titles", 12, d.source_titles.take());
        if names.len() != person_ids.len() {
            problems.push((
                at(9),
                format!(
                    "{} people but {} names: `people_names` has a name for each id in `people`",
                    person_ids.len(),
                    names.len()
                ),
            ));
        }
        if titles.len() != source_ids.len() {
            problems.push((
                at(13),
                format!(
                    "{} sources but {} titles: `source_titles` has a title for each id in `sources`",
                    source_ids.len(),
                    titles.len()
                ),
            ));
        }
        for (id, name) in person_ids.iter().zip(&names) {
            if let Some(&i) = person_ix.get(id)
                && people[i].name != *name
            {
                report.push(format!(
                    "line {}: `{id}` is named `{name}` here and `{}` before: the first name is \
                     kept",
                    row.line, people[i].name
                ));
            }
            if !person_ix.contains_key(id) {
                person_ix.insert(id.clone(), people.len());
                origins.people.push(at(8));
                people.push(RawPerson {
                    id: id.clone(),
                    name: name.clone(),
                    aliases: Vec::new(),
                    born: None,
                    died: None,
                    note: None,
                });
            }
        }
        for (id, title) in source_ids.iter().zip(&titles) {
            new_source(&mut sources, &mut source_ix, id, title);
            if origins.sources.len() < sources.len() {
                origins.sources.push(at(12));
            }
        }
        let citations = match d.citations.take() {
            Some(c) if cites_cell(&c) == cell(13) => c,
            other => {
                if other.is_some() {
                    edited.push("citations");
                }
                cites(cell(13))
            }
        };
        for c in &citations {
            if new_source(&mut sources, &mut source_ix, &c.source, &c.source) {
                origins.sources.push(at(14));
                report.push(format!(
                    "line {}: source `{}` is cited but not in `sources`: created, titled by its id",
                    row.line, c.source
                ));
            }
        }
        let links = match d.links.take() {
            Some(l) if links_cell(&l) == cell(14) => l,
            other => {
                if other.is_some() {
                    edited.push("links");
                }
                links(cell(14)).unwrap_or_else(|m| {
                    problems.push((at(15), m));
                    Vec::new()
                })
            }
        };
        if !edited.is_empty() {
            report.push(format!(
                "line {}: {} edited since the export: read from the cell (what only `details` \
                 held for it, such as quotes and notes, is left out)",
                row.line,
                edited.join(", ")
            ));
        }
        let mut origin = EventOrigin {
            line: row.line,
            cols: vec![
                ("id", 1),
                ("date", 2),
                ("title", 6),
                ("summary", 7),
                ("people", 8),
                ("places", 10),
                ("tags", 11),
                ("citations", 14),
                ("links", 15),
                ("display_date", 16),
                ("media", 16),
            ],
            fields: Vec::new(),
        };
        origin.fields = vec![16; d.fields.0.len()];
        origins.events.push(origin);
        events.push(RawEvent {
            id: cell(0).to_string(),
            date: cell(1).to_string(),
            title: cell(5).to_string(),
            summary: Some(cell(6).to_string()).filter(|s| !s.is_empty()),
            people: person_ids,
            places,
            tags,
            citations,
            links,
            display_date: d.display_date,
            media: d.media,
            fields: d.fields,
        });
    }
    if !problems.is_empty() {
        return (Err(problems), origins);
    }
    report.push(format!(
        "{} people and {} sources by their ids and names; the timeline is titled `{TITLE}` (the \
         CSV export has no title): change it in the RON",
        people.len(),
        sources.len()
    ));
    let timeline = RawTimeline {
        title: TITLE.to_string(),
        description: None,
        people,
        sources,
        places: Vec::new(),
        terms: Vec::new(),
        eras: Vec::new(),
        events,
    };
    (Ok(Read::new(timeline, report)), origins)
}

/// Add source `id` titled `title` unless known; whether it was added.
fn new_source(
    sources: &mut Vec<RawSource>,
    ix: &mut HashMap<String, usize>,
    id: &str,
    title: &str,
) -> bool {
    if ix.contains_key(id) {
        return false;
    }
    ix.insert(id.to_string(), sources.len());
    sources.push(RawSource::titled(id.to_string(), title.to_string()));
    true
}
