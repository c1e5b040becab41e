//! Tests of the cache's fixed layout: an entry reads back exactly what was written, and a
//! cut, flipped or forged one (checksums put right) is refused without a panic.

use super::*;

/// Timelines with every kind of record: sets and intervals of dates, times, citation
/// dates and qualities, links, media, fields, eras, warnings.
const RICH: [&str; 4] = [
    load::BUNDLED,
    include_str!("../../tests/fixtures/times.ron"),
    include_str!("../../tests/fixtures/extras.ron"),
    // Sets in events' dates and in citations' (numbered across both), notes on some
    // citations (kept aside in memory, in the citation's record in an entry).
    r#"Timeline(title: "sets", sources: [Source(id: "s", title: "S")], events: [
        Event(id: "c", date: "{1700,1701}", title: "C", citations: [Cite(source: "s")],
            summary: "A summary long enough for the text to be worth mapping: well over a hundred bytes in all, so that this entry is read as the others are, its text shared in place."),
        Event(id: "a", date: "[1667,1668]", title: "A",
            citations: [Cite(source: "s", date: "{1990,1991}", note: "one")]),
        Event(id: "b", date: "2001", title: "B", citations: [
            Cite(source: "s", locator: "p. 1"),
            Cite(source: "s", date: "[2002..2003]", note: "two", locator: "p. 1"),
        ]),
    ])"#,
];

fn key() -> Key {
    Key {
        version: "test".into(),
        reading: String::new(),
        path: PathBuf::from("/t.ron"),
        size: 1,
        mtime_ns: 2,
        hash: 3,
    }
}

/// The timeline with its references, citations and links laid out in event order, as an
/// entry stores them (a loaded timeline keeps them in the file's order; no reader sees the
/// difference: each event's own lists are the same).
fn in_event_order(t: &crate::domain::Timeline) -> crate::domain::Timeline {
    use crate::domain::event::Range32;
    fn gather<T: Clone>(all: &[T], out: &mut Vec<T>, r: &mut Range32) {
        let start = u32::try_from(out.len()).unwrap();
        out.extend_from_slice(&all[r.range()]);
        *r = Range32 { start, len: r.len };
    }
    let mut t = t.clone();
    let (mut refs, mut cites, mut links) = (Vec::new(), Vec::new(), Vec::new());
    let mut notes = Vec::new();
    let old_notes = std::mem::take(&mut t.cite_notes);
    let note_of = |k: usize| {
        let at = old_notes
            .binary_search_by_key(&k, |&(i, _)| i as usize)
            .ok()?;
        Some(old_notes[at].1)
    };
    for e in &mut t.events {
        let start = u32::try_from(refs.len()).unwrap();
        refs.extend_from_slice(&t.refs[e.refs.all()]);
        e.refs.start = start;
        // Notes follow their citations to their new places.
        for (k, old) in e.citations.range().enumerate() {
            if let Some(n) = note_of(old) {
                notes.push((u32::try_from(cites.len() + k).unwrap(), n));
            }
        }
        gather(&t.cites, &mut cites, &mut e.citations);
        gather(&t.links, &mut links, &mut e.links);
    }
    (t.refs, t.cites, t.links, t.cite_notes) = (refs, cites, links, notes);
    t
}

/// Everything in a timeline and its index, as bytes (the id map by its events in hash
/// order; the lists in event order).
fn all_of(l: &Loaded, x: &SearchIndex) -> Vec<u8> {
    let mut t = in_event_order(&l.timeline);
    let ids = std::mem::take(&mut t.ids).sorted_values(|i| l.timeline.id_hash(i));
    postcard::to_stdvec(&(&t, ids, &l.warnings, x)).unwrap()
}

/// A written entry for each rich timeline: (the folder, the entry, what was written).
fn written() -> Vec<(tempfile::TempDir, PathBuf, Vec<u8>)> {
    RICH.iter()
        .map(|src| {
            let l = load::load_bytes(src.as_bytes(), "t.ron", load::Format::Ron).unwrap();
            let x = SearchIndex::new(&l.timeline);
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("e.bin");
            write_entry(&file, &key(), &l, &x).unwrap();
            let want = all_of(&l, &x);
            (dir, file, want)
        })
        .collect()
}

#[test]
fn an_entry_reads_back_exactly_what_was_written() {
    for (dir, file, want) in written() {
        let (l, x) = read_entry(&file, &key())
            .unwrap()
            .expect("the entry is used");
        assert_eq!(all_of(&l, &x), want);
        // Written again from what was read: the very same bytes.
        let again = dir.path().join("again.bin");
        write_entry(&again, &key(), &l, &x).unwrap();
        assert_eq!(
            std::fs::read(&again).unwrap(),
            std::fs::read(&file).unwrap()
        );
        let other = Key { hash: 4, ..key() };
        assert!(read_entry(&file, &other).unwrap().is_none(), "another key");
    }
}

/// The entry must be refused: an error (never a panic, never data).
fn refused(file: &Path, bytes: &[u8], what: &str) {
    std::fs::write(file, bytes).unwrap();
    if let Ok(Some(_)) = read_entry(file, &key()) {
        panic!("{what}: a damaged entry was used");
    }
}

#[test]
fn an_entry_cut_short_anywhere_near_a_section_boundary_is_refused() {
    for (_dir, file, _) in written() {
        let good = std::fs::read(&file).unwrap();
        let rows = layout::sections(&good);
        assert!(rows.len() > 20, "{} sections", rows.len());
        let mut cuts = vec![0, 8, layout::HEAD_LEN, rows[0].0 - 1];
        for &(at, len) in &rows {
            cuts.extend([at, at + 1, at + len / 2, (at + len).saturating_sub(1)]);
        }
        for cut in cuts.into_iter().filter(|&c| c < good.len()) {
            refused(&file, &good[..cut], &format!("cut at {cut}"));
        }
        // Grown: a byte more at the end.
        let mut grown = good.clone();
        grown.push(0);
        refused(&file, &grown, "grown");
    }
}

#[test]
fn a_flipped_bit_anywhere_is_refused() {
    for (_dir, file, _) in written() {
        let good = std::fs::read(&file).unwrap();
        let step = (good.len() / 3000).max(1);
        for i in (0..good.len()).step_by(step).chain([good.len() - 1]) {
            let mut bad = good.clone();
            bad[i] ^= 1 << (i % 8);
            refused(&file, &bad, &format!("bit flipped at {i}"));
        }
    }
}

#[test]
fn forged_offsets_and_lengths_with_good_checksums_are_refused() {
    let put = |b: &mut [u8], i: usize, v: u64| b[i..i + 8].copy_from_slice(&v.to_le_bytes());
    for (_dir, file, _) in written() {
        let good = std::fs::read(&file).unwrap();
        let rows = layout::sections(&good);
        let table_at = rows[0].0 - rows.len() * 24;
        let size = good.len() as u64;
        for (r, &(at, len)) in rows.iter().enumerate() {
            let (at, len) = (at as u64, len as u64);
            let row = table_at + r * 24;
            let forged = [
                (row + 8, u64::MAX),
                (row + 8, size),
                (row + 8, len + 1),
                (row + 8, len.wrapping_sub(1)),
                (row, at + 1),
                (row, at.wrapping_sub(1)),
                (row, u64::MAX),
            ];
            for (i, v) in forged {
                let mut bad = good.clone();
                put(&mut bad, i, v);
                layout::reseal(&mut bad);
                refused(&file, &bad, &format!("row {r}: {v} at {i}"));
            }
        }
        // The header's lengths and counts, set far.
        for (i, v) in [(8, u64::MAX), (8, size), (24, u64::MAX), (32, 1 << 40)] {
            let mut bad = good.clone();
            put(&mut bad, i, v);
            refused(&file, &bad, &format!("header {v} at {i}"));
        }
    }
}

#[test]
fn moved_section_boundaries_with_good_checksums_never_panic() {
    // The sections still tile the file, so the table is believed; what they hold then is
    // cut elsewhere, and every record is checked.
    for (_dir, file, _) in written() {
        let good = std::fs::read(&file).unwrap();
        let rows = layout::sections(&good);
        let table_at = rows[0].0 - rows.len() * 24;
        let word = |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        for r in 0..rows.len() - 1 {
            for shift in [1u64, 4, 8, 36, 72] {
                let row = table_at + r * 24;
                let mut bad = good.clone();
                let len = word(&bad, row + 8);
                if len < shift {
                    continue;
                }
                bad[row + 8..row + 16].copy_from_slice(&(len - shift).to_le_bytes());
                let (at, next) = (word(&bad, row + 24), word(&bad, row + 32));
                bad[row + 24..row + 32].copy_from_slice(&(at - shift).to_le_bytes());
                bad[row + 32..row + 40].copy_from_slice(&(next + shift).to_le_bytes());
                layout::reseal(&mut bad);
                refused(&file, &bad, &format!("row {r} moved by {shift}"));
            }
        }
    }
}

#[test]
fn an_index_array_of_the_wrong_length_is_refused() {
    // Each per-event array, one short: `sound` refuses it (a query reading it would index
    // past its end: `is:disputed` reads the flags, a letter the masks).
    let l = load::load_bytes(load::BUNDLED.as_bytes(), "t.ron", load::Format::Ron).unwrap();
    let good = SearchIndex::new(&l.timeline);
    assert!(sound::index(&good, &l.timeline).is_ok());
    type Cut = fn(&mut SearchIndex);
    let cuts: [(&str, Cut); 5] = [
        ("flags", |x| {
            x.flags.pop();
        }),
        ("years", |x| {
            x.years.pop();
        }),
        ("letters", |x| {
            x.letters.pop();
        }),
        ("long", |x| {
            x.long.pop();
        }),
        ("dates", |x| {
            let (k, lo, hi) = x.dates.columns();
            let n = k.len() - 1;
            x.dates = crate::query::index::Spans::from_columns(
                k[..n].to_vec(),
                lo[..n].to_vec(),
                hi[..n].to_vec(),
            )
            .unwrap();
        }),
    ];
    for (name, cut) in cuts {
        let mut x = good.clone();
        cut(&mut x);
        assert!(sound::index(&x, &l.timeline).is_err(), "{name} one short");
    }
}

#[test]
fn an_entry_read_whole_reads_as_the_mapped_one() {
    // Where the file system will not map the entry, it is read into memory instead.
    let all = |e: &layout::Entry| {
        let mut out = Vec::new();
        for mut s in [e.timeline(), e.index()] {
            while let Ok(part) = s.plain::<u8>() {
                out.push(part);
            }
            assert!(s.done().is_ok());
        }
        out
    };
    for (_dir, file, _) in written() {
        let f = std::fs::File::open(&file).unwrap();
        let mapped = layout::Entry::read(&f).unwrap().unwrap();
        let read = layout::Entry::read_unmapped(&f).unwrap().unwrap();
        assert_eq!(mapped.key, read.key);
        let (a, b) = (all(&mapped), all(&read));
        assert!(a.len() > 20 && a.iter().any(|p| p.len() > 100));
        assert_eq!(a, b);
        let mut text = read.timeline().split_off(1).unwrap();
        assert!(text.text().is_ok_and(|t| t.is_shared() && t.len() > 100));
    }
}
