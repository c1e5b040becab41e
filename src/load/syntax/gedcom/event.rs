//! GEDCOM events and facts (of an individual or a family) turned into annals events with
//! a readable title, their date converted, places, notes, citations and media, and every
//! other substructure kept as a named field. An event without a date annals can place
//! becomes a line in its people's notes instead (annals events need a date).

use super::build::{B, METADATA};
use super::date;
use super::unique;
use crate::load::raw::{Fields, RawCite, RawEvent, RawMedia, RawPlace, RawSource};

/// Individual events and attributes, and what a title calls them.
const INDIVIDUAL: &[(&str, &str)] = &[
    ("BIRT", "Birth"),
    ("DEAT", "Death"),
    ("ADOP", "Adoption"),
    ("BAPM", "Baptism"),
    ("BARM", "Bar mitzvah"),
    ("BASM", "Bat mitzvah"),
    ("BLES", "Blessing"),
    ("BURI", "Burial"),
    ("CENS", "Census"),
    ("CHR", "Christening"),
    ("CHRA", "Adult christening"),
    ("CONF", "Confirmation"),
    ("CREM", "Cremation"),
    ("EMIG", "Emigration"),
    ("FCOM", "First communion"),
    ("GRAD", "Graduation"),
    ("IMMI", "Immigration"),
    ("NATU", "Naturalization"),
    ("ORDN", "Ordination"),
    ("PROB", "Probate"),
    ("RETI", "Retirement"),
    ("WILL", "Will"),
    ("EVEN", "Event"),
    ("BAPL", "LDS baptism"),
    ("CONL", "LDS confirmation"),
    ("ENDL", "LDS endowment"),
    ("INIL", "LDS initiatory"),
    ("SLGC", "LDS sealing to parents"),
    ("CAST", "Caste"),
    ("DSCR", "Description"),
    ("EDUC", "Education"),
    ("IDNO", "Identification number"),
    ("NATI", "Nationality"),
    ("NCHI", "Number of children"),
    ("NMR", "Number of marriages"),
    ("OCCU", "Occupation"),
    ("PROP", "Property"),
    ("RELI", "Religion"),
    ("RESI", "Residence"),
    ("SSN", "Social security number"),
    ("TITL", "Title"),
    ("FACT", "Fact"),
];

/// Family events, and what a title calls them.
const FAMILY: &[(&str, &str)] = &[
    ("MARR", "Marriage"),
    ("DIV", "Divorce"),
    ("ANUL", "Annulment"),
    ("DIVF", "Divorce filed"),
    ("ENGA", "Engagement"),
    ("MARB", "Marriage banns"),
    ("MARC", "Marriage contract"),
    ("MARL", "Marriage licence"),
    ("MARS", "Marriage settlement"),
    ("CENS", "Census"),
    ("RESI", "Residence"),
    ("NCHI", "Number of children"),
    ("SLGS", "LDS sealing of spouses"),
    ("EVEN", "Event"),
    ("FACT", "Fact"),
];

/// Whether `tag` is an event or fact of an individual (or of a family).
pub fn is_event(tag: &str, family: bool) -> bool {
    let list = if family { FAMILY } else { INDIVIDUAL };
    list.iter().any(|(t, _)| *t == tag)
}

fn noun(tag: &str) -> &'static str {
    INDIVIDUAL
        .iter()
        .chain(FAMILY)
        .find(|(t, _)| *t == tag)
        .map_or("Event", |(_, n)| n)
}

impl B<'_> {
    /// Map the event or fact at `i` of the people `who` (named `label`; ids start
    /// with `owner`).
    pub fn event(&mut self, i: usize, who: &[usize], label: &str, owner: &str) {
        let t = self.t;
        let n = t.node(i);
        let tag = n.tag.as_str();
        let kind = t.text(i, "TYPE");
        let noun = match (tag, kind) {
            ("EVEN" | "FACT", Some(k)) => k.to_string(),
            _ => noun(tag).to_string(),
        };
        let value = n
            .value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "Y");
        let mut title = format!("{noun} of {label}");
        if let Some(v) = value {
            title = format!("{title}: {v}");
        }
        let date_node = t.child(i, "DATE");
        let date_text = date_node
            .and_then(|d| t.node(d).value.clone())
            .unwrap_or_default();
        let mut unreadable = false;
        let read = match date_node {
            Some(d) => {
                let time = t.text(d, "TIME");
                match date::read(&date_text, time) {
                    Ok(r) => r,
                    Err(e) => {
                        self.errors.push((t.node(d).value_at, e));
                        // Any date, so that the rest of the event (its citations …) is still
                        // checked in this run; the timeline is never used with an error.
                        unreadable = true;
                        date::Read {
                            edtf: Some("XXXX".to_string()),
                            ..date::Read::default()
                        }
                    }
                }
            }
            None => date::Read::default(),
        };
        let Some(edtf) = read.edtf.clone() else {
            self.undated(i, who, &title, &date_text, &read.notes);
            return;
        };
        for &k in read.kinds.iter().filter(|_| !unreadable) {
            *self.kinds.entry(k).or_default() += 1;
        }
        let e = self.events.len();
        let here = |f: &str| format!("events.{e}.{f}");
        self.pos.insert(format!("events.{e}"), n.at);
        if let Some(d) = date_node {
            self.pos.insert(here("date"), t.node(d).value_at);
        }
        for &p in who.iter().filter(|_| !unreadable) {
            let at = date_node.map_or(n.at, |d| t.node(d).value_at);
            let person = &mut self.people[p];
            let slot = match tag {
                "BIRT" => Some((&mut person.born, "born")),
                "DEAT" => Some((&mut person.died, "died")),
                _ => None,
            };
            if let Some((slot, name)) = slot
                && slot.is_none()
            {
                *slot = Some(edtf.clone());
                self.pos.insert(format!("people.{p}.{name}"), at);
            }
        }
        let id = unique(&mut self.ids, &format!("{owner}-{}", tag.to_lowercase()));
        let mut ev = RawEvent {
            id,
            date: edtf,
            title,
            summary: None,
            people: who.iter().map(|&p| self.people[p].id.clone()).collect(),
            places: Vec::new(),
            tags: vec![tag.to_lowercase()],
            citations: Vec::new(),
            links: Vec::new(),
            display_date: (!read.kinds.is_empty() || !read.notes.is_empty())
                .then(|| date_text.trim().to_string()),
            media: Vec::new(),
            fields: Fields::default(),
        };
        let mut fields = Vec::new();
        if let Some(v) = value {
            fields.push((tag.to_lowercase(), v.to_string()));
        }
        for note in &read.notes {
            fields.push(("date_note".to_string(), note.clone()));
        }
        let mut summary = Vec::new();
        for &c in &n.children {
            let cn = t.node(c);
            match cn.tag.as_str() {
                "DATE" => {
                    for &k in &cn.children {
                        if t.node(k).tag == "PHRASE" {
                            let p = t.node(k).value.clone().unwrap_or_default();
                            fields.push(("date_phrase".to_string(), p));
                        } else if t.node(k).tag != "TIME" {
                            self.flatten(k, "date.", &mut fields);
                        }
                    }
                }
                "PLAC" => {
                    if let Some(name) = self.place(c) {
                        self.pos
                            .insert(here(&format!("places.{}", ev.places.len())), cn.value_at);
                        if !ev.places.contains(&name) {
                            ev.places.push(name);
                        }
                    }
                }
                "NOTE" | "SNOTE" => summary.extend(self.note_text(c)),
                "SOUR" => {
                    let j = ev.citations.len();
                    if let Some(cite) = self.cite(c) {
                        self.pos.insert(here(&format!("citations.{j}")), cn.at);
                        self.pos
                            .insert(here(&format!("citations.{j}.source")), cn.value_at);
                        ev.citations.push(cite);
                    }
                }
                "OBJE" => self.media(c, &mut ev.media, &mut fields),
                tag if METADATA.contains(&tag) => self.flatten(c, "", &mut fields),
                tag => {
                    let before = fields.len();
                    self.flatten(c, "", &mut fields);
                    if fields.len() > before {
                        *self.field_tags.entry(tag.to_string()).or_default() += 1;
                    }
                }
            }
        }
        ev.summary = Some(summary.join("\n\n")).filter(|s| !s.is_empty());
        ev.fields = Fields(crate::load::syntax::merge_fields(fields));
        *self.event_count.entry(tag.to_string()).or_default() += 1;
        self.events.push(ev);
    }

    /// An event or fact with no date annals can place: a line in each person's note.
    fn undated(&mut self, i: usize, who: &[usize], title: &str, date: &str, notes: &[String]) {
        let t = self.t;
        let mut parts = vec![title.to_string()];
        if !date.trim().is_empty() {
            parts.push(format!("date {}", date.trim()));
        }
        parts.extend(
            notes
                .iter()
                .filter(|n| !n.starts_with("date phrase:"))
                .cloned(),
        );
        for &c in &t.node(i).children {
            match t.node(c).tag.as_str() {
                "DATE" | "TYPE" => {}
                "NOTE" | "SNOTE" => parts.extend(self.note_text(c)),
                "PLAC" => parts.extend(self.place(c).map(|p| format!("at {p}"))),
                _ => parts.extend(self.note_lines(c, "")),
            }
        }
        let line = parts.join("; ");
        self.undated += 1;
        if who.is_empty() {
            self.description.push(line.clone());
        }
        for &p in who {
            self.person_notes[p].push(line.clone());
        }
    }

    /// A citation (`SOUR @S1@` with `PAGE`, `QUAY`, `DATA` …), or none for `@VOID@`.
    fn cite(&mut self, c: usize) -> Option<RawCite> {
        let t = self.t;
        let n = t.node(c);
        let source = match (&n.pointer, &n.value) {
            (Some(p), _) if p == "VOID" => {
                self.void += 1;
                return None;
            }
            (Some(p), _) => self
                .source_of
                .get(p.as_str())
                .cloned()
                .unwrap_or_else(|| p.to_lowercase()),
            (None, text) => {
                // GEDCOM 5.5.1's source described in place: a source of its own.
                let text = text.clone().unwrap_or_default();
                let id = unique(&mut self.ids, &format!("source-{}", self.sources.len() + 1));
                let (title, rest) = text.split_once('\n').unwrap_or((&text, ""));
                let title = Some(title.trim())
                    .filter(|s| !s.is_empty())
                    .unwrap_or("Untitled source");
                self.sources.push(RawSource {
                    id: id.clone(),
                    title: title.to_string(),
                    outlet: None,
                    author: None,
                    published: None,
                    document: None,
                    url: None,
                    note: Some(rest.trim().to_string()).filter(|s| !s.is_empty()),
                });
                id
            }
        };
        let mut cite = RawCite {
            source,
            locator: None,
            quote: None,
            date: None,
            note: None,
            quality: None,
        };
        let mut notes = Vec::new();
        for &k in &n.children {
            let kn = t.node(k);
            match kn.tag.as_str() {
                "PAGE" if cite.locator.is_none() => cite.locator = kn.value.clone(),
                "QUAY" => {
                    let v = kn.value.as_deref().unwrap_or("").trim();
                    match v.parse::<u8>() {
                        Ok(q) if q <= 3 => cite.quality = Some(q),
                        _ => self.errors.push((
                            kn.value_at,
                            format!("QUAY is the quality of the evidence, 0 to 3, not `{v}`"),
                        )),
                    }
                }
                "NOTE" | "SNOTE" => notes.extend(self.note_text(k)),
                _ => notes.extend(self.note_lines(k, "")),
            }
        }
        cite.note = Some(notes.join("\n")).filter(|s| !s.is_empty());
        Some(cite)
    }

    /// `OBJE` (a pointer to a media record, or 5.5.1's object in place) → media.
    fn media(&mut self, c: usize, media: &mut Vec<RawMedia>, fields: &mut Vec<(String, String)>) {
        let t = self.t;
        let n = t.node(c);
        let obj = match n.pointer.as_deref() {
            Some("VOID") => {
                self.void += 1;
                return;
            }
            Some(p) => match self.records.get(p) {
                Some(&r) => {
                    self.used_objects.insert(p);
                    r
                }
                None => {
                    fields.push(("obje".to_string(), format!("@{p}@")));
                    return;
                }
            },
            None => c,
        };
        let caption = t.text(c, "TITL").or_else(|| t.text(obj, "TITL"));
        for &f in &t.node(obj).children {
            if t.node(f).tag != "FILE" {
                continue;
            }
            let Some(url) = t.node(f).value.clone().filter(|u| !u.trim().is_empty()) else {
                continue;
            };
            let cap = t.text(f, "TITL").or(caption).map(str::to_string);
            media.push(RawMedia {
                url,
                caption: cap,
                credit: None,
            });
        }
    }

    /// Declare the place named by a `PLAC` (once), with its translations as aliases and
    /// its other substructures in its note; its name.
    pub fn place(&mut self, c: usize) -> Option<String> {
        let t = self.t;
        let name = t
            .node(c)
            .value
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())?
            .to_string();
        let idx = match self.place_names.get(&name) {
            Some(&i) if self.places[i].name == name => i,
            other => {
                // A name wins over another place's alias of the same spelling.
                if let Some(&i) = other {
                    self.places[i].aliases.retain(|a| a != &name);
                }
                self.place_names.insert(name.clone(), self.places.len());
                self.pos
                    .insert(format!("places.{}", self.places.len()), t.node(c).value_at);
                self.places.push(RawPlace {
                    name: name.clone(),
                    aliases: Vec::new(),
                    note: None,
                });
                self.places.len() - 1
            }
        };
        let mut notes = Vec::new();
        for &k in &t.node(c).children {
            let kn = t.node(k);
            if kn.tag == "TRAN"
                && let Some(a) = kn.value.as_deref().map(str::trim).filter(|a| !a.is_empty())
            {
                if !self.place_names.contains_key(a) {
                    self.place_names.insert(a.to_string(), idx);
                    self.places[idx].aliases.push(a.to_string());
                }
                continue;
            }
            notes.extend(self.note_lines(k, "plac."));
        }
        if !notes.is_empty() {
            let p = &mut self.places[idx];
            let mut all: Vec<String> = p.note.iter().cloned().collect();
            for n in notes {
                if !all.iter().any(|l| l.contains(&n)) {
                    all.push(n);
                }
            }
            p.note = Some(all.join("\n"));
        }
        Some(name)
    }
}
