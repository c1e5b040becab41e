//! The timeline's sections of a cache entry as they are written: the big ones (the events'
//! records, their references, citations and links) are made while they are written and
//! never held whole, so that writing the entry after a cold load costs little memory.

use super::layout::{Made, Part, Section, plain_part, serde_part};
use super::records::{
    DATE, Small, cite_words, high32, link_words, moved, put_date, range2, sets_of, str2, words,
};
use crate::domain::event::Str;
use crate::domain::{Edtf, Timeline};
use crate::load::Diagnostic;
use std::borrow::Cow;
use std::io::Write;

/// Words out in pieces, little-endian, through a buffer (no table of records is held).
struct Words<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
}

impl<'w> Words<'w> {
    fn new(out: &'w mut dyn Write) -> Words<'w> {
        Words {
            out,
            buf: Vec::with_capacity(1 << 18),
        }
    }

    fn put(&mut self, words: &[u32]) -> std::io::Result<()> {
        for w in words {
            self.buf.extend_from_slice(&w.to_le_bytes());
        }
        if self.buf.len() >= 1 << 18 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn done(self) -> std::io::Result<()> {
        self.out.write_all(&self.buf)
    }
}

/// The timeline's sections of a cache entry. The big ones (the events' records, their
/// references, citations and links) are made as they are written, never held whole.
pub fn timeline_parts<'a>(
    t: &'a Timeline,
    warnings: &'a [Diagnostic],
) -> std::io::Result<Vec<Section<'a>>> {
    let sets = sets_of(t);
    let event_sets = t
        .events
        .iter()
        .filter(|e| matches!(e.date, Edtf::Set(_)))
        .count() as u64;
    // References, citations and links are written in event order (the loader keeps them
    // in the file's, and events are sorted by date), so that whatever walks the events
    // after a warm start — its checks, a facet, a scan — walks these arrays in step
    // instead of taking a cache miss per event.
    let events: Made<'a> = Box::new(move |out| {
        let mut w = Words::new(out);
        let (mut refs, mut cites, mut links) = (0, 0, 0);
        let (mut next_set, mut date) = (0, Vec::with_capacity(DATE));
        for e in &t.events {
            for s in [e.id, e.title, e.summary] {
                w.put(&str2(s))?;
            }
            let r = e.refs;
            w.put(&[crate::domain::num::u32_of(refs), r.people, r.places, r.tags])?;
            refs += r.all().len();
            w.put(&range2(moved(e.citations, cites)))?;
            cites += e.citations.len as usize;
            w.put(&range2(moved(e.links, links)))?;
            links += e.links.len as usize;
            w.put(&[e.extra])?;
            date.clear();
            put_date(&e.date, &mut next_set, &mut date);
            for &d in &date {
                w.put(&[crate::domain::num::low32(d), high32(d)])?;
            }
        }
        w.done()
    });
    let refs: Made<'a> = Box::new(move |out| {
        let mut w = Words::new(out);
        for e in &t.events {
            w.put(t.refs.get(e.refs.all()).unwrap_or_default())?;
        }
        w.done()
    });
    let cites: Made<'a> = Box::new(move |out| {
        let mut w = Words::new(out);
        for e in &t.events {
            for k in e.citations.range() {
                let c = &t.cites[k];
                let note = if c.noted() { t.cite_note(k) } else { None };
                let note = note.unwrap_or(Str::NONE);
                w.put(&cite_words(c, note))?;
            }
        }
        w.done()
    });
    let links: Made<'a> = Box::new(move |out| {
        let mut w = Words::new(out);
        for e in &t.events {
            for l in &t.links[e.links.range()] {
                w.put(&link_words(l))?;
            }
        }
        w.done()
    });
    let mut cite_dates = Vec::with_capacity(t.cite_dates.len() * DATE);
    let mut next_set = event_sets;
    for d in &t.cite_dates {
        put_date(d, &mut next_set, &mut cite_dates);
    }
    let extras = words(&t.extras, |x| {
        let [a, b] = str2(x.display_date);
        let [c, d] = range2(x.media);
        let [e, f] = range2(x.fields);
        [a, b, c, d, e, f]
    });
    let media = words(&t.media, |m| {
        let [a, b] = str2(m.url);
        let [c, d] = str2(m.caption);
        let [e, f] = str2(m.credit);
        [a, b, c, d, e, f]
    });
    let fields = words(&t.fields, |&(k, v)| {
        let [a, b] = str2(k);
        let [c, d] = str2(v);
        [a, b, c, d]
    });
    let back = words(&t.back, |b| [b.from, b.link]);
    // The id map's events in hash order: borrowed from a settled map (what a load
    // makes), else made.
    let ids: Part<'a> = match t.ids.settled_values() {
        Some(v) => plain_part(v),
        None => Cow::Owned(plain_part(&t.ids.sorted_values(|i| t.id_hash(i))).into_owned()),
    };
    let small = Small {
        title: Cow::Borrowed(&t.title),
        description: Cow::Borrowed(&t.description),
        people: Cow::Borrowed(&t.people),
        sources: Cow::Borrowed(&t.sources),
        places: Cow::Borrowed(&t.places),
        terms: Cow::Borrowed(&t.terms),
        tags: Cow::Borrowed(&t.tags),
        eras: Cow::Borrowed(&t.eras),
        warnings: Cow::Borrowed(warnings),
        sets,
    };
    let own = |v: Vec<u32>| Section::Bytes(Cow::Owned(plain_part(&v).into_owned()));
    let own64 = |v: Vec<u64>| Section::Bytes(Cow::Owned(plain_part(&v).into_owned()));
    // The first [`HEAD`] are read by [`read_head`], the others by [`read_rest`].
    Ok(vec![
        serde_part(&small)?.into(),
        plain_part(t.text.as_bytes()).into(),
        Section::Made(events),
        own64(cite_dates),
        Section::Made(refs),
        Section::Made(cites),
        Section::Made(links),
        own(extras),
        own(media),
        own(fields),
        plain_part(&t.back_start).into(),
        own(back),
        ids.into(),
    ])
}
