//! A timeline and its search index as the cache's sections (see `layout`): plain arrays
//! as they are in memory, records (events, citations, links…) as fixed runs of words,
//! dates as nine words each, and the few small parts (people, sources, names, warnings)
//! in `postcard`. Decoding refuses every enum value the writer cannot make; what it lets
//! through is then checked by `sound`.

use super::layout::{Part, Sections, plain_part, serde_part};
pub use super::written::timeline_parts;
use crate::domain::date::{Bound, Date, Edtf, Set, Shape};
use crate::domain::event::{Extra, Media, Range32, Refs, Str};
use crate::domain::{
    BackLink, Cite, Era, Event, Link, LinkKind, Person, Place, Source, Term, Timeline,
};
use crate::load::Diagnostic;
use crate::query::SearchIndex;
use crate::query::index::{KeyList, Offsets, Spans};
use std::borrow::Cow;

/// The search index's plain per-event arrays, after its text, offsets and dates, in file
/// order. A new `Vec<u8/u16/u32/u64/i32/i64/usize>` field of [`SearchIndex`] is one more
/// name here (and its length check in `sound::index`).
macro_rules! index_arrays {
    ($m:ident) => {
        $m!(years, flags, letters, key_starts)
    };
}

/// What is small enough to decode element by element.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Small<'a> {
    pub(super) title: Cow<'a, str>,
    pub(super) description: Cow<'a, Option<String>>,
    pub(super) people: Cow<'a, [Person]>,
    pub(super) sources: Cow<'a, [Source]>,
    pub(super) places: Cow<'a, [Place]>,
    pub(super) terms: Cow<'a, [Term]>,
    pub(super) tags: Cow<'a, [String]>,
    pub(super) eras: Cow<'a, [Era]>,
    pub(super) warnings: Cow<'a, [Diagnostic]>,
    /// The dates that are sets (rare), which date records point to.
    pub(super) sets: Vec<Set>,
}

/// The index's small parts: its names and what is known of them.
#[derive(serde::Serialize, serde::Deserialize)]
struct SmallIndex<'a> {
    names: Cow<'a, [String]>,
    kind_start: [u32; 6],
    used: Cow<'a, [bool]>,
    spellings: Cow<'a, [Vec<String>]>,
    name_terms: Cow<'a, [Vec<u32>]>,
}

pub(super) fn str2(s: Str) -> [u32; 2] {
    [s.start, s.len]
}

pub(super) fn range2(r: Range32) -> [u32; 2] {
    [r.start, r.len]
}

fn str_of(w: &[u32]) -> Str {
    Str {
        start: w[0],
        len: w[1],
    }
}

fn range_of(w: &[u32]) -> Range32 {
    Range32 {
        start: w[0],
        len: w[1],
    }
}

/// Words per event record, per citation, link, extra, media and field.
pub(super) const EVENT: usize = 15;
// (An event's record is followed by its date, as `2 * DATE` halves.)
pub(super) const CITE: usize = 9;
pub(super) const LINK: usize = 4;
pub(super) const EXTRA: usize = 6;
pub(super) const MEDIA: usize = 6;
pub(super) const FIELD: usize = 4;
pub(super) const BACK: usize = 2;
/// Words per date: a tag, then two dates of four words.
pub(super) const DATE: usize = 9;

fn bound_tag(b: &Bound) -> u64 {
    match b {
        Bound::Point(_) => 0,
        Bound::Open => 1,
        Bound::Unknown => 2,
    }
}

/// A date as nine words; a set as its number (`next_set`, counted up: sets are numbered
/// in the order [`sets_of`] finds them).
pub(super) fn put_date(d: &Edtf, next_set: &mut u64, out: &mut Vec<u64>) {
    let mut w = [0u64; DATE];
    match d.shape() {
        Shape::Point(p) => w[1..5].copy_from_slice(&p.to_words()),
        Shape::Interval { start, end } => {
            w[0] = 1 | bound_tag(start) << 8 | bound_tag(end) << 16;
            if let Bound::Point(p) = start {
                w[1..5].copy_from_slice(&p.to_words());
            }
            if let Bound::Point(p) = end {
                w[5..9].copy_from_slice(&p.to_words());
            }
        }
        Shape::Set(_) => {
            w[0] = 2;
            w[1] = *next_set;
            *next_set += 1;
        }
    }
    out.extend_from_slice(&w);
}

/// The timeline's dates that are sets, in the order its sections number them: the
/// events' (in order), then the citations'.
pub(super) fn sets_of(t: &Timeline) -> Vec<Set> {
    let dates = t.events.iter().map(|e| &e.date).chain(&t.cite_dates);
    dates
        .filter_map(|d| match d.shape() {
            Shape::Set(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

fn date_of(w: &[u64], sets: &[Set]) -> Result<Edtf, String> {
    let date = |i: usize| {
        let mut d = [0u64; 4];
        d.copy_from_slice(&w[i..i + 4]);
        Date::from_words(d).map_err(String::from)
    };
    let bound = |tag: u64, i: usize| match tag {
        0 => date(i).map(Bound::Point),
        1 => Ok(Bound::Open),
        2 => Ok(Bound::Unknown),
        _ => Err("bad date bound".to_string()),
    };
    match w[0] & 0xff {
        0 => date(1).map(Edtf::Point),
        1 => Ok(Edtf::interval(
            bound(w[0] >> 8 & 0xff, 1)?,
            bound(w[0] >> 16, 5)?,
        )),
        2 => usize::try_from(w[1])
            .ok()
            .and_then(|i| sets.get(i))
            .map(|s| Edtf::Set(Box::new(s.clone())))
            .ok_or_else(|| "bad date set".to_string()),
        _ => Err("bad date".into()),
    }
}

fn kind_tag(k: LinkKind) -> u32 {
    match k {
        LinkKind::Related => 0,
        LinkKind::Causes => 1,
        LinkKind::PartOf => 2,
        LinkKind::Refers => 3,
        LinkKind::Contradicts => 4,
    }
}

/// A range of an array moved to start at `at` (a count that fits: the array's own).
pub(super) fn moved(r: Range32, at: usize) -> Range32 {
    Range32 {
        start: crate::domain::num::u32_of(at),
        len: r.len,
    }
}

/// A citation's record (`note`: its note, or [`Str::NONE`]).
pub(super) fn cite_words(c: &Cite, note: Str) -> [u32; CITE] {
    let [a, b] = str2(c.locator);
    let [d, e] = str2(c.quote);
    let [f, g] = str2(note);
    let q = c.quality().map_or(0, |q| u32::from(q) + 1);
    [c.source, c.date_number(), a, b, d, e, f, g, q]
}

/// A link's record.
pub(super) fn link_words(l: &Link) -> [u32; LINK] {
    let [a, b] = str2(l.note);
    [l.to, kind_tag(l.kind), a, b]
}

/// Records as words, `W` per record.
pub(super) fn words<T, const W: usize>(v: &[T], f: impl Fn(&T) -> [u32; W]) -> Vec<u32> {
    let mut out = Vec::with_capacity(v.len() * W);
    for x in v {
        out.extend_from_slice(&f(x));
    }
    out
}

/// Records back from their words (`w` per record).
fn records<T>(
    words: &[u32],
    w: usize,
    f: impl Fn(&[u32]) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    if !words.len().is_multiple_of(w) {
        return Err("bad record length".into());
    }
    words.chunks_exact(w).map(f).collect()
}

/// How many of the timeline's sections [`read_head`] reads (the others are
/// [`read_rest`]'s, on another thread).
pub const HEAD: usize = 4;

/// The timeline's first sections: what is small, the text, the events with their dates
/// and the citations' dates.
pub struct Head {
    small: Small<'static>,
    text: crate::domain::arena::Arena,
    events: Vec<Event>,
    cite_dates: Vec<Edtf>,
}

/// The timeline's other sections: references, citations, links, extras, back-links and
/// the id map (its events in the order of their ids' hashes).
pub struct Rest {
    refs: Vec<u32>,
    cites: Vec<Cite>,
    cite_notes: Vec<(u32, Str)>,
    links: Vec<Link>,
    extras: Vec<Extra>,
    media: Vec<Media>,
    fields: Vec<(Str, Str)>,
    back_start: Vec<u32>,
    back: Vec<BackLink>,
    ids: crate::domain::ids::IdMap,
}

/// A citation back from its words, and its note ([`Str::NONE`] for none).
fn cite_of(w: &[u32]) -> Result<(Cite, Str), String> {
    let quality = match w[8] {
        0 => None,
        q => Some(u8::try_from(q - 1).map_err(|_| "bad citation quality")?),
    };
    let note = str_of(&w[6..8]);
    let cite = Cite {
        source: w[0],
        date_q: Cite::pack(w[1], quality, note != Str::NONE).ok_or("bad citation date")?,
        locator: str_of(&w[2..4]),
        quote: str_of(&w[4..6]),
    };
    Ok((cite, note))
}

/// The high half of a word.
pub(super) fn high32(w: u64) -> u32 {
    crate::domain::num::low32(w >> 32)
}

/// Dates back from their words.
fn dates_of(words: &[u64], sets: &[Set]) -> Result<Vec<Edtf>, String> {
    if !words.len().is_multiple_of(DATE) {
        return Err("bad dates".into());
    }
    words.chunks_exact(DATE).map(|d| date_of(d, sets)).collect()
}

/// The first [`HEAD`] sections of [`timeline_parts`].
pub fn read_head(s: &mut Sections) -> Result<Head, String> {
    let small: Small = s.serde()?;
    let text = s.text()?;
    // Read and decoded in pieces: the raw records are never all in memory at once.
    let mut events = Vec::new();
    s.each::<u32>(EVENT + 2 * DATE, |total, piece| {
        if events.capacity() == 0 {
            events.reserve_exact(total);
        }
        for w in piece.chunks_exact(EVENT + 2 * DATE) {
            let mut d = [0u64; DATE];
            for (k, x) in d.iter_mut().enumerate() {
                let (lo, hi) = (w[EVENT + 2 * k], w[EVENT + 2 * k + 1]);
                *x = u64::from(lo) | u64::from(hi) << 32;
            }
            events.push(Event {
                date: date_of(&d, &small.sets)?,
                id: str_of(&w[0..2]),
                title: str_of(&w[2..4]),
                summary: str_of(&w[4..6]),
                refs: Refs {
                    start: w[6],
                    people: w[7],
                    places: w[8],
                    tags: w[9],
                },
                citations: range_of(&w[10..12]),
                links: range_of(&w[12..14]),
                extra: w[14],
            });
        }
        Ok(())
    })?;
    let cite_dates = dates_of(&s.plain::<u64>()?, &small.sets)?;
    s.done()?;
    Ok(Head {
        small,
        text,
        events,
        cite_dates,
    })
}

/// The sections of [`timeline_parts`] after the first [`HEAD`].
pub fn read_rest(s: &mut Sections) -> Result<Rest, String> {
    let refs = s.plain::<u32>()?;
    let mut cites = Vec::new();
    let mut cite_notes = Vec::new();
    s.each::<u32>(CITE, |total, piece| {
        if cites.capacity() == 0 {
            cites.reserve_exact(total);
        }
        for w in piece.chunks_exact(CITE) {
            let (c, note) = cite_of(w)?;
            if note != Str::NONE {
                cite_notes.push((crate::domain::num::u32_of(cites.len()), note));
            }
            cites.push(c);
        }
        Ok(())
    })?;
    let links = records(&s.plain::<u32>()?, LINK, |w| {
        Ok(Link {
            to: w[0],
            kind: *LinkKind::ALL.get(w[1] as usize).ok_or("bad link kind")?,
            note: str_of(&w[2..4]),
        })
    })?;
    let extras = records(&s.plain::<u32>()?, EXTRA, |w| {
        Ok(Extra {
            display_date: str_of(&w[0..2]),
            media: range_of(&w[2..4]),
            fields: range_of(&w[4..6]),
        })
    })?;
    let media = records(&s.plain::<u32>()?, MEDIA, |w| {
        Ok(Media {
            url: str_of(&w[0..2]),
            caption: str_of(&w[2..4]),
            credit: str_of(&w[4..6]),
        })
    })?;
    let fields = records(&s.plain::<u32>()?, FIELD, |w| {
        Ok((str_of(&w[0..2]), str_of(&w[2..4])))
    })?;
    let back_start = s.plain::<u32>()?;
    let back = records(&s.plain::<u32>()?, BACK, |w| {
        Ok(BackLink {
            from: w[0],
            link: w[1],
        })
    })?;
    let ids = crate::domain::ids::IdMap::from_sorted(s.plain::<u32>()?);
    s.done()?;
    Ok(Rest {
        ids,
        refs,
        cites,
        cite_notes,
        links,
        extras,
        media,
        fields,
        back_start,
        back,
    })
}

/// The timeline and its warnings from both halves of its sections.
pub fn timeline(h: Head, r: Rest) -> (Timeline, Vec<Diagnostic>) {
    let small = h.small;
    let t = Timeline {
        title: small.title.into_owned(),
        description: small.description.into_owned(),
        people: small.people.into_owned(),
        sources: small.sources.into_owned(),
        places: small.places.into_owned(),
        terms: small.terms.into_owned(),
        tags: small.tags.into_owned(),
        text: h.text,
        events: h.events,
        refs: r.refs,
        cites: r.cites,
        cite_notes: r.cite_notes,
        links: r.links,
        cite_dates: h.cite_dates,
        eras: small.eras.into_owned(),
        extras: r.extras,
        media: r.media,
        fields: r.fields,
        back_start: r.back_start,
        back: r.back,
        ids: r.ids,
    };
    (t, small.warnings.into_owned())
}

/// The index's sections, in file order.
pub fn index_parts(x: &SearchIndex) -> std::io::Result<Vec<Part<'_>>> {
    let small = SmallIndex {
        names: Cow::Borrowed(&x.names),
        kind_start: x.kind_start,
        used: Cow::Borrowed(&x.used),
        spellings: Cow::Borrowed(&x.spellings),
        name_terms: Cow::Borrowed(&x.name_terms),
    };
    let (known, lo, hi) = x.dates.columns();
    let mut parts = vec![
        serde_part(&small)?,
        plain_part(x.text.as_bytes()),
        plain_part(x.starts.columns().0),
        plain_part(x.starts.columns().1),
        plain_part(x.long.columns().0),
        plain_part(x.long.columns().1),
        Cow::Borrowed(known),
        plain_part(lo),
        plain_part(hi),
    ];
    macro_rules! put {
        ($($f:ident),*) => { $( parts.push(plain_part(&x.$f)); )* };
    }
    index_arrays!(put);
    // The keys: their width (2 or 4 bytes), then the keys.
    match &x.keys {
        KeyList::Narrow(v) => parts.extend([Cow::Owned(vec![2]), plain_part(v)]),
        KeyList::Wide(v) => parts.extend([Cow::Owned(vec![4]), plain_part(v)]),
    }
    Ok(parts)
}

/// Offsets back from their two columns.
fn offsets(s: &mut Sections) -> Result<Offsets, String> {
    let (low, wraps) = (s.plain()?, s.plain()?);
    Offsets::from_columns(low, wraps).ok_or_else(|| "bad index offsets".into())
}

/// The index back from [`index_parts`].
pub fn read_index(s: &mut Sections) -> Result<SearchIndex, String> {
    let small: SmallIndex = s.serde()?;
    let mut x = SearchIndex {
        names: small.names.into_owned(),
        kind_start: small.kind_start,
        used: small.used.into_owned(),
        spellings: small.spellings.into_owned(),
        name_terms: small.name_terms.into_owned(),
        text: s.text()?,
        starts: offsets(s)?,
        long: offsets(s)?,
        ..SearchIndex::default()
    };
    let (known, lo, hi) = (s.plain::<u8>()?, s.plain::<i64>()?, s.plain::<i64>()?);
    x.dates = Spans::from_columns(known, lo, hi).ok_or("bad index dates")?;
    macro_rules! take {
        ($($f:ident),*) => { $( x.$f = s.plain()?; )* };
    }
    index_arrays!(take);
    x.keys = match s.plain::<u8>()?.as_slice() {
        [2] => KeyList::Narrow(s.plain()?),
        [4] => KeyList::Wide(s.plain()?),
        _ => return Err("bad index keys".into()),
    };
    s.done()?;
    Ok(x)
}
