//! Offsets into the index's folded text at four bytes each: the low 32 bits, with the
//! places where they pass a multiple of 4 GiB listed aside (none in any text below
//! 4 GiB), so that every size reads back exactly and the usual one costs half as much
//! as `usize`s (8 MB at a million events).

use crate::domain::num::{low32, usize_of_u64};

/// A sequence of offsets that never goes down, as written by [`Offsets::push`].
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Offsets {
    /// Each offset's low 32 bits.
    low: Vec<u32>,
    /// Where the offsets pass each multiple of 2^32, in order: the position of the first
    /// offset past it (a position repeats when one step passes several). Offset `i`'s high
    /// part is how many of these are at or before `i`.
    wraps: Vec<usize>,
}

/// `v` as a `u64` (what every `usize` fits in).
fn wide(v: usize) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

impl Offsets {
    /// No offsets, with room for `n`.
    pub fn with_capacity(n: usize) -> Offsets {
        Offsets {
            low: Vec::with_capacity(n),
            wraps: Vec::new(),
        }
    }

    /// The columns back, as [`Offsets::columns`] gave them; `None` when the wraps are not
    /// in order or point past the offsets (what a damaged cache entry may hold).
    pub fn from_columns(low: Vec<u32>, wraps: Vec<usize>) -> Option<Offsets> {
        let sound =
            wraps.windows(2).all(|w| w[0] <= w[1]) && wraps.last().is_none_or(|&w| w <= low.len());
        sound.then_some(Offsets { low, wraps })
    }

    /// The two columns as stored: low words, then where they wrap.
    pub fn columns(&self) -> (&[u32], &[usize]) {
        (&self.low, &self.wraps)
    }

    /// Room for `n` more.
    pub fn reserve_exact(&mut self, n: usize) {
        self.low.reserve_exact(n);
    }

    /// How many offsets.
    pub fn len(&self) -> usize {
        self.low.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// Add `v`, which must not be below the last offset (offsets into a text built front
    /// to back never are); a lower one is kept as the last one.
    pub fn push(&mut self, v: usize) {
        let v = v.max(self.last().unwrap_or(0));
        let h = usize_of_u64(wide(v) >> 32);
        while self.wraps.len() < h {
            self.wraps.push(self.low.len());
        }
        self.low.push(low32(wide(v)));
    }

    /// The last offset.
    pub fn last(&self) -> Option<usize> {
        self.get(self.low.len().checked_sub(1)?)
    }

    /// Offset `i`, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<usize> {
        let low = *self.low.get(i)? as usize;
        if self.wraps.is_empty() {
            return Some(low);
        }
        let h = u64::try_from(self.wraps.partition_point(|&w| w <= i)).unwrap_or(0);
        Some(usize_of_u64(h << 32 | low as u64))
    }

    /// Offset `i`; panics past the end, as a slice's index does.
    #[inline]
    pub fn at(&self, i: usize) -> usize {
        match self.get(i) {
            Some(v) => v,
            None => panic!("offset {i} of {}", self.len()),
        }
    }

    /// All offsets, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }

    /// Drop the last offset (for tests that damage an index).
    #[cfg(test)]
    pub(crate) fn pop(&mut self) {
        self.low.pop();
        let n = self.low.len();
        while self.wraps.last().is_some_and(|&w| w >= n) {
            self.wraps.pop();
        }
    }

    /// Set offset `i`'s low word (for tests that forge offsets: nothing keeps them in
    /// order).
    #[cfg(test)]
    pub(crate) fn set_low(&mut self, i: usize, v: u32) {
        self.low[i] = v;
    }
}

impl From<Vec<usize>> for Offsets {
    /// Offsets in order (a lower one is kept as the one before it).
    fn from(v: Vec<usize>) -> Offsets {
        let mut o = Offsets::with_capacity(v.len());
        for x in v {
            o.push(x);
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_below_4_gib_are_their_low_words() {
        let o = Offsets::from(vec![0, 3, 3, 70_000, u32::MAX as usize]);
        assert_eq!(
            o.iter().collect::<Vec<_>>(),
            [0, 3, 3, 70_000, 4_294_967_295]
        );
        assert!(o.wraps.is_empty());
        assert_eq!((o.get(5), o.last()), (None, Some(u32::MAX as usize)));
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn offsets_past_each_4_gib_read_back_exactly() {
        let g = 1usize << 32;
        // Past one multiple, then three at once, then a value on a multiple.
        let v = vec![5, g - 1, g + 7, g + 7, 4 * g + 1, 5 * g, 5 * g + 2];
        let mut o = Offsets::from(v.clone());
        assert_eq!(o.iter().collect::<Vec<_>>(), v);
        assert_eq!(o.wraps, [2, 4, 4, 4, 5]);
        let (low, wraps) = o.columns();
        let back = Offsets::from_columns(low.to_vec(), wraps.to_vec()).unwrap();
        assert_eq!(back, o);
        o.pop();
        o.pop();
        assert_eq!(o.iter().collect::<Vec<_>>(), v[..5]);
        o.push(5 * g);
        assert_eq!(o.last(), Some(5 * g));
    }

    #[test]
    fn a_lower_offset_is_kept_as_the_one_before() {
        let o = Offsets::from(vec![4, 2, 9]);
        assert_eq!(o.iter().collect::<Vec<_>>(), [4, 4, 9]);
    }

    #[test]
    fn wraps_out_of_order_or_past_the_end_are_refused() {
        assert!(Offsets::from_columns(vec![1, 2], vec![1, 0]).is_none());
        assert!(Offsets::from_columns(vec![1, 2], vec![3]).is_none());
        assert!(Offsets::from_columns(vec![1, 2], vec![0, 2]).is_some());
    }
}
