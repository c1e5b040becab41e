//! Serde structs that mirror the file format field for field (RON and JSON alike).
//!
//! Nothing here is checked beyond syntax and field names; `validate` turns these into the
//! domain model. Export writes these same structs back, so JSON mirrors RON.

use crate::domain::LinkKind;
use serde::{Deserialize, Serialize};

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
