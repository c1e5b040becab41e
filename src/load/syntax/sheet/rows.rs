//! Anyone's sheet: each row an event, its cells placed by the header ([`super::columns`]);
//! dates made EDTF ([`super::dates`]); people, places and sources created from their
//! names (a source per distinct name or URL) with stable ids; every other column kept in
//! the event's `fields`.

use super::columns::{self, Role};
use super::{Built, EventOrigin, Ids, Origins, Pos, Read, TITLE, Table, dates};
use crate::load::raw::{Fields, RawCite, RawEvent, RawPerson, RawSource, RawTimeline};
use std::collections::HashMap;

/// The people named so far.
#[derive(Default)]
struct People {
    list: Vec<RawPerson>,
    by_name: HashMap<String, usize>,
    ids: Ids,
}

impl People {
    /// The id of the person called `name` (created the first time).
    fn id(&mut self, name: &str, at: Pos, origins: &mut Origins) -> String {
        if let Some(&i) = self.by_name.get(name) {
            return self.list[i].id.clone();
        }
        let id = self.ids.new_id(name, "person");
        self.by_name.insert(name.to_string(), self.list.len());
        origins.people.push(at);
        self.list.push(RawPerson {
            id: id.clone(),
            name: name.to_string(),
            aliases: Vec::new(),
            born: None,
            died: None,
            note: None,
        });
        id
    }
}

/// The sources named so far: one per distinct name or URL.
#[derive(Default)]
struct Sources {
    list: Vec<RawSource>,
    by_name: HashMap<String, usize>,
    by_url: HashMap<String, usize>,
    ids: Ids,
}

impl Sources {
    /// The id of the source called `name` or found at `url` (either may be empty, not
    /// both): the same URL is the same source; so is the same name, unless the two URLs
    /// differ.
    fn id(&mut self, name: &str, url: &str, at: Pos, origins: &mut Origins) -> String {
        let by_name = self.by_name.get(name).copied();
        let found = if url.is_empty() {
            by_name
        } else {
            self.by_url
                .get(url)
                .copied()
                .or_else(|| by_name.filter(|&i| self.list[i].url.is_none()))
        };
        let i = match found {
            Some(i) => i,
            None => {
                let title = if name.is_empty() { url } else { name };
                let bare = title
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_start_matches("www.");
                let id = self.ids.new_id(bare, "source");
                origins.sources.push(at);
                self.list.push(RawSource::titled(id, title.to_string()));
                self.list.len() - 1
            }
        };
        let s = &mut self.list[i];
        if !url.is_empty() && s.url.is_none() {
            s.url = Some(url.to_string());
            self.by_url.insert(url.to_string(), i);
        }
        if !name.is_empty() {
            if s.url.as_deref() == Some(s.title.as_str()) {
                s.title = name.to_string();
            }
            self.by_name.entry(name.to_string()).or_insert(i);
        }
        s.id.clone()
    }
}

/// A list cell's items: split on `;` (or on `|` when it has no `;`), trimmed, empty
/// items left out.
fn split(cell: &str) -> Vec<String> {
    let sep = if cell.contains(';') { ';' } else { '|' };
    cell.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Build the timeline of a sheet with the `--map` pairs `map`.
pub(super) fn build(t: &Table, map: &[(String, String)]) -> Built {
    let mut origins = Origins::default();
    let cols = match columns::resolve(&t.header, map) {
        Ok(c) => c,
        Err(problems) => {
            let at = Pos {
                line: t.header_line,
                col: 1,
            };
            return (
                Err(problems.into_iter().map(|m| (at, m)).collect()),
                origins,
            );
        }
    };
    // Columns that fill no field go to each event's fields, named after the column.
    let mut names: Vec<String> = Vec::new();
    let mut extra: Vec<(usize, String)> = Vec::new();
    for (i, r) in cols.roles.iter().enumerate() {
        if r.is_none() {
            let base = columns::field_name(&t.header[i], i + 1);
            let mut name = base.clone();
            let mut n = 1;
            while names.contains(&name) {
                n += 1;
                name = format!("{base}_{n}");
            }
            names.push(name.clone());
            extra.push((i, name));
        }
    }
    let mut event_ids = Ids::default();
    if let Some(c) = cols.of(Role::Id) {
        for row in &t.rows {
            if let Some(id) = row.cells.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                event_ids.take(id);
            }
        }
    }
    let mut people = People::default();
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let mut events = Vec::new();
    let mut loose_cites = 0;
    let width = t.header.len();
    // A quoted newline from a Windows sheet is a newline, not `\r\n`.
    let normalised: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.replace("\r\n", "\n")).collect())
        .collect();
    for (row, cells) in t.rows.iter().zip(&normalised) {
        let at = |col: usize| Pos {
            line: row.line,
            col: col + 1,
        };
        for (i, c) in cells.iter().enumerate().skip(width) {
            if !c.trim().is_empty() {
                problems.push((
                    at(i),
                    format!(
                        "this cell is beyond the header's {width} columns: give its column a \
                         name in the header"
                    ),
                ));
            }
        }
        let get = |role: Role| {
            cols.of(role)
                .map(|c| (cells.get(c).map_or("", |s| s.as_str()), c))
        };
        let text = |role: Role| get(role).map_or("", |(s, _)| s.trim());
        let mut origin = EventOrigin {
            line: row.line,
            ..EventOrigin::default()
        };
        for (role, field) in [
            (Role::Id, "id"),
            (Role::Date, "date"),
            (Role::Title, "title"),
            (Role::Summary, "summary"),
            (Role::People, "people"),
            (Role::Places, "places"),
            (Role::Tags, "tags"),
            (Role::Source, "citations"),
            (Role::DisplayDate, "display_date"),
        ] {
            if let Some(c) = cols.of(role) {
                origin.cols.push((field, c + 1));
            }
        }
        if cols.of(Role::Source).is_none()
            && let Some(c) = cols.of(Role::Url)
        {
            origin.cols.push(("citations", c + 1));
        }
        let date = date_of(&get, &at).unwrap_or_else(|e| {
            problems.push(e);
            // Any valid date, so that the checks of the rest run without repeating this
            // problem; the timeline is never used while there are problems.
            "XXXX".to_string()
        });
        let title = text(Role::Title).to_string();
        let id = match text(Role::Id) {
            "" => event_ids.new_id(&title, "event"),
            id => id.to_string(),
        };
        let mut ev = RawEvent {
            id,
            date,
            title,
            summary: Some(text(Role::Summary).to_string()).filter(|s| !s.is_empty()),
            display_date: Some(text(Role::DisplayDate).to_string()).filter(|s| !s.is_empty()),
            places: split(text(Role::Places)),
            tags: split(text(Role::Tags)),
            ..empty_event()
        };
        if let Some((cell, c)) = get(Role::People) {
            for name in split(cell) {
                let pid = people.id(&name, at(c), &mut origins);
                if !ev.people.contains(&pid) {
                    ev.people.push(pid);
                }
            }
        }
        let (name, url) = (text(Role::Source), text(Role::Url));
        let (locator, quote) = (text(Role::Locator), text(Role::Quote));
        let opt = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        if !name.is_empty() || !url.is_empty() {
            let c = cols.of(Role::Source).or(cols.of(Role::Url)).unwrap_or(0);
            let source = sources.id(name, url, at(c), &mut origins);
            ev.citations.push(RawCite {
                source,
                locator: opt(locator),
                quote: opt(quote),
                date: None,
                note: None,
                quality: None,
            });
        } else {
            for role in [Role::Locator, Role::Quote] {
                if let Some((cell, c)) = get(role)
                    && !cell.trim().is_empty()
                {
                    loose_cites += 1;
                    ev.fields
                        .0
                        .push((role.name().to_string(), cell.trim().to_string()));
                    origin.fields.push(c + 1);
                }
            }
        }
        for (c, name) in &extra {
            if let Some(v) = cells.get(*c).filter(|v| !v.trim().is_empty()) {
                ev.fields.0.push((name.clone(), v.clone()));
                origin.fields.push(c + 1);
            }
        }
        events.push(ev);
        origins.events.push(origin);
    }
    let mut report = vec![format!("columns: {}", cols.how.join(", "))];
    if !extra.is_empty() {
        let kept: Vec<String> = extra
            .iter()
            .map(|(c, n)| format!("{} as `{n}`", t.header[*c]))
            .collect();
        report.push(format!("kept in each event's fields: {}", kept.join(", ")));
    }
    if loose_cites > 0 {
        report.push(format!(
            "{loose_cites} locator or quote cell(s) in rows without a source or URL kept in fields"
        ));
    }
    report.push(format!(
        "created {} people and {} sources from their names (a source per name or URL)",
        people.list.len(),
        sources.list.len()
    ));
    report.push(format!(
        "the timeline is titled `{TITLE}` (a sheet has no title): change it in the RON"
    ));
    let timeline = RawTimeline {
        title: TITLE.to_string(),
        description: None,
        people: people.list,
        sources: sources.list,
        places: Vec::new(),
        terms: Vec::new(),
        eras: Vec::new(),
        events,
    };
    (
        Ok(Read {
            problems,
            ..Read::new(timeline, report)
        }),
        origins,
    )
}

/// The EDTF date of a row: its date (and time), and its end (and end time) as an interval.
fn date_of<'a>(
    get: &dyn Fn(Role) -> Option<(&'a str, usize)>,
    at: &dyn Fn(usize) -> Pos,
) -> Result<String, (Pos, String)> {
    let one = |date: Role, time: Role| -> Result<String, (Pos, String)> {
        let (cell, c) = get(date).unwrap_or(("", 0));
        let d = dates::date(cell).map_err(|m| (at(c), m))?;
        match get(time) {
            Some((t, tc)) => dates::with_time(&d, t).map_err(|m| (at(tc), m)),
            None => Ok(d),
        }
    };
    let start = one(Role::Date, Role::Time)?;
    match get(Role::End) {
        Some((end, ec)) if !end.trim().is_empty() => {
            let end = one(Role::End, Role::EndTime)?;
            dates::interval(&start, &end).map_err(|m| (at(ec), m))
        }
        _ => Ok(start),
    }
}

/// An event with nothing in it, to fill in.
pub(super) fn empty_event() -> RawEvent {
    RawEvent {
        id: String::new(),
        date: String::new(),
        title: String::new(),
        summary: None,
        people: Vec::new(),
        places: Vec::new(),
        tags: Vec::new(),
        citations: Vec::new(),
        links: Vec::new(),
        display_date: None,
        media: Vec::new(),
        fields: Fields::default(),
    }
}
