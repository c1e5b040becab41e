//! Places a big file's problems from their own events' bytes, read from the file as it
//! streams past once more: the line and column where each such event starts are counted on
//! the way and only its bytes are kept, then each is walked alone. Reading the file whole
//! again held a second copy of it beside the timeline (a 1M-event file with one warning
//! peaked at 1.9× its size) and walked all of it.

use super::parallel::{Elements, Progress};
use super::spans::{Pos, Seg, Spans, advance};
use std::io::Read;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// How deep an element of the events list sits in the document (the timeline, its
/// `events` list), as the walk of the whole document counts.
const ELEMENT_DEPTH: usize = 2;

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;

/// A fast hash of a file's bytes (xxh3 of each half, on two cores); [`streamed`] works out
/// the same as the bytes stream past.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    use xxhash_rust::xxh3::xxh3_64;
    let (a, b) = bytes.split_at(bytes.len() / 2);
    let (ha, hb) = crate::domain::par::join(|| xxh3_64(a), || xxh3_64(b));
    ha ^ hb.rotate_left(29)
}

/// Where `paths` are in the file at `path`, which must still be the `len` bytes whose
/// checksum ([`checksum`]) is `sum`, with its events list's elements at `elems`.
/// `Ok(None)` when it is not (changed since it was parsed: it is no longer a regular file,
/// or it grew), when a path does not lead into an element of the events list, or when the
/// load is cancelled: the caller then reads the file whole (which stops at once when
/// cancelled).
pub(super) fn streamed(
    path: &Path,
    paths: &[&[Seg<'_>]],
    elems: &Elements,
    (len, sum): (usize, u64),
    progress: &Progress,
) -> std::io::Result<Option<Vec<Pos>>> {
    // The element each path leads into, and the rest of the path inside it.
    let mut into = Vec::with_capacity(paths.len());
    for p in paths {
        match p {
            [Seg::Field("events"), Seg::Index(i), rest @ ..] if *i < elems.len() => {
                into.push((*i, rest));
            }
            _ => return Ok(None),
        }
    }
    let mut wanted: Vec<usize> = into.iter().map(|&(i, _)| i).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let range = |k: usize| {
        let [a, b] = elems[wanted[k]];
        (a as usize, b as usize)
    };
    let mut kept: Vec<(Pos, Vec<u8>)> = vec![(Pos::default(), Vec::new()); wanted.len()];

    progress.restart_read();
    progress.restart_parsed();
    let Ok(mut file) = crate::files::open_regular(path, true) else {
        return Ok(None);
    };
    let mut block = vec![0u8; BLOCK];
    let (mut first, mut second) = (Xxh3::new(), Xxh3::new());
    let half = len / 2;
    let (mut at, mut here) = (0usize, Pos { line: 1, col: 1 });
    let (mut next, mut open) = (0usize, 0usize);
    loop {
        if at > len || progress.cancelled() {
            return Ok(None);
        }
        let n = match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let d = &block[..n];
        let end = at + n;
        // The checksum: the two halves, each hashed as one.
        let cut = half.clamp(at, end) - at;
        first.update(&d[..cut]);
        second.update(&d[cut..]);
        // Lines and columns up to each wanted element's start.
        let mut done = 0;
        while next < wanted.len() && range(next).0 < end {
            let a = range(next).0 - at;
            advance(&mut here, &d[done..a]);
            kept[next].0 = here;
            done = a;
            next += 1;
        }
        advance(&mut here, &d[done..]);
        // The wanted elements' bytes in this block.
        while open < wanted.len() && range(open).1 <= at {
            open += 1;
        }
        for (k, kept) in kept.iter_mut().enumerate().skip(open) {
            let (a, b) = range(k);
            if a >= end {
                break;
            }
            kept.1
                .extend_from_slice(&d[a.max(at) - at..b.min(end) - at]);
        }
        at = end;
        progress.add_read(n);
        progress.add_parsed(n);
    }
    let hash = first.digest() ^ second.digest().rotate_left(29);
    if at != len || hash != sum {
        return Ok(None);
    }
    // The paths in the order of their events, so that each event's are one run.
    let mut by_event: Vec<usize> = (0..into.len()).collect();
    by_event.sort_by_key(|&j| into[j].0);
    let mut runs = by_event.chunk_by(|&x, &y| into[x].0 == into[y].0);
    let mut spans = Vec::with_capacity(kept.len());
    for (pos, bytes) in &kept {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Ok(None);
        };
        let mine = runs.next().unwrap_or_default();
        spans.push(Spans::index_value_for(
            text,
            *pos,
            ELEMENT_DEPTH,
            mine.iter().map(|&j| into[j].1),
        ));
    }
    Ok(Some(
        into.iter()
            .map(|&(i, rest)| {
                let k = wanted.binary_search(&i).unwrap_or(0);
                spans[k].locate(rest)
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A timeline whose events span lines and blocks, share lines, hold comments and
    /// wide chars: (its text, where its elements are).
    fn doc() -> (String, Elements) {
        let mut s = String::from("// top ( [\nTimeline(\n  title: \"t\",\n  events: [\n");
        for k in 0..12_000 {
            let sep = if k % 5 == 0 { " " } else { "\n    " };
            s.push_str(&format!(
                "Event(id: \"e{k}\", title: \"Évènement {k} ñ\", /* ) */\n      people: [\"a\", \"b{k}\"], summary: \"{}\", tags: [\"t\"]),{sep}",
                "é".repeat(k % 300)
            ));
        }
        s.push_str("\n  ],\n)\n");
        let cut = crate::load::split::split(&s, 1 << 16).expect("splits");
        let elems = cut.elems.iter();
        let elems = elems.map(|&(a, b)| [u32::try_from(a).unwrap(), u32::try_from(b).unwrap()]);
        (s, elems.collect())
    }

    fn streamed_in(
        src: &str,
        paths: &[&[Seg<'_>]],
        elems: &Elements,
        sum: u64,
    ) -> Option<Vec<Pos>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.ron");
        std::fs::write(&path, src).unwrap();
        streamed(&path, paths, elems, (src.len(), sum), &Progress::default()).unwrap()
    }

    #[test]
    fn problems_placed_from_their_events_are_where_the_whole_walk_puts_them() {
        let (src, elems) = doc();
        assert!(src.len() > 2 * BLOCK, "elements must straddle blocks");
        use Seg::{Field as F, Index as I};
        // Some events, and every one that straddles two blocks of the read.
        let mut picks = vec![0, 1, 4, 5, 6, 999, 5_000, 5_001, 11_999];
        picks.extend((0..elems.len()).filter(|&k| {
            let [a, b] = elems[k];
            (a as usize) / BLOCK != (b as usize - 1) / BLOCK
        }));
        assert!(picks.len() > 9);
        let mut owned: Vec<Vec<Seg<'_>>> = Vec::new();
        for &k in &picks {
            owned.push(vec![F("events"), I(k)]);
            owned.push(vec![F("events"), I(k), F("people"), I(1)]);
            owned.push(vec![F("events"), I(k), F("summary")]);
            owned.push(vec![F("events"), I(k), F("nothing")]);
            owned.push(vec![F("events"), I(k), F("tags"), I(0)]);
        }
        let paths: Vec<&[Seg<'_>]> = owned.iter().map(Vec::as_slice).collect();
        let sum = checksum(src.as_bytes());
        let got = streamed_in(&src, &paths, &elems, sum).expect("placed");
        let whole = Spans::index_for(&src, paths.iter().copied());
        for (p, got) in paths.iter().zip(&got) {
            assert_eq!(*got, whole.locate(p), "{p:?}");
        }
        // A changed file (same length), or a path outside the events: not placed here.
        let changed = src.replacen("title: \"t\"", "title: \"u\"", 1);
        assert_eq!(streamed_in(&changed, &paths, &elems, sum), None);
        let outside: [&[Seg<'_>]; 1] = [&[F("title")]];
        assert_eq!(streamed_in(&src, &outside, &elems, sum), None);
        // A file that grew, one that is gone, a load called off: not placed here.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.ron");
        std::fs::write(&path, format!("{src}// more\n")).unwrap();
        let grown = streamed(
            &path,
            &paths,
            &elems,
            (src.len(), sum),
            &Progress::default(),
        );
        assert_eq!(grown.unwrap(), None);
        let gone = Path::new("/nonexistent/annals/t.ron");
        let progress = Progress::default();
        assert_eq!(
            streamed(gone, &paths, &elems, (src.len(), sum), &progress).unwrap(),
            None
        );
        progress.cancel();
        std::fs::write(&path, &src).unwrap();
        assert_eq!(
            streamed(&path, &paths, &elems, (src.len(), sum), &progress).unwrap(),
            None
        );
        let fresh = Progress::default();
        assert!(
            streamed(&path, &paths, &elems, (src.len(), sum), &fresh)
                .unwrap()
                .is_some()
        );
    }
}
