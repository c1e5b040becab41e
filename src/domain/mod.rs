//! The domain: a checked timeline of events, people, sources and links. No I/O, no terminal.

pub mod age;
pub mod date;
pub mod text;

pub use age::{Age, age_at};
pub use date::{Bound, DateError, Edtf, Moment, Point, Precision, Qualifier};

use std::collections::HashMap;

/// Index of a person in [`Timeline::people`].
pub type PersonIdx = u32;
/// Index of a source in [`Timeline::sources`].
pub type SourceIdx = u32;
/// Index of a place in [`Timeline::places`].
pub type PlaceIdx = u32;
/// Index of a tag in [`Timeline::tags`].
pub type TagIdx = u32;
/// Index of an event in [`Timeline::events`] (chronological order).
pub type EventIdx = u32;

/// A checked timeline. Events are in chronological order; references are indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Title of the timeline.
    pub title: String,
    /// Optional description.
    pub description: Option<String>,
    /// Everyone who takes part.
    pub people: Vec<Person>,
    /// The documents events rest on.
    pub sources: Vec<Source>,
    /// Places: the declared ones first, then any named only by events.
    pub places: Vec<Place>,
    /// Variant spellings of organisations and other names.
    pub terms: Vec<Term>,
    /// Distinct tags, in order of first use.
    pub tags: Vec<String>,
    /// Events in chronological order (earliest instant, coarser first, then id).
    pub events: Vec<Event>,
    /// For each event, the links that point at it.
    pub backlinks: Vec<Vec<BackLink>>,
    /// Event id → index.
    pub event_index: HashMap<String, EventIdx>,
}

/// Someone who takes part in events.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Stable id used by events.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Variant spellings and transliterations.
    pub aliases: Vec<String>,
    /// Date of birth, as precise as known.
    pub born: Option<Edtf>,
    /// Date of death.
    pub died: Option<Edtf>,
    /// One-line note (role).
    pub note: Option<String>,
}

/// A document that claims things.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Stable id used by citations.
    pub id: String,
    /// Headline or title.
    pub title: String,
    /// Publication or outlet.
    pub outlet: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date.
    pub published: Option<Edtf>,
    /// The document file the locators count paragraphs in.
    pub document: Option<String>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Free note.
    pub note: Option<String>,
}

/// A place with its variant spellings.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Canonical name.
    pub name: String,
    /// Variant spellings.
    pub aliases: Vec<String>,
    /// Free note.
    pub note: Option<String>,
    /// Declared in the file's `places` list (rather than only named by an event).
    pub declared: bool,
}

/// A name (organisation, operation…) with its variant spellings.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// Canonical spelling.
    pub name: String,
    /// Variant spellings.
    pub aliases: Vec<String>,
    /// Free note.
    pub note: Option<String>,
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// When.
    pub date: Edtf,
    /// Short title.
    pub title: String,
    /// Summary (may be empty).
    pub summary: String,
    /// Who took part.
    pub people: Vec<PersonIdx>,
    /// Where.
    pub places: Vec<PlaceIdx>,
    /// Tags.
    pub tags: Vec<TagIdx>,
    /// What the sources say.
    pub citations: Vec<Cite>,
    /// Outgoing links.
    pub links: Vec<Link>,
}

/// A source's claim for an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    /// Which source.
    pub source: SourceIdx,
    /// Where in it (e.g. `¶4`).
    pub locator: Option<String>,
    /// Words the source quotes from a speaker.
    pub quote: Option<String>,
    /// The date as this source states it, when it differs from the event's.
    pub date: Option<Edtf>,
    /// What this source claims, when it differs.
    pub note: Option<String>,
}

/// Kind of a link between events (a closed set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LinkKind {
    /// Loosely related.
    Related,
    /// This event causes the target.
    Causes,
    /// This event is part of the target.
    PartOf,
    /// This event refers to the target (a remark about an earlier event).
    Refers,
    /// This account contradicts the target's.
    Contradicts,
}

impl LinkKind {
    /// All kinds, in file order.
    pub const ALL: [LinkKind; 5] = [
        LinkKind::Related,
        LinkKind::Causes,
        LinkKind::PartOf,
        LinkKind::Refers,
        LinkKind::Contradicts,
    ];

    /// The name as written in files.
    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Related => "Related",
            LinkKind::Causes => "Causes",
            LinkKind::PartOf => "PartOf",
            LinkKind::Refers => "Refers",
            LinkKind::Contradicts => "Contradicts",
        }
    }

    /// How the link reads from its source event: "causes", "part of" …
    pub fn forward(self) -> &'static str {
        match self {
            LinkKind::Related => "related to",
            LinkKind::Causes => "causes",
            LinkKind::PartOf => "part of",
            LinkKind::Refers => "refers to",
            LinkKind::Contradicts => "contradicts",
        }
    }

    /// How the link reads from its target event: "caused by", "referred to by" …
    pub fn backward(self) -> &'static str {
        match self {
            LinkKind::Related => "related to",
            LinkKind::Causes => "caused by",
            LinkKind::PartOf => "includes",
            LinkKind::Refers => "referred to by",
            LinkKind::Contradicts => "contradicted by",
        }
    }
}

/// A link from one event to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// Target event.
    pub to: EventIdx,
    /// Kind.
    pub kind: LinkKind,
    /// Why.
    pub note: Option<String>,
}

/// A link seen from its target: derived, never written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackLink {
    /// The event the link starts at.
    pub from: EventIdx,
    /// Position of the link in `from`'s links.
    pub link: u32,
}

impl Event {
    /// True when its sources disagree: a citation states another date, or a
    /// `Contradicts` link starts here.
    pub fn sources_disagree(&self) -> bool {
        self.citations
            .iter()
            .any(|c| c.date.is_some_and(|d| d != self.date))
            || self.links.iter().any(|l| l.kind == LinkKind::Contradicts)
    }
}

impl Timeline {
    /// The event with this id.
    pub fn event_by_id(&self, id: &str) -> Option<EventIdx> {
        self.event_index.get(id).copied()
    }

    /// The event at an index.
    pub fn event(&self, i: EventIdx) -> &Event {
        &self.events[i as usize]
    }

    /// The person at an index.
    pub fn person(&self, i: PersonIdx) -> &Person {
        &self.people[i as usize]
    }

    /// The source at an index.
    pub fn source(&self, i: SourceIdx) -> &Source {
        &self.sources[i as usize]
    }

    /// The place at an index.
    pub fn place(&self, i: PlaceIdx) -> &Place {
        &self.places[i as usize]
    }

    /// The tag at an index.
    pub fn tag(&self, i: TagIdx) -> &str {
        &self.tags[i as usize]
    }

    /// Whether any event is marked as disagreeing or is the target of a `Contradicts` link.
    pub fn disputed(&self, i: EventIdx) -> bool {
        self.event(i).sources_disagree()
            || self.backlinks[i as usize]
                .iter()
                .any(|b| self.event(b.from).links[b.link as usize].kind == LinkKind::Contradicts)
    }
}
