//! Events stored compactly: fixed-size records whose text lives in one arena and whose
//! lists are ranges into shared arrays, read through borrowed views (`EventRef`).
//!
//! A million events must fit in little more memory than their file: no `String` per
//! field, no `Vec` per event, ids of people, places, tags and sources interned as indices.

use super::{Edtf, LinkKind};
use super::{EventIdx, PersonIdx, PlaceIdx, SourceIdx, TagIdx, Timeline};

/// A string in the timeline's text arena (byte offset and length), or none
/// ([`Str::NONE`], for optional fields).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Str {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Str {
    /// No string (an optional field left out).
    pub const NONE: Str = Str {
        start: u32::MAX,
        len: 0,
    };

    /// `Some(self)` unless it is [`Str::NONE`].
    pub fn get(self) -> Option<Str> {
        (self != Str::NONE).then_some(self)
    }
}

/// A range of a shared array (first element and count).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Range32 {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Range32 {
    /// As a `usize` range.
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// An event's people, places and tags: three runs, one after the other, of the timeline's
/// `refs` (16 bytes, where a range each took 24).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Refs {
    /// Where the people begin (the places follow them, then the tags).
    pub(crate) start: u32,
    /// How many people.
    pub(crate) people: u32,
    /// How many places.
    pub(crate) places: u32,
    /// How many tags.
    pub(crate) tags: u32,
}

impl Refs {
    /// The three runs as `usize` ranges (summed in 64 bits and saturated, so that no sum
    /// wraps: a forged entry's runs end past any array and read as out of range).
    fn runs(self) -> [std::ops::Range<usize>; 3] {
        let (a, p, l, g) = (self.start, self.people, self.places, self.tags);
        let [a, p, l, g] = [a, p, l, g].map(u64::from);
        let at = |x: u64| crate::domain::num::usize_of_u64(x);
        let (b, c, d) = (a + p, a + p + l, a + p + l + g);
        [at(a)..at(b), at(b)..at(c), at(c)..at(d)]
    }

    /// Where the people are.
    pub(crate) fn people(self) -> std::ops::Range<usize> {
        let [p, _, _] = self.runs();
        p
    }

    /// Where the places are.
    pub(crate) fn places(self) -> std::ops::Range<usize> {
        let [_, l, _] = self.runs();
        l
    }

    /// Where the tags are.
    pub(crate) fn tags(self) -> std::ops::Range<usize> {
        let [_, _, g] = self.runs();
        g
    }

    /// All three runs as one.
    pub(crate) fn all(self) -> std::ops::Range<usize> {
        let [p, _, g] = self.runs();
        p.start..g.end
    }
}

/// Something that happened, as stored: a fixed-size record (read it through [`EventRef`]).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// When.
    pub date: Edtf,
    pub(crate) id: Str,
    pub(crate) title: Str,
    pub(crate) summary: Str,
    pub(crate) refs: Refs,
    pub(crate) citations: Range32,
    pub(crate) links: Range32,
    /// Index + 1 of this event's [`Extra`] in the timeline's `extras`; 0: none (most events
    /// have no display date, media or fields, so those live aside).
    pub(crate) extra: u32,
}

/// What only some events have: the source's wording of the date, media and named fields.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extra {
    pub(crate) display_date: Str,
    /// A range of the timeline's `media`.
    pub(crate) media: Range32,
    /// A range of the timeline's `fields`.
    pub(crate) fields: Range32,
}

/// A picture, recording or document, as stored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Media {
    pub(crate) url: Str,
    pub(crate) caption: Str,
    pub(crate) credit: Str,
}

/// A source's claim for an event, as stored (read it through [`CiteRef`]): 24 bytes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cite {
    /// Which source.
    pub source: SourceIdx,
    /// Bits 0–27: index + 1 of the date this source states in the timeline's
    /// `cite_dates`, 0 for none (most citations agree with their event, so dates live
    /// aside). Bit 28: it has a note (in the timeline's `cite_notes`: few have).
    /// Bits 29–31: the evidence quality + 1, 0 when not given.
    pub(crate) date_q: u32,
    pub(crate) locator: Str,
    pub(crate) quote: Str,
}

impl Cite {
    /// The most dates citations may state (their numbers take 28 bits).
    pub(crate) const DATES: u32 = (1 << 28) - 1;

    /// A date's number (index + 1; 0: none), a quality and whether there is a note,
    /// packed; `None` when the number is over [`Cite::DATES`]. A quality over 6 is kept as 6
    /// (over 3 is an error the load reports).
    pub(crate) fn pack(date: u32, quality: Option<u8>, noted: bool) -> Option<u32> {
        let q = quality.map_or(0, |q| u32::from(q.min(6)) + 1);
        (date <= Cite::DATES).then_some(date | u32::from(noted) << 28 | q << 29)
    }

    /// Does it have a note?
    pub(crate) fn noted(&self) -> bool {
        self.date_q >> 28 & 1 == 1
    }

    /// Index + 1 of the date this source states in the timeline's `cite_dates`; 0: none.
    pub(crate) fn date_number(&self) -> u32 {
        self.date_q & Cite::DATES
    }

    /// Evidence quality 0–3 (GEDCOM's `QUAY`), when given.
    pub fn quality(&self) -> Option<u8> {
        let q = self.date_q >> 29;
        q.checked_sub(1).and_then(|q| u8::try_from(q).ok())
    }
}

/// A link from one event to another, as stored.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// Target event.
    pub to: EventIdx,
    /// Kind.
    pub kind: LinkKind,
    pub(crate) note: Str,
}

/// A link seen from its target: derived, never written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BackLink {
    /// The event the link starts at.
    pub from: EventIdx,
    /// Position of the link in `from`'s links.
    pub link: u32,
}

/// An event read from its timeline.
#[derive(Clone, Copy)]
pub struct EventRef<'a> {
    t: &'a Timeline,
    e: &'a Event,
    /// Its index in the timeline.
    pub idx: EventIdx,
}

impl std::ops::Deref for EventRef<'_> {
    type Target = Event;
    fn deref(&self) -> &Event {
        self.e
    }
}

impl std::fmt::Debug for EventRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Event({})", self.id())
    }
}

impl<'a> EventRef<'a> {
    pub(crate) fn new(t: &'a Timeline, idx: EventIdx) -> EventRef<'a> {
        EventRef {
            t,
            e: &t.events[idx as usize],
            idx,
        }
    }

    /// Stable id.
    pub fn id(&self) -> &'a str {
        self.t.str(self.e.id)
    }

    /// Short title.
    pub fn title(&self) -> &'a str {
        self.t.str(self.e.title)
    }

    /// Summary (may be empty).
    pub fn summary(&self) -> &'a str {
        self.t.str(self.e.summary)
    }

    /// Who took part.
    pub fn people(&self) -> &'a [PersonIdx] {
        self.t.refs.get(self.e.refs.people()).unwrap_or_default()
    }

    /// Where.
    pub fn places(&self) -> &'a [PlaceIdx] {
        self.t.refs.get(self.e.refs.places()).unwrap_or_default()
    }

    /// Tags.
    pub fn tags(&self) -> &'a [TagIdx] {
        self.t.refs.get(self.e.refs.tags()).unwrap_or_default()
    }

    /// What the sources say.
    pub fn citations(&self) -> impl ExactSizeIterator<Item = CiteRef<'a>> + Clone + 'a {
        let t = self.t;
        let r = self.e.citations.range();
        let first = r.start;
        t.cites[r].iter().enumerate().map(move |(k, c)| CiteRef {
            t,
            c,
            idx: first + k,
        })
    }

    /// Outgoing links.
    pub fn links(&self) -> impl ExactSizeIterator<Item = LinkRef<'a>> + Clone + 'a {
        let t = self.t;
        t.links[self.e.links.range()]
            .iter()
            .map(move |l| LinkRef { t, l })
    }

    /// The `n`th outgoing link.
    pub fn link(&self, n: u32) -> LinkRef<'a> {
        LinkRef {
            t: self.t,
            l: &self.t.links[self.e.links.start as usize + n as usize],
        }
    }

    /// True when its sources disagree: a citation states another date, or a
    /// `Contradicts` link starts here.
    pub fn sources_disagree(&self) -> bool {
        self.dates_disagree() || self.links().any(|l| l.kind == LinkKind::Contradicts)
    }

    /// True when a citation gives another date than the event's: the sources disagree on
    /// when it happened (what the detail pane's per-source dates show).
    pub fn dates_disagree(&self) -> bool {
        self.citations()
            .any(|c| c.date().is_some_and(|d| d != self.e.date))
    }
}

/// A citation read from its timeline.
#[derive(Clone, Copy)]
pub struct CiteRef<'a> {
    t: &'a Timeline,
    c: &'a Cite,
    /// Its index in the timeline's citations.
    idx: usize,
}

impl std::ops::Deref for CiteRef<'_> {
    type Target = Cite;
    fn deref(&self) -> &Cite {
        self.c
    }
}

/// One of an event's media, read from its timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MediaRef<'a> {
    /// Where it is.
    pub url: &'a str,
    /// Caption.
    pub caption: Option<&'a str>,
    /// Credit.
    pub credit: Option<&'a str>,
}

impl<'a> EventRef<'a> {
    fn extra(&self) -> Option<&'a Extra> {
        let k = self.e.extra.checked_sub(1)?;
        self.t.extras.get(k as usize)
    }

    /// The source's own wording of the date, when the data gives one.
    pub fn display_date(&self) -> Option<&'a str> {
        self.t.opt(self.extra()?.display_date.get())
    }

    /// Pictures, recordings, documents.
    pub fn media(&self) -> impl Iterator<Item = MediaRef<'a>> + use<'a> {
        let t = self.t;
        let r = self.extra().map_or(0..0, |x| x.media.range());
        t.media[r].iter().map(move |m| MediaRef {
            url: t.str(m.url),
            caption: t.opt(m.caption.get()),
            credit: t.opt(m.credit.get()),
        })
    }

    /// Extra named values (`username` → `alice`), in the order written.
    pub fn fields(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let t = self.t;
        let r = self.extra().map_or(0..0, |x| x.fields.range());
        t.fields[r].iter().map(move |&(k, v)| (t.str(k), t.str(v)))
    }
}

impl<'a> CiteRef<'a> {
    /// Where in the source (e.g. `¶4`).
    pub fn locator(&self) -> Option<&'a str> {
        self.t.opt(self.c.locator.get())
    }

    /// Words the source quotes from a speaker.
    pub fn quote(&self) -> Option<&'a str> {
        self.t.opt(self.c.quote.get())
    }

    /// What this source claims, when it differs.
    pub fn note(&self) -> Option<&'a str> {
        if !self.c.noted() {
            return None;
        }
        self.t.opt(self.t.cite_note(self.idx)?.get())
    }

    /// The date as this source states it, when it differs from the event's.
    pub fn date(&self) -> Option<Edtf> {
        let k = self.c.date_number().checked_sub(1)?;
        self.t.cite_dates.get(k as usize).cloned()
    }
}

/// A link read from its timeline.
#[derive(Clone, Copy)]
pub struct LinkRef<'a> {
    t: &'a Timeline,
    l: &'a Link,
}

impl std::ops::Deref for LinkRef<'_> {
    type Target = Link;
    fn deref(&self) -> &Link {
        self.l
    }
}

impl<'a> LinkRef<'a> {
    /// Why.
    pub fn note(&self) -> Option<&'a str> {
        self.t.opt(self.l.note.get())
    }
}

#[cfg(test)]
mod cite_tests {
    use super::{Cite, Refs};

    #[test]
    fn people_places_and_tags_follow_one_another() {
        let r = Refs {
            start: 2,
            people: 1,
            places: 2,
            tags: 3,
        };
        assert_eq!(
            (r.people(), r.places(), r.tags(), r.all()),
            (2..3, 3..5, 5..8, 2..8)
        );
        // Counts that would wrap in 32 bits do not (a forged entry reads out of range).
        let big = Refs {
            start: u32::MAX,
            people: u32::MAX,
            places: 2,
            tags: 0,
        };
        let end = 2 * u64::from(u32::MAX) + 2;
        let want = usize::try_from(end).unwrap_or(usize::MAX);
        assert_eq!(big.all().end, want);
        assert_eq!(big.places().end, want);
    }

    #[test]
    fn a_citations_date_number_and_quality_share_a_word() {
        for date in [0, 1, 7, Cite::DATES] {
            for quality in [None, Some(0), Some(3), Some(6)] {
                let c = Cite {
                    source: 0,
                    date_q: Cite::pack(date, quality, date % 2 == 1).unwrap(),
                    locator: Default::default(),
                    quote: Default::default(),
                };
                assert_eq!((c.date_number(), c.quality()), (date, quality));
                assert_eq!(c.noted(), date % 2 == 1);
            }
        }
        // Over 6 is kept as 6 (over 3 is reported by the load); a number too big is refused.
        assert_eq!(
            Cite::pack(0, Some(200), false),
            Cite::pack(0, Some(6), false)
        );
        assert_eq!(Cite::pack(Cite::DATES + 1, None, false), None);
        assert_eq!(std::mem::size_of::<Cite>(), 24);
    }
}
