//! Chronological order of a loaded timeline's events, fast enough for a million of them:
//! keys are plain integers sorted next to their index, on two cores for big files; and the
//! timeline put in that order.

use crate::domain::ids::IdMap;
use crate::domain::num::u32_of;
use crate::domain::{BackLink, Timeline};

/// Earliest (0: unbounded), latest (`u64::MAX`: unbounded), precision and the first seven
/// bytes of the id, then the event's index.
type Key = (u64, u64, u64, u32);

/// Below this many events one thread sorts (a thread costs more than it saves).
const SPLIT_FROM: usize = 1 << 16;

/// Event indices in chronological order: date (see [`crate::domain::date::Edtf::sort_key`]),
/// then id. The id's first bytes are part of the key, so a million comparisons rarely
/// leave the array to compare id text.
pub(super) fn chrono_order(t: &Timeline) -> Vec<u32> {
    let n = u32_of(t.events.len());
    if t.events.len() < SPLIT_FROM {
        return sorted(t, 0..n).into_iter().map(|k| k.3).collect();
    }
    // Two halves, keyed and sorted on two cores, then merged.
    let (a, b) = crate::domain::par::join(|| sorted(t, 0..n / 2), || sorted(t, n / 2..n));
    let mut order = Vec::with_capacity(t.events.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp(t, &b[j], &a[i]).is_lt() {
            order.push(b[j].3);
            j += 1;
        } else {
            order.push(a[i].3);
            i += 1;
        }
    }
    order.extend(a[i..].iter().chain(&b[j..]).map(|k| k.3));
    order
}

fn id(t: &Timeline, i: u32) -> &[u8] {
    t.str(t.events[i as usize].id).as_bytes()
}

fn cmp(t: &Timeline, x: &Key, y: &Key) -> std::cmp::Ordering {
    (x.0, x.1, x.2)
        .cmp(&(y.0, y.1, y.2))
        .then_with(|| id(t, x.3).cmp(id(t, y.3)))
}

/// The keys of events `range`, sorted.
fn sorted(t: &Timeline, range: std::ops::Range<u32>) -> Vec<Key> {
    let mut keys: Vec<Key> = range
        .map(|i| {
            let (a, b, p) = t.events[i as usize].date.sort_bits();
            // Ids hold no NUL (no control characters), so a short id padded with zeros
            // keeps byte order.
            let mut head = [0u8; 8];
            head[0] = p;
            for (h, &c) in head[1..].iter_mut().zip(id(t, i)) {
                *h = c;
            }
            (a, b, u64::from_be_bytes(head), i)
        })
        .collect();
    keys.sort_unstable_by(|x, y| cmp(t, x, y));
    keys
}

/// Sort events chronologically (date, then id), remap links, derive back-links and the id
/// lookup.
pub(super) fn assemble(mut t: Timeline, ids: IdMap) -> Timeline {
    let n = t.events.len();
    let order = chrono_order(&t);
    let mut new_index = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_index[old as usize] = u32_of(new);
    }
    // Put events in that order in place (following the permutation's cycles), so that a
    // second copy of a million records is never needed.
    let mut done = vec![false; n];
    for i in 0..n {
        let mut x = i;
        while !done[x] {
            done[x] = true;
            let from = order[x] as usize;
            if from == i {
                break;
            }
            t.events.swap(x, from);
            x = from;
        }
    }
    drop(done);
    for l in &mut t.links {
        l.to = new_index[l.to as usize];
    }
    // Back-links, grouped by target (counting sort).
    let mut counts = vec![0u32; n + 1];
    for l in &t.links {
        counts[l.to as usize + 1] += 1;
    }
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let mut fill = counts.clone();
    let mut back = vec![BackLink { from: 0, link: 0 }; t.links.len()];
    for (from, e) in t.events.iter().enumerate() {
        for (j, l) in t.links[e.links.range()].iter().enumerate() {
            let slot = &mut fill[l.to as usize];
            back[*slot as usize] = BackLink {
                from: u32_of(from),
                link: u32_of(j),
            };
            *slot += 1;
        }
    }
    t.back_start = counts;
    t.back = back;
    let ids = ids.remap(&new_index).settled(|i| t.id_hash(i));
    t.ids = ids;
    for v in [&mut t.refs, &mut t.back_start] {
        v.shrink_to_fit();
    }
    t.text.owned().shrink_to_fit();
    t.cites.shrink_to_fit();
    t.cite_notes.shrink_to_fit();
    t.links.shrink_to_fit();
    t.events.shrink_to_fit();
    t
}
