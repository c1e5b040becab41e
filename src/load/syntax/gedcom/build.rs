//! A GEDCOM tree mapped to annals' file structs: individuals → people, families and
//! sources → their links, notes and citations, with the position of every value kept for
//! later diagnostics and a count of what went where for the import report. Events are
//! built in `event.rs`.

use super::date::Kind;
use super::tree::Tree;
use super::{clean_name, slug, unique};
use crate::load::raw::{RawPerson, RawPlace, RawSource, RawTimeline};
use crate::load::spans::Pos;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Tags that only keep records (change dates, ids, restrictions, languages): not kept,
/// counted in the report.
pub const METADATA: &[&str] = &[
    "CHAN", "CREA", "UID", "REFN", "EXID", "RESN", "MIME", "LANG", "SUBM", "ANCI", "DESI", "RIN",
    "AFN",
];

/// The timeline built, its report and where each value came from.
pub struct Out {
    /// The file structs.
    pub timeline: RawTimeline,
    /// What went where.
    pub report: Vec<String>,
    /// Dotted paths (`events.3.date`) → where the value is in the file.
    pub pos: HashMap<String, Pos>,
}

/// The state of one mapping.
pub struct B<'t> {
    pub t: &'t Tree,
    /// Records by xref.
    pub records: HashMap<&'t str, usize>,
    /// INDI xref → index in `people`.
    pub person_of: HashMap<&'t str, usize>,
    /// SOUR xref → source id.
    pub source_of: HashMap<&'t str, String>,
    pub people: Vec<RawPerson>,
    /// Note lines of each person.
    pub person_notes: Vec<Vec<String>>,
    pub sources: Vec<RawSource>,
    pub places: Vec<RawPlace>,
    /// Every place name and alias → its place.
    pub place_names: HashMap<String, usize>,
    pub events: Vec<crate::load::raw::RawEvent>,
    pub ids: HashSet<String>,
    pub pos: HashMap<String, Pos>,
    pub errors: Vec<(Pos, String)>,
    pub kinds: BTreeMap<Kind, usize>,
    pub field_tags: BTreeMap<String, usize>,
    pub note_tags: BTreeMap<String, usize>,
    pub not_kept: BTreeMap<String, usize>,
    pub undated: usize,
    pub void: usize,
    pub description: Vec<String>,
    pub used_notes: HashSet<&'t str>,
    pub used_objects: HashSet<&'t str>,
    pub used_repos: HashSet<&'t str>,
    pub event_count: BTreeMap<String, usize>,
}

/// Map a parsed GEDCOM tree; every problem found (bad dates, bad `QUAY`) at once.
pub fn build(t: &Tree) -> (Out, Vec<(Pos, String)>) {
    let mut b = B {
        t,
        records: HashMap::new(),
        person_of: HashMap::new(),
        source_of: HashMap::new(),
        people: Vec::new(),
        person_notes: Vec::new(),
        sources: Vec::new(),
        places: Vec::new(),
        place_names: HashMap::new(),
        events: Vec::new(),
        ids: HashSet::new(),
        pos: HashMap::new(),
        errors: Vec::new(),
        kinds: BTreeMap::new(),
        field_tags: BTreeMap::new(),
        note_tags: BTreeMap::new(),
        not_kept: BTreeMap::new(),
        undated: 0,
        void: 0,
        description: Vec::new(),
        used_notes: HashSet::new(),
        used_objects: HashSet::new(),
        used_repos: HashSet::new(),
        event_count: BTreeMap::new(),
    };
    for &r in &t.records {
        if let Some(x) = t.node(r).xref.as_deref() {
            if let Some(&first) = b.records.get(x) {
                // Pointers to it could mean either: nothing of the second is guessed at.
                let line = t.node(first).at.line;
                b.errors.push((
                    t.node(r).at,
                    format!("the record id @{x}@ is used again (first at line {line}): each record needs its own"),
                ));
            } else {
                b.records.insert(x, r);
            }
        }
    }
    // A record whose id was used before is reported above and left out.
    let kept: Vec<usize> = t
        .records
        .iter()
        .copied()
        .filter(|&r| {
            t.node(r)
                .xref
                .as_deref()
                .is_none_or(|x| b.records.get(x) == Some(&r))
        })
        .collect();
    // People and sources first, so that any record may point at any other.
    let mut used = HashSet::new();
    for &r in &kept {
        let n = t.node(r);
        let x = n.xref.as_deref().unwrap_or("");
        match n.tag.as_str() {
            "INDI" => {
                let id = unique(&mut used, &slug(x, "person", b.people.len() + 1));
                b.person_of.insert(x, b.people.len());
                b.pos.insert(format!("people.{}", b.people.len()), n.at);
                let name = t
                    .child(r, "NAME")
                    .and_then(|c| t.node(c).value.as_deref())
                    .map(clean_name)
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| format!("Unnamed ({x})"));
                b.people.push(RawPerson {
                    id,
                    name,
                    aliases: Vec::new(),
                    born: None,
                    died: None,
                    note: None,
                });
                b.person_notes.push(Vec::new());
            }
            "SOUR" => {
                let id = unique(&mut used, &slug(x, "source", b.sources.len() + 1));
                b.source_of.insert(x, id);
            }
            _ => {}
        }
    }
    for &r in &kept {
        let n = t.node(r);
        match n.tag.as_str() {
            "HEAD" => b.head(r),
            "INDI" => b.individual(r),
            "FAM" => b.family(r),
            "SOUR" => b.source(r),
            "TRLR" => {}
            "SNOTE" | "NOTE" | "OBJE" | "REPO" if n.xref.is_some() => {}
            "SUBM" => {
                if let Some(name) = t.text(r, "NAME") {
                    b.description.push(format!("Submitted by {name}."));
                }
                b.not_kept("SUBM (submitter details)");
            }
            tag => b.not_kept(&format!("{tag} record")),
        }
    }
    b.leftovers();
    let errors = std::mem::take(&mut b.errors);
    (b.finish(), errors)
}

impl<'t> B<'t> {
    fn not_kept(&mut self, what: &str) {
        *self.not_kept.entry(what.to_string()).or_default() += 1;
    }

    fn head(&mut self, r: usize) {
        let t = self.t;
        let vers = t
            .child(r, "GEDC")
            .and_then(|g| t.text(g, "VERS"))
            .unwrap_or("(no version)");
        self.description
            .insert(0, format!("Imported from GEDCOM {vers}."));
        for &c in &t.node(r).children {
            match t.node(c).tag.as_str() {
                "NOTE" => {
                    let text = t.node(c).value.clone().unwrap_or_default();
                    self.description.push(text);
                }
                "GEDC" => {}
                tag => self.not_kept(&format!("HEAD.{tag} (file metadata)")),
            }
        }
    }

    /// Notes, shared notes (`SNOTE @N1@`, 5.5.1's `NOTE @N1@`) and their text.
    pub fn note_text(&mut self, c: usize) -> Option<String> {
        let n = self.t.node(c);
        match n.pointer.as_deref() {
            Some("VOID") => {
                self.void += 1;
                None
            }
            Some(p) => {
                let r = self.records.get(p).copied();
                match r {
                    Some(r) => {
                        self.used_notes.insert(p);
                        self.t.node(r).value.clone()
                    }
                    None => Some(format!("(missing shared note @{p}@)")),
                }
            }
            None => n.value.clone(),
        }
    }

    /// A subtree as `(name, value)` pairs: `plac.map.lati` → `N18.15`. Record-keeping
    /// metadata is counted, not kept.
    pub fn flatten(&mut self, i: usize, prefix: &str, out: &mut Vec<(String, String)>) {
        let t = self.t;
        let n = t.node(i);
        if METADATA.contains(&n.tag.as_str()) {
            self.not_kept(&format!("{} (record-keeping)", n.tag));
            return;
        }
        let name = format!("{prefix}{}", n.tag.to_lowercase());
        let value = match (n.pointer.as_deref(), &n.value) {
            (Some(p), _) => Some(self.pointed(p)),
            (None, Some(v)) => Some(v.clone()),
            (None, None) if n.children.is_empty() => Some("Y".to_string()),
            _ => None,
        };
        if let Some(v) = value {
            out.push((name.clone(), v));
        }
        for &c in &n.children {
            self.flatten(c, &format!("{name}."), out);
        }
    }

    /// What a pointer names: a person's name, a source's title, a note's text.
    fn pointed(&mut self, p: &'t str) -> String {
        let Some(&r) = self.records.get(p) else {
            return format!("@{p}@");
        };
        let n = self.t.node(r);
        match n.tag.as_str() {
            "INDI" => self.person_of.get(p).map_or(format!("@{p}@"), |&i| {
                format!("{} ({})", self.people[i].name, self.people[i].id)
            }),
            "SOUR" => self.t.text(r, "TITL").unwrap_or(p).to_string(),
            "REPO" | "SUBM" => {
                self.used_repos.insert(p);
                self.t.text(r, "NAME").unwrap_or(p).to_string()
            }
            "SNOTE" | "NOTE" => {
                self.used_notes.insert(p);
                n.value.clone().unwrap_or_default()
            }
            "OBJE" => {
                self.used_objects.insert(p);
                let file = self.t.child(r, "FILE");
                file.and_then(|f| self.t.node(f).value.clone())
                    .unwrap_or_else(|| format!("@{p}@"))
            }
            _ => format!("@{p}@"),
        }
    }

    /// Lines `name: value` for a person's (or source's) note, counting the tags.
    pub fn note_lines(&mut self, c: usize, prefix: &str) -> Vec<String> {
        let mut pairs = Vec::new();
        self.flatten(c, prefix, &mut pairs);
        if !pairs.is_empty() {
            *self
                .note_tags
                .entry(self.t.node(c).tag.clone())
                .or_default() += 1;
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect()
    }

    fn individual(&mut self, r: usize) {
        let t = self.t;
        let x = t.node(r).xref.as_deref().unwrap_or("");
        let Some(&p) = self.person_of.get(x) else {
            return;
        };
        let mut first_name = true;
        for &c in &t.node(r).children {
            let n = t.node(c);
            match n.tag.as_str() {
                "NAME" => {
                    if !first_name {
                        let alias = n.value.as_deref().map(clean_name).unwrap_or_default();
                        self.alias(p, alias);
                    }
                    first_name = false;
                    for &k in &n.children {
                        match t.node(k).tag.as_str() {
                            "NICK" | "TRAN" => {
                                let a = t.node(k).value.as_deref().map(clean_name);
                                self.alias(p, a.unwrap_or_default());
                                for &kk in &t.node(k).children {
                                    let l = self.note_lines(kk, "name.tran.");
                                    self.person_notes[p].extend(l);
                                }
                            }
                            // Parts of the name, which the NAME's own text holds.
                            "NPFX" | "GIVN" | "SPFX" | "SURN" | "NSFX" => {
                                let part = t.node(k).value.as_deref().unwrap_or("");
                                let whole = n.value.as_deref().unwrap_or("");
                                if !whole.contains(part) {
                                    let l = self.note_lines(k, "name.");
                                    self.person_notes[p].extend(l);
                                }
                            }
                            _ => {
                                let l = self.note_lines(k, "name.");
                                self.person_notes[p].extend(l);
                            }
                        }
                    }
                }
                "NOTE" | "SNOTE" => {
                    if let Some(text) = self.note_text(c) {
                        self.person_notes[p].push(text);
                    }
                }
                "FAMS" | "FAMC" if n.children.is_empty() => {}
                tag if super::event::is_event(tag, false) => {
                    let who = vec![p];
                    let label = self.people[p].name.clone();
                    let owner = self.people[p].id.clone();
                    self.event(c, &who, &label, &owner);
                }
                _ => {
                    let l = self.note_lines(c, "");
                    self.person_notes[p].extend(l);
                }
            }
        }
    }

    fn alias(&mut self, p: usize, alias: String) {
        let person = &mut self.people[p];
        if !alias.is_empty() && alias != person.name && !person.aliases.contains(&alias) {
            person.aliases.push(alias);
        }
    }

    fn person(&mut self, c: usize) -> Option<usize> {
        match self.t.node(c).pointer.as_deref() {
            Some("VOID") | None => {
                self.void += 1;
                None
            }
            Some(p) => self.person_of.get(p).copied(),
        }
    }

    fn family(&mut self, r: usize) {
        let t = self.t;
        let x = t.node(r).xref.clone().unwrap_or_default();
        let mut spouses = Vec::new();
        let mut children = Vec::new();
        for &c in &t.node(r).children {
            match t.node(c).tag.as_str() {
                "HUSB" | "WIFE" => spouses.extend(self.person(c)),
                "CHIL" => children.extend(self.person(c)),
                _ => {}
            }
        }
        let names: Vec<String> = spouses
            .iter()
            .map(|&p| self.people[p].name.clone())
            .collect();
        let label = match names.as_slice() {
            [] => format!("family {x}"),
            [a] => a.clone(),
            [a, b, ..] => format!("{a} and {b}"),
        };
        for &s in &spouses {
            for &o in &spouses {
                if o != s {
                    let line =
                        format!("partner of {} ({})", self.people[o].name, self.people[o].id);
                    self.person_notes[s].push(line);
                }
            }
        }
        for &k in &children {
            self.person_notes[k].push(format!("child of {label}"));
        }
        let owner = slug(&x, "family", 1);
        for &c in &t.node(r).children {
            let n = t.node(c);
            match n.tag.as_str() {
                "HUSB" | "WIFE" | "CHIL" => {
                    // The link itself is kept above; any substructure (PHRASE) in notes.
                    for &k in &n.children {
                        let lines = self.note_lines(k, &format!("{}.", n.tag.to_lowercase()));
                        self.family_note(&spouses, &x, lines);
                    }
                }
                tag if super::event::is_event(tag, true) => {
                    self.event(c, &spouses, &label, &owner);
                }
                "NOTE" | "SNOTE" => {
                    let text = self.note_text(c);
                    self.family_note(&spouses, &x, text.into_iter().collect());
                }
                _ => {
                    let lines = self.note_lines(c, "");
                    self.family_note(&spouses, &x, lines);
                }
            }
        }
    }

    /// Lines about a family, kept in each spouse's note (or the description).
    pub fn family_note(&mut self, spouses: &[usize], x: &str, lines: Vec<String>) {
        for line in lines {
            let line = format!("family {x}: {line}");
            if spouses.is_empty() {
                self.description.push(line);
            } else {
                for &s in spouses {
                    self.person_notes[s].push(line.clone());
                }
            }
        }
    }

    fn source(&mut self, r: usize) {
        let t = self.t;
        let n = t.node(r);
        let x = n.xref.as_deref().unwrap_or("");
        let Some(id) = self.source_of.get(x).cloned() else {
            self.not_kept("SOUR record without an id");
            return;
        };
        self.pos
            .insert(format!("sources.{}", self.sources.len()), n.at);
        let mut s = RawSource::titled(id, String::new());
        let mut notes = Vec::new();
        for &c in &n.children {
            let v = t.node(c).value.clone().filter(|v| !v.trim().is_empty());
            match (t.node(c).tag.as_str(), v) {
                ("TITL", Some(v)) if s.title.is_empty() => s.title = v,
                ("AUTH", Some(v)) if s.author.is_none() => s.author = Some(v),
                ("PUBL", Some(v)) if s.outlet.is_none() => s.outlet = Some(v),
                ("NOTE" | "SNOTE", _) => notes.extend(self.note_text(c)),
                _ => notes.extend(self.note_lines(c, "")),
            }
        }
        if s.title.is_empty() {
            s.title = t
                .text(r, "ABBR")
                .map_or_else(|| format!("Source {x}"), str::to_string);
        }
        s.note = Some(notes.join("\n")).filter(|n| !n.is_empty());
        self.sources.push(s);
    }

    /// Shared notes, objects and repositories nobody pointed at.
    fn leftovers(&mut self) {
        for &r in &self.t.records.clone() {
            let n = self.t.node(r);
            let Some(x) = n.xref.as_deref() else { continue };
            match n.tag.as_str() {
                "SNOTE" | "NOTE" if !self.used_notes.contains(x) => {
                    self.description.push(n.value.clone().unwrap_or_default());
                }
                "OBJE" if !self.used_objects.contains(x) => {
                    self.not_kept("OBJE record nobody uses")
                }
                "REPO" if !self.used_repos.contains(x) => self.not_kept("REPO record nobody cites"),
                _ => {}
            }
        }
    }

    fn finish(mut self) -> Out {
        for (p, lines) in self.people.iter_mut().zip(&self.person_notes) {
            p.note = Some(lines.join("\n")).filter(|n| !n.is_empty());
        }
        let mut report = vec![format!(
            "{} (INDI), {} (SOUR), {} (PLAC), {}",
            count(self.people.len(), "person", "people"),
            count(self.sources.len(), "source", "sources"),
            count(self.places.len(), "place", "places"),
            count(self.events.len(), "event", "events"),
        )];
        if !self.event_count.is_empty() {
            let list: Vec<String> = self
                .event_count
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            report.push(format!("events by tag: {}", list.join(", ")));
        }
        if self.undated > 0 {
            report.push(format!(
                "{} without a date annals can place kept as notes on their people",
                count(self.undated, "event/fact", "events/facts")
            ));
        }
        for (k, n) in &self.kinds {
            report.push(format!("{}: {}", count(*n, "date", "dates"), k.describe()));
        }
        let list = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.field_tags.is_empty() {
            report.push(format!("kept as event fields: {}", list(&self.field_tags)));
        }
        if !self.note_tags.is_empty() {
            report.push(format!(
                "kept in notes (of people, sources, places, citations): {}",
                list(&self.note_tags)
            ));
        }
        if self.void > 0 {
            let p = count(self.void, "pointer", "pointers");
            report.push(format!("{p} to no record (@VOID@) skipped"));
        }
        if !self.not_kept.is_empty() {
            report.push(format!("not kept: {}", list(&self.not_kept)));
        }
        let title = "GEDCOM import".to_string();
        let description = Some(self.description.join("\n")).filter(|d| !d.is_empty());
        Out {
            timeline: RawTimeline {
                title,
                description,
                people: self.people,
                sources: self.sources,
                places: self.places,
                terms: Vec::new(),
                eras: Vec::new(),
                events: self.events,
            },
            report,
            pos: self.pos,
        }
    }
}

/// `1 date`, `3 dates`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
