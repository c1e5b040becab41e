//! Each event's earliest and latest instants as three columns (which ends are known, then
//! the two ends): 17 bytes an event, where pairs of optional instants took 32, and the very
//! columns the cache stores.

use crate::domain::Instant;

/// Both ends of an event's date range (`None`: unbounded that way).
pub type Span = (Option<Instant>, Option<Instant>);

/// The date ranges of events, by event.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Spans {
    /// Bit 0: the earliest end is known; bit 1: the latest.
    known: Vec<u8>,
    /// The earliest ends (0 where unknown).
    lo: Vec<i64>,
    /// The latest ends (0 where unknown).
    hi: Vec<i64>,
}

impl Spans {
    /// How many events.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Event `i`'s range, if there is an event `i`.
    pub fn get(&self, i: usize) -> Option<Span> {
        let k = *self.known.get(i)?;
        Some((
            (k & 1 != 0).then(|| Instant(self.lo[i])),
            (k & 2 != 0).then(|| Instant(self.hi[i])),
        ))
    }

    /// Event `i`'s range (unbounded both ways when there is no event `i`).
    pub fn at(&self, i: usize) -> Span {
        self.get(i).unwrap_or((None, None))
    }

    /// Add the next event's range.
    pub fn push(&mut self, (a, b): Span) {
        self.known
            .push(u8::from(a.is_some()) | u8::from(b.is_some()) << 1);
        self.lo.push(a.map_or(0, |i| i.0));
        self.hi.push(b.map_or(0, |i| i.0));
    }

    /// Add the ranges of `other`, in order.
    pub fn extend(&mut self, other: &Spans) {
        self.known.extend_from_slice(&other.known);
        self.lo.extend_from_slice(&other.lo);
        self.hi.extend_from_slice(&other.hi);
    }

    /// Empty, with room for `n` events.
    pub fn with_capacity(n: usize) -> Spans {
        let mut s = Spans::default();
        s.reserve_exact(n);
        s
    }

    /// Room for `n` more events.
    pub fn reserve_exact(&mut self, n: usize) {
        self.known.reserve_exact(n);
        self.lo.reserve_exact(n);
        self.hi.reserve_exact(n);
    }

    /// The three columns (for the cache).
    pub fn columns(&self) -> (&[u8], &[i64], &[i64]) {
        (&self.known, &self.lo, &self.hi)
    }

    /// Ranges from their columns; `None` when they differ in length or a `known` holds
    /// more than its two bits.
    pub fn from_columns(known: Vec<u8>, lo: Vec<i64>, hi: Vec<i64>) -> Option<Spans> {
        let ok = known.len() == lo.len() && known.len() == hi.len() && known.iter().all(|&k| k < 4);
        ok.then_some(Spans { known, lo, hi })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_come_back_as_pushed_through_their_columns() {
        let all: Vec<Span> = vec![
            (None, None),
            (Some(Instant(-5)), None),
            (None, Some(Instant(i64::MAX))),
            (Some(Instant(i64::MIN)), Some(Instant(0))),
            (Some(Instant(0)), Some(Instant(7))),
        ];
        let mut s = Spans::default();
        for &r in &all {
            s.push(r);
        }
        assert_eq!(s.len(), all.len());
        for (i, &r) in all.iter().enumerate() {
            assert_eq!((s.get(i), s.at(i)), (Some(r), r));
        }
        assert_eq!(s.get(all.len()), None);
        let (k, lo, hi) = s.columns();
        let back = Spans::from_columns(k.to_vec(), lo.to_vec(), hi.to_vec()).unwrap();
        assert_eq!(back, s);
        let mut twice = back.clone();
        twice.extend(&s);
        assert_eq!(twice.at(all.len() + 1), all[1]);
        assert!(Spans::from_columns(vec![4], vec![0], vec![0]).is_none());
        assert!(Spans::from_columns(vec![1], vec![0], vec![]).is_none());
    }
}
