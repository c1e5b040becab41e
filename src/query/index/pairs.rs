//! Which events hold each pair of ASCII letters side by side in their own text, worked out
//! once after loading a big timeline (off the UI thread, never stored in the cache): a
//! two-letter term is then answered by one bit per event, and a longer one is looked for
//! only in the events that hold every pair of neighbouring letters it has. The short
//! prefixes a user types first are the terms nearly every event holds, which no other
//! shortcut narrows.
//!
//! 26 × 26 bitmaps of one bit per event: 84 MB at a million events, so only timelines of
//! [`PAIRS_FROM`] events or more get them (smaller ones scan in a few milliseconds).

use super::SearchIndex;
use crate::domain::par;

/// Fewest events for which the explorer works the pairs out.
pub const PAIRS_FROM: usize = 100_000;

/// Letters `a`–`z` (folded text has no capitals).
const LETTERS: usize = 26;

/// Every pair of letters.
const PAIRS: usize = LETTERS * LETTERS;

/// Each byte's letter number, or `NONE`.
const LETTER: [u8; 256] = {
    let mut t = [NONE; 256];
    let mut b = b'a';
    while b <= b'z' {
        t[b as usize] = b - b'a';
        b += 1;
    }
    t
};
const NONE: u8 = u8::MAX;

/// One bitmap per pair of letters: bit `i` of pair `p` says that event `i`'s own text
/// holds the pair.
#[derive(Clone)]
pub struct Pairs {
    /// `u64`s per bitmap.
    words: usize,
    /// Pair `p`'s bitmap is `bits[p * words..(p + 1) * words]`.
    bits: Vec<u64>,
}

impl std::fmt::Debug for Pairs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pairs({} events)", self.words * 64)
    }
}

impl Pairs {
    /// The pairs of neighbouring letters in `needle` (an event that lacks one cannot hold
    /// it); `None` when it has none.
    pub(crate) fn of(needle: &[u8]) -> Option<Vec<usize>> {
        let pairs: Vec<usize> = needle.windows(2).filter_map(|w| pair(w[0], w[1])).collect();
        (!pairs.is_empty()).then_some(pairs)
    }

    /// Does event `i`'s own text hold pair `p`?
    pub(crate) fn holds(&self, p: usize, i: usize) -> bool {
        let map = self.bits.get(p * self.words..(p + 1) * self.words);
        map.is_some_and(|m| crate::domain::bits::get(m, i))
    }
}

/// The pair number of two letters side by side.
fn pair(a: u8, b: u8) -> Option<usize> {
    let (a, b) = (LETTER[a as usize], LETTER[b as usize]);
    (a != NONE && b != NONE).then(|| a as usize * LETTERS + b as usize)
}

impl SearchIndex {
    /// Work out which events hold each pair of letters, if not done yet (one pass over
    /// every event's own text). `go_on` is asked every few thousand events: when it says
    /// no, the work stops and scans go on without the pairs.
    pub fn settle_pairs(&self, go_on: impl Fn() -> bool + Sync) {
        self.pairs.get_or_init(|| self.find_pairs(&go_on));
    }

    /// The pairs, once [`SearchIndex::settle_pairs`] has run (and was not stopped).
    pub(crate) fn pairs(&self) -> Option<&Pairs> {
        self.pairs.get().and_then(Option::as_ref)
    }

    fn find_pairs(&self, go_on: &(impl Fn() -> bool + Sync)) -> Option<Pairs> {
        let words = self.len().div_ceil(64);
        let mut bits = vec![0u64; PAIRS * words];
        // Two halves of the events on two cores: each writes its half of every bitmap.
        let mid = words / 2;
        let (mut a, mut b): (Vec<&mut [u64]>, Vec<&mut [u64]>) = bits
            .chunks_mut(words.max(1))
            .map(|m| m.split_at_mut(mid))
            .unzip();
        let (x, y) = par::join(
            || self.fill_pairs(&mut b, mid, go_on),
            || self.fill_pairs(&mut a, 0, go_on),
        );
        (x && y).then_some(Pairs { words, bits })
    }

    /// Set the bits of the events from word `from` on, into `maps` (each pair's bitmap from
    /// that word on). False when `go_on` said to stop.
    fn fill_pairs(&self, maps: &mut [&mut [u64]], from: usize, go_on: &impl Fn() -> bool) -> bool {
        // 64 events at a time share a word of each bitmap: their bits gather here (6 KB,
        // in the nearest cache) and go to the bitmaps once. Any other byte counts as a 27th
        // letter, so that no byte needs a branch: its pairs gather and are dropped.
        const WIDE: usize = LETTERS + 1;
        let mut word = [0u64; WIDE * WIDE];
        let len = maps.first().map_or(0, |m| m.len());
        for w in 0..len {
            if w % 64 == 0 && !go_on() {
                return false;
            }
            let first = (from + w) * 64;
            for i in first..(first + 64).min(self.len()) {
                let bit = 1u64 << (i % 64);
                let mut last = LETTERS;
                for &b in self.own(i).as_bytes() {
                    let l = usize::from(LETTER[b as usize]).min(LETTERS);
                    word[last * WIDE + l] |= bit;
                    last = l;
                }
            }
            let rows = word.chunks_exact_mut(WIDE).take(LETTERS);
            for (row, maps) in rows.zip(maps.chunks_mut(LETTERS)) {
                for (x, map) in row.iter_mut().zip(maps.iter_mut()) {
                    map[w] = std::mem::take(x);
                }
            }
            word.fill(0);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_letters_side_by_side() {
        assert_eq!(Pairs::of(b"ab"), Some(vec![1]));
        assert_eq!(Pairs::of(b"\nkel"), Some(vec![10 * 26 + 4, 4 * 26 + 11]));
        // Digits, spaces, framing and other chars make no pair.
        assert_eq!(Pairs::of(b"a1b c\n"), None);
        assert_eq!(Pairs::of("é".as_bytes()), None);
        assert_eq!(Pairs::of(b"z"), None);
    }

    #[test]
    fn each_event_holds_the_pairs_of_its_own_text() {
        let t = crate::load::load_bundled().timeline;
        let index = SearchIndex::new(&t);
        index.settle_pairs(|| true);
        let pairs = index.pairs().expect("worked out");
        for i in 0..index.len() {
            let own = index.own(i).as_bytes();
            for (a, b) in (b'a'..=b'z').flat_map(|a| (b'a'..=b'z').map(move |b| (a, b))) {
                let held = own.windows(2).any(|w| w == [a, b]);
                let p = pair(a, b).unwrap();
                assert_eq!(
                    pairs.holds(p, i),
                    held,
                    "event {i}, {}{}",
                    a as char,
                    b as char
                );
            }
        }
        // Stopped at once: no pairs, and scans go on without them.
        let other = SearchIndex::new(&t);
        other.settle_pairs(|| false);
        assert!(other.pairs().is_none());
    }
}
