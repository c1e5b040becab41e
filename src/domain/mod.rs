//! The domain: a checked timeline of events, people, sources and links. No I/O, no terminal.

use crate::domain::num::u32_of;
pub mod age;
pub mod arena;
pub mod bits;
pub mod date;
pub mod event;
pub mod ids;
pub mod num;
pub mod par;
pub mod prefetch;
pub mod text;

pub use age::{Age, Life, age_at, life_at};
pub use date::{
    Bound, Civil, Date, DateError, Edtf, Instant, Member, Offset, Part, Precision, Qualifier, Set,
    Time, Year, YearForm,
};
pub use event::{BackLink, Cite, CiteRef, Event, EventRef, Link, LinkRef, MediaRef, Str};

/// Index of a person in [`Timeline::people`].
pub type PersonIdx = u32;
/// Index of a source in [`Timeline::sources`].
pub type SourceIdx = u32;
/// Index of a place in [`Timeline::places`].
pub type PlaceIdx = u32;
/// Index of a tag in [`Timeline::tags`].
pub type TagIdx = u32;
/// Index of an event in the timeline (chronological order).
pub type EventIdx = u32;

/// A checked timeline. Events are in chronological order; references are indices.
///
/// Events are stored compactly (see [`event`]): read them with [`Timeline::event`] and
/// [`Timeline::events`].
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
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
    /// The text of every event, citation and link, end to end.
    pub(crate) text: arena::Arena,
    /// Event records in chronological order (earliest instant, coarser first, then id).
    pub(crate) events: Vec<Event>,
    /// People, places and tags of every event (ranges of it belong to events).
    pub(crate) refs: Vec<u32>,
    /// Citations of every event.
    pub(crate) cites: Vec<Cite>,
    /// The notes of the citations that have one, by the citation's index (ascending).
    pub(crate) cite_notes: Vec<(u32, Str)>,
    /// Links of every event.
    pub(crate) links: Vec<Link>,
    /// Dates that citations state (see [`Cite`]).
    pub(crate) cite_dates: Vec<Edtf>,
    /// Named periods, drawn as bands under the density strip.
    pub eras: Vec<Era>,
    /// What only some events have (see [`event::Extra`]).
    pub(crate) extras: Vec<event::Extra>,
    /// Media of every event.
    pub(crate) media: Vec<event::Media>,
    /// Named fields of every event (name, value).
    pub(crate) fields: Vec<(Str, Str)>,
    /// `back[back_start[i]..back_start[i + 1]]` are the links that point at event `i`.
    pub(crate) back_start: Vec<u32>,
    /// Back-links, grouped by target.
    pub(crate) back: Vec<BackLink>,
    /// Event id → index.
    pub(crate) ids: ids::IdMap,
}

/// A named period (`The war years`, 1980/1988).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Era {
    /// Its name.
    pub title: String,
    /// When.
    pub date: Edtf,
}

/// Someone who takes part in events.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    /// Canonical spelling.
    pub name: String,
    /// Variant spellings.
    pub aliases: Vec<String>,
    /// Free note.
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

impl Timeline {
    /// The text behind a [`Str`]. A parsed timeline's strings are always inside its text
    /// and on character boundaries; one read back from a damaged or forged cache entry
    /// that is not reads as empty (checked here, where the text is read anyway, instead of
    /// for every string before a warm start: see `open::sound`).
    pub fn str(&self, s: Str) -> &str {
        let start = s.start as usize;
        self.text
            .get(start..start.saturating_add(s.len as usize))
            .unwrap_or("")
    }

    /// The text behind an optional [`Str`].
    pub fn opt(&self, s: Option<Str>) -> Option<&str> {
        s.map(|s| self.str(s))
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True when there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Every event, in chronological order.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = EventRef<'_>> + ExactSizeIterator {
        (0..u32_of(self.events.len())).map(|i| EventRef::new(self, i))
    }

    /// The note of citation `k` (its index in the timeline's citations), if it has one.
    pub(crate) fn cite_note(&self, k: usize) -> Option<Str> {
        let notes = &self.cite_notes;
        let at = notes.binary_search_by_key(&k, |&(i, _)| i as usize).ok()?;
        Some(notes[at].1)
    }

    /// The event with this id.
    pub fn event_by_id(&self, id: &str) -> Option<EventIdx> {
        let own = |i: u32| self.events.get(i as usize).map(|e| self.str(e.id));
        self.ids.get(
            ids::hash_str(id),
            |i| self.id_hash(i),
            |i| own(i) == Some(id),
        )
    }

    /// The hash of event `i`'s id, as the id map keeps it (`u64::MAX` for no event `i`).
    pub(crate) fn id_hash(&self, i: EventIdx) -> u64 {
        self.events
            .get(i as usize)
            .map_or(u64::MAX, |e| ids::hash_str(self.str(e.id)))
    }

    /// The event at an index.
    pub fn event(&self, i: EventIdx) -> EventRef<'_> {
        EventRef::new(self, i)
    }

    /// The links that point at event `i`.
    pub fn backlinks(&self, i: EventIdx) -> &[BackLink] {
        let i = i as usize;
        &self.back[self.back_start[i] as usize..self.back_start[i + 1] as usize]
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
            || self
                .backlinks(i)
                .iter()
                .any(|b| self.event(b.from).link(b.link).kind == LinkKind::Contradicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_outside_the_text_or_off_a_char_boundary_reads_as_empty() {
        let t = Timeline {
            text: "añb".into(),
            ..Timeline::default()
        };
        let s = |start, len| Str { start, len };
        assert_eq!(t.str(s(0, 4)), "añb");
        assert_eq!(t.str(s(1, 2)), "ñ");
        // Into the middle of `ñ`, past the end, and an end past `u32::MAX`.
        for bad in [s(0, 2), s(2, 1), s(3, 2), s(u32::MAX, 1), s(1, u32::MAX)] {
            assert_eq!(t.str(bad), "", "{bad:?}");
        }
    }
}
