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
    /// Named periods (`Era(title: "The war years", date: "1980/1988")`), drawn as bands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<RawEra>,
    /// Events.
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

/// `Era(…)`: a named period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Era", deny_unknown_fields)]
pub struct RawEra {
    /// Its name.
    pub title: String,
    /// EDTF date (usually an interval).
    pub date: String,
}

/// `Media(…)`: a picture, recording or document shown with an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Media", deny_unknown_fields)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
pub struct RawMedia<S = String> {
    /// Where it is (http/https to be opened).
    pub url: S,
    /// Caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<S>,
    /// Credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<S>,
}

/// An event's extra named values, in the order written: a RON or JSON map
/// (`fields: {"username": "alice", "source_ip": "10.0.0.5"}`).
#[derive(Clone, Debug, PartialEq)]
pub struct Fields<S = String>(pub Vec<(S, S)>);

impl<S> Default for Fields<S> {
    fn default() -> Self {
        Fields(Vec::new())
    }
}

impl<S> Fields<S> {
    /// No fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<S: Serialize> Serialize for Fields<S> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, S: Deserialize<'de>> Deserialize<'de> for Fields<S> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields<S>, D::Error> {
        struct Visit<S>(std::marker::PhantomData<S>);
        impl<'de, S: Deserialize<'de>> serde::de::Visitor<'de> for Visit<S> {
            type Value = Fields<S>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of names to text values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Fields<S>, A::Error> {
                let mut v = Vec::new();
                while let Some(kv) = m.next_entry()? {
                    v.push(kv);
                }
                Ok(Fields(v))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
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

impl RawSource {
    /// A source known only by its id and title (what an importer makes from a name).
    pub fn titled(id: impl Into<String>, title: impl Into<String>) -> RawSource {
        RawSource {
            id: id.into(),
            title: title.into(),
            outlet: None,
            author: None,
            published: None,
            document: None,
            url: None,
            note: None,
        }
    }
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

/// `Event(…)`. Generic over its strings: `String` when owned (as [`RawTimeline`] holds and
/// export writes it), [`Text`] when borrowed from the file's text ([`RawEventRef`], what
/// the parallel loader parses big files into). One struct, so the format is written once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Event", deny_unknown_fields)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
pub struct RawEvent<S = String> {
    /// Id.
    pub id: S,
    /// EDTF date.
    pub date: S,
    /// Title.
    pub title: S,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<S>,
    /// Person ids.
    #[serde(default)]
    pub people: Vec<S>,
    /// Place names.
    #[serde(default)]
    pub places: Vec<S>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<S>,
    /// Citations.
    #[serde(default)]
    pub citations: Vec<RawCite<S>>,
    /// Links.
    #[serde(default)]
    pub links: Vec<RawLink<S>>,
    /// The source's own wording of the date (`"Spring 1862"`), shown beside annals' reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<S>,
    /// Pictures, recordings, documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<RawMedia<S>>,
    /// Extra named values, searchable as `NAME:value`.
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub fields: Fields<S>,
}

/// `Cite(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
pub struct RawCite<S = String> {
    /// Source id.
    pub source: S,
    /// Locator (e.g. `¶4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<S>,
    /// Quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<S>,
    /// The date as this source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<S>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<S>,
    /// How good the evidence is, 0–3 (GEDCOM's `QUAY`; see the README).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<u8>,
}

/// `Link(…)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Link", deny_unknown_fields)]
#[serde(bound(deserialize = "S: Deserialize<'de>"))]
pub struct RawLink<S = String> {
    /// Target event id.
    pub to: S,
    /// Kind.
    pub kind: LinkKind,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<S>,
}

/// An event whose strings borrow from the text it was parsed from, where they can.
pub type RawEventRef<'a> = RawEvent<Text<'a>>;
/// A citation of a [`RawEventRef`].
pub type RawCiteRef<'a> = RawCite<Text<'a>>;

/// A string of the file: borrowed from its text when it has no escapes, else owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

impl<S: AsRef<str>> RawEvent<S> {
    /// This event seen as a borrowing one (no copies), so that one validator serves both.
    pub fn as_ref(&self) -> RawEventRef<'_> {
        RawEvent {
            id: b(&self.id),
            date: b(&self.date),
            title: b(&self.title),
            summary: ob(&self.summary),
            people: self.people.iter().map(b).collect(),
            places: self.places.iter().map(b).collect(),
            tags: self.tags.iter().map(b).collect(),
            citations: self
                .citations
                .iter()
                .map(|c| RawCite {
                    source: b(&c.source),
                    locator: ob(&c.locator),
                    quote: ob(&c.quote),
                    date: ob(&c.date),
                    note: ob(&c.note),
                    quality: c.quality,
                })
                .collect(),
            links: self
                .links
                .iter()
                .map(|l| RawLink {
                    to: b(&l.to),
                    kind: l.kind,
                    note: ob(&l.note),
                })
                .collect(),
            display_date: ob(&self.display_date),
            media: self
                .media
                .iter()
                .map(|m| RawMedia {
                    url: b(&m.url),
                    caption: ob(&m.caption),
                    credit: ob(&m.credit),
                })
                .collect(),
            fields: Fields(self.fields.0.iter().map(|(k, v)| (b(k), b(v))).collect()),
        }
    }
}

fn b<S: AsRef<str>>(s: &S) -> Text<'_> {
    Text(Cow::Borrowed(s.as_ref()))
}

fn ob<S: AsRef<str>>(s: &Option<S>) -> Option<Text<'_>> {
    s.as_ref().map(b)
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_events_borrow_what_has_no_escapes() {
        let src = r#"Event(id: "a", date: "2000", title: "say \"hi\"", people: ["p"])"#;
        let opts = ron::Options::default();
        let e: RawEventRef<'_> = opts.from_str(src).unwrap();
        assert!(matches!(e.id.0, Cow::Borrowed("a")), "{e:?}");
        assert!(matches!(e.people[0].0, Cow::Borrowed("p")), "{e:?}");
        assert!(
            matches!(&e.title.0, Cow::Owned(t) if t == "say \"hi\""),
            "{e:?}"
        );
        let owned: RawEvent = opts.from_str(src).unwrap();
        assert_eq!(owned.as_ref(), e);
    }
}
