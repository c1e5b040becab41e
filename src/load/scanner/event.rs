//! The shapes of one event: `Event(…)` and its `Cite`, `Link` and `Media`, field for field
//! as `raw.rs` declares them (required fields, defaults, no unknown or repeated field).

use super::Scan;
use crate::domain::LinkKind;
use crate::load::raw::{Fields, RawCite, RawEventRef, RawLink, RawMedia, Text};

/// Scan one element of the events list (its whole text, surrounding whitespace and
/// comments included): the event `ron` would read from it, or `None` when the text is not
/// in the subset the scanner knows (then `ron` must be asked: it may still be valid).
pub fn event(src: &str) -> Option<RawEventRef<'_>> {
    let mut x = Scan::new(src);
    x.ws()?;
    let e = x.event()?;
    x.ws()?;
    (x.i == src.len()).then_some(e)
}

impl<'a> Scan<'a> {
    fn event(&mut self) -> Option<RawEventRef<'a>> {
        let (mut id, mut date, mut title) = (None, None, None);
        let mut e = RawEventRef {
            id: Text(Default::default()),
            date: Text(Default::default()),
            title: Text(Default::default()),
            summary: None,
            people: Vec::new(),
            places: Vec::new(),
            tags: Vec::new(),
            citations: Vec::new(),
            links: Vec::new(),
            display_date: None,
            media: Vec::new(),
            fields: Fields::default(),
        };
        self.strukt(b"Event", |x, f| {
            Some(match f {
                b"id" => {
                    id = Some(x.string()?);
                    0
                }
                b"date" => {
                    date = Some(x.string()?);
                    1
                }
                b"title" => {
                    title = Some(x.string()?);
                    2
                }
                b"summary" => {
                    e.summary = x.option(Scan::string)?;
                    3
                }
                b"people" => {
                    e.people = x.list(Scan::string)?;
                    4
                }
                b"places" => {
                    e.places = x.list(Scan::string)?;
                    5
                }
                b"tags" => {
                    e.tags = x.list(Scan::string)?;
                    6
                }
                b"citations" => {
                    e.citations = x.list(Scan::cite)?;
                    7
                }
                b"links" => {
                    e.links = x.list(Scan::link)?;
                    8
                }
                b"display_date" => {
                    e.display_date = x.option(Scan::string)?;
                    9
                }
                b"media" => {
                    e.media = x.list(Scan::media)?;
                    10
                }
                b"fields" => {
                    e.fields = Fields(x.map()?);
                    11
                }
                _ => return None,
            })
        })?;
        e.id = id?;
        e.date = date?;
        e.title = title?;
        Some(e)
    }

    fn cite(&mut self) -> Option<RawCite<Text<'a>>> {
        let mut source = None;
        let mut c = RawCite {
            source: Text(Default::default()),
            locator: None,
            quote: None,
            date: None,
            note: None,
            quality: None,
        };
        self.strukt(b"Cite", |x, f| {
            Some(match f {
                b"source" => {
                    source = Some(x.string()?);
                    0
                }
                b"locator" => {
                    c.locator = x.option(Scan::string)?;
                    1
                }
                b"quote" => {
                    c.quote = x.option(Scan::string)?;
                    2
                }
                b"date" => {
                    c.date = x.option(Scan::string)?;
                    3
                }
                b"note" => {
                    c.note = x.option(Scan::string)?;
                    4
                }
                b"quality" => {
                    c.quality = x.option(Scan::small_uint)?;
                    5
                }
                _ => return None,
            })
        })?;
        c.source = source?;
        Some(c)
    }

    fn link(&mut self) -> Option<RawLink<Text<'a>>> {
        let (mut to, mut kind, mut note) = (None, None, None);
        self.strukt(b"Link", |x, f| {
            Some(match f {
                b"to" => {
                    to = Some(x.string()?);
                    0
                }
                b"kind" => {
                    kind = Some(x.link_kind()?);
                    1
                }
                b"note" => {
                    note = x.option(Scan::string)?;
                    2
                }
                _ => return None,
            })
        })?;
        Some(RawLink {
            to: to?,
            kind: kind?,
            note,
        })
    }

    fn media(&mut self) -> Option<RawMedia<Text<'a>>> {
        let (mut url, mut caption, mut credit) = (None, None, None);
        self.strukt(b"Media", |x, f| {
            Some(match f {
                b"url" => {
                    url = Some(x.string()?);
                    0
                }
                b"caption" => {
                    caption = x.option(Scan::string)?;
                    1
                }
                b"credit" => {
                    credit = x.option(Scan::string)?;
                    2
                }
                _ => return None,
            })
        })?;
        Some(RawMedia {
            url: url?,
            caption,
            credit,
        })
    }

    /// A unit variant of [`LinkKind`], by its exact name.
    fn link_kind(&mut self) -> Option<LinkKind> {
        let k = match self.ident() {
            b"Related" => LinkKind::Related,
            b"Causes" => LinkKind::Causes,
            b"PartOf" => LinkKind::PartOf,
            b"Refers" => LinkKind::Refers,
            b"Contradicts" => LinkKind::Contradicts,
            _ => return None,
        };
        Some(k)
    }
}
