//! Checks that a timeline and search index read back from the cache are internally sound —
//! every index and range inside its array, every date in range — so that a damaged or
//! forged entry is rejected before use instead of panicking. (The entry's checksum catches
//! accidents; this catches everything that would crash.) Strings are not checked here:
//! [`Timeline::str`] reads one that is not inside the text, or not on character
//! boundaries, as empty. Checking each before use meant a jump into the text per string,
//! in event order rather than the text's: a fifth of a warm start at a million events.

use crate::domain::event::Range32;
use crate::domain::{Cite, Edtf, Event, Timeline};
use crate::query::SearchIndex;

type Check = Result<(), String>;

fn fail(what: &str) -> Check {
    Err(format!("damaged entry: {what}"))
}

fn ensure(ok: bool, what: &str) -> Check {
    if ok { Ok(()) } else { fail(what) }
}

fn range(r: Range32, len: usize, what: &str) -> Check {
    ensure(r.start as u64 + r.len as u64 <= len as u64, what)
}

/// A date as the parser could have made it.
fn date(d: &Edtf) -> Check {
    ensure(d.sound(), "date out of range")
}

/// Is event `e`'s every reference inside `t`, and its date sound?
fn event(t: &Timeline, e: &Event) -> Check {
    date(&e.date)?;
    ensure(e.extra as usize <= t.extras.len(), "event extra")?;
    ensure(e.refs.all().end <= t.refs.len(), "people, places and tags")?;
    range(e.citations, t.cites.len(), "citations")?;
    range(e.links, t.links.len(), "links")?;
    let refs = |r: std::ops::Range<usize>| t.refs.get(r).unwrap_or_default();
    ensure(
        refs(e.refs.people())
            .iter()
            .all(|&p| (p as usize) < t.people.len())
            && refs(e.refs.places())
                .iter()
                .all(|&p| (p as usize) < t.places.len())
            && refs(e.refs.tags())
                .iter()
                .all(|&g| (g as usize) < t.tags.len()),
        "reference out of range",
    )?;
    Ok(())
}

/// Is citation `c`'s every reference inside `t`?
fn cite(t: &Timeline, c: &Cite) -> Check {
    ensure((c.source as usize) < t.sources.len(), "citation source")?;
    ensure(
        (c.date_number() as usize) <= t.cite_dates.len(),
        "citation date",
    )?;
    ensure(c.quality().is_none_or(|q| q <= 3), "citation quality")
}

/// Run two checks, on two threads when `parallel`; the first failure.
fn both(
    parallel: bool,
    a: impl FnOnce() -> Check + Send,
    b: impl FnOnce() -> Check + Send,
) -> Check {
    if !parallel {
        return a().and_then(|()| b());
    }
    let (ra, rb) = crate::domain::par::join(a, b);
    ra.and(rb)
}

/// Is every reference in `t` inside what it refers to?
pub fn timeline(t: &Timeline) -> Check {
    let n = t.events.len();
    ensure(n <= u32::MAX as usize, "too many events")?;
    for p in &t.people {
        for d in p.born.iter().chain(&p.died) {
            date(d)?;
        }
    }
    for s in &t.sources {
        if let Some(d) = &s.published {
            date(d)?;
        }
    }
    t.cite_dates.iter().try_for_each(date)?;
    for e in &t.eras {
        date(&e.date)?;
    }
    for x in &t.extras {
        range(x.media, t.media.len(), "media")?;
        range(x.fields, t.fields.len(), "fields")?;
    }
    // A million events and their citations are checked on two cores (the warm start
    // waits for this): each half of both on its own.
    let (ea, eb) = t.events.split_at(t.events.len() / 2);
    let (ca, cb) = t.cites.split_at(t.cites.len() / 2);
    let half = |es: &[Event], cs: &[Cite]| {
        es.iter().try_for_each(|e| event(t, e))?;
        cs.iter().try_for_each(|c| cite(t, c))
    };
    both(n >= 1 << 16, || half(ea, ca), || half(eb, cb))?;
    ensure(
        t.cite_notes.windows(2).all(|w| w[0].0 < w[1].0)
            && t.cite_notes
                .last()
                .is_none_or(|&(k, _)| (k as usize) < t.cites.len()),
        "citation notes",
    )?;
    for l in &t.links {
        ensure((l.to as usize) < n, "link target")?;
    }
    ensure(t.back_start.len() == n + 1, "back-link starts")?;
    ensure(
        t.back_start.windows(2).all(|w| w[0] <= w[1])
            && t.back_start
                .last()
                .is_some_and(|&e| e as usize <= t.back.len()),
        "back-link ranges",
    )?;
    for b in &t.back {
        let from = t.events.get(b.from as usize);
        ensure(
            from.is_some_and(|e| b.link < e.links.len),
            "back-link source",
        )?;
    }
    ensure(t.ids.values().all(|v| (v as usize) < n), "id map")
}

/// Is every offset and key in `x` inside its arrays, and does it index `t`'s events?
pub fn index(x: &SearchIndex, t: &Timeline) -> Check {
    let n = t.len();
    ensure(
        x.dates.len() == n
            && x.years.len() == n
            && x.flags.len() == n
            && x.long.len() == n
            && x.letters.len() == n
            && x.starts.len() == n + 1
            && x.key_starts.len() == n + 1,
        "index does not match the timeline",
    )?;
    both(n >= 1 << 16, || offsets(x), || keys(x, t))
}

/// Are the index's text offsets in order and inside its text? (Character boundaries are
/// checked where the text is read: `SearchIndex::own` and its kin.)
fn offsets(x: &SearchIndex) -> Check {
    ensure(
        x.starts.iter().is_sorted() && x.starts.last().is_some_and(|e| e <= x.text.len()),
        "index text offsets",
    )?;
    ensure(
        x.long
            .iter()
            .enumerate()
            .all(|(i, l)| x.starts.at(i) <= l && l <= x.starts.at(i + 1)),
        "index long offsets",
    )
}

/// Are the index's name keys inside its names, of the kinds and counts of `t`'s?
fn keys(x: &SearchIndex, t: &Timeline) -> Check {
    let names = x.names.len();
    ensure(
        x.key_starts.windows(2).all(|w| w[0] <= w[1])
            && x.key_starts
                .last()
                .is_some_and(|&e| e as usize <= x.keys.len())
            && x.keys.all_below(names),
        "index keys",
    )?;
    let ks = x.kind_start;
    let kinds = [
        t.people.len(),
        t.places.len(),
        t.tags.len(),
        t.sources.len(),
        t.terms.len(),
    ];
    ensure(
        ks[0] == 0
            && ks[5] as usize == names
            && (0..5).all(|i| ks[i] <= ks[i + 1] && (ks[i + 1] - ks[i]) as usize == kinds[i]),
        "index name kinds",
    )?;
    ensure(
        x.used.len() == names
            && x.spellings.len() == t.terms.len()
            && x.name_terms.len() == ks[4] as usize
            && x.name_terms
                .iter()
                .flatten()
                .all(|&k| ks[4] <= k && k < ks[5]),
        "index names",
    )
}
