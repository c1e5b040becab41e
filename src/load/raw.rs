//! Serde structs that mirror the file format field for field (RON and JSON alike).
//!
//! Nothing here is checked beyond syntax and field names; `validate` turns these into the
//! domain model. Export writes these same structs back, so JSON mirrors RON.

use crate::domain::LinkKind;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Timeline", deny_unknown_fields)]
pub struct RawTimeline {
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// People.
    #[serde(default)]
    pub people: Vec<RawPerson>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Places with variant spellings.
    #[serde(default)]
    pub places: Vec<RawPlace>,
    /// Other names with variant spellings.
    #[serde(default)]
    pub terms: Vec<RawTerm>,
    /// Events.
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

/// `Person(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Person", deny_unknown_fields)]
pub struct RawPerson {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Variant spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// EDTF birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born: Option<String>,
    /// EDTF death date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub died: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `Source(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Source", deny_unknown_fields)]
pub struct RawSource {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// EDTF publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Document file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `Place(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Place", deny_unknown_fields)]
pub struct RawPlace {
    /// Canonical name.
    pub name: String,
    /// Variant spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `Term(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Term", deny_unknown_fields)]
pub struct RawTerm {
    /// Canonical spelling.
    pub name: String,
    /// Variant spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `Event(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct RawEvent {
    /// Id.
    pub id: String,
    /// EDTF date.
    pub date: String,
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Person ids.
    #[serde(default)]
    pub people: Vec<String>,
    /// Place names.
    #[serde(default)]
    pub places: Vec<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Citations.
    #[serde(default)]
    pub citations: Vec<RawCite>,
    /// Links.
    #[serde(default)]
    pub links: Vec<RawLink>,
}

/// `Cite(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
pub struct RawCite {
    /// Source id.
    pub source: String,
    /// Locator (e.g. `¶4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The date as this source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `Link(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
pub struct RawLink {
    /// Target event id.
    pub to: String,
    /// Kind.
    pub kind: LinkKind,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An event as parsed from text it can borrow from: strings without escapes are not copied.
/// The loader's fast path parses big files into these; owned [`RawEvent`]s are viewed as
/// them too, so that one validator serves both.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
pub struct RawEventRef<'a> {
    /// Id.
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// EDTF date.
    #[serde(borrow)]
    pub date: Cow<'a, str>,
    /// Title.
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// Summary.
    #[serde(default, borrow)]
    pub summary: Option<Cow<'a, str>>,
    /// Person ids.
    #[serde(default, borrow)]
    pub people: Vec<Cow<'a, str>>,
    /// Place names.
    #[serde(default, borrow)]
    pub places: Vec<Cow<'a, str>>,
    /// Tags.
    #[serde(default, borrow)]
    pub tags: Vec<Cow<'a, str>>,
    /// Citations.
    #[serde(default, borrow)]
    pub citations: Vec<RawCiteRef<'a>>,
    /// Links.
    #[serde(default, borrow)]
    pub links: Vec<RawLinkRef<'a>>,
}

/// A borrowing [`RawCite`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
pub struct RawCiteRef<'a> {
    /// Source id.
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    /// Locator.
    #[serde(default, borrow)]
    pub locator: Option<Cow<'a, str>>,
    /// Quote.
    #[serde(default, borrow)]
    pub quote: Option<Cow<'a, str>>,
    /// The date as this source states it.
    #[serde(default, borrow)]
    pub date: Option<Cow<'a, str>>,
    /// Note.
    #[serde(default, borrow)]
    pub note: Option<Cow<'a, str>>,
}

/// A borrowing [`RawLink`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
pub struct RawLinkRef<'a> {
    /// Target event id.
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    /// Kind.
    pub kind: LinkKind,
    /// Note.
    #[serde(default, borrow)]
    pub note: Option<Cow<'a, str>>,
}

fn b(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

fn ob(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

impl RawEvent {
    /// This event seen as a borrowing one (no copies).
    pub fn as_ref(&self) -> RawEventRef<'_> {
        RawEventRef {
            id: b(&self.id),
            date: b(&self.date),
            title: b(&self.title),
            summary: ob(&self.summary),
            people: self.people.iter().map(|s| b(s)).collect(),
            places: self.places.iter().map(|s| b(s)).collect(),
            tags: self.tags.iter().map(|s| b(s)).collect(),
            citations: self
                .citations
                .iter()
                .map(|c| RawCiteRef {
                    source: b(&c.source),
                    locator: ob(&c.locator),
                    quote: ob(&c.quote),
                    date: ob(&c.date),
                    note: ob(&c.note),
                })
                .collect(),
            links: self
                .links
                .iter()
                .map(|l| RawLinkRef {
                    to: b(&l.to),
                    kind: l.kind,
                    note: ob(&l.note),
                })
                .collect(),
        }
    }
}
