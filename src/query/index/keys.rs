//! Every event's name keys (its people, places, tags and sources), end to end: two bytes a
//! key while a timeline has at most 65,536 names (most do), four otherwise. At a million
//! events that is 17 MB instead of 34.

use std::ops::Range;

/// The keys of all events, of one width.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum KeyList {
    /// Every key below 65,536.
    Narrow(Vec<u16>),
    /// Any key.
    Wide(Vec<u32>),
}

impl Default for KeyList {
    fn default() -> KeyList {
        KeyList::Narrow(Vec::new())
    }
}

/// Most names whose keys fit in two bytes.
const NARROW: usize = 1 << 16;

impl KeyList {
    /// An empty list for keys below `names`.
    pub fn for_names(names: usize) -> KeyList {
        if names <= NARROW {
            KeyList::Narrow(Vec::new())
        } else {
            KeyList::Wide(Vec::new())
        }
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        match self {
            KeyList::Narrow(v) => v.len(),
            KeyList::Wide(v) => v.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Room for `n` more keys.
    pub fn reserve(&mut self, n: usize) {
        match self {
            KeyList::Narrow(v) => v.reserve(n),
            KeyList::Wide(v) => v.reserve(n),
        }
    }

    /// Add keys. A narrow list that is given a key of 65,536 or more (never, for the names
    /// it was made for) becomes a wide one first: no key is ever cut.
    pub fn push_all(&mut self, keys: &[u32]) {
        if let KeyList::Narrow(v) = self
            && keys.iter().any(|&k| u16::try_from(k).is_err())
        {
            *self = KeyList::Wide(v.iter().map(|&k| u32::from(k)).collect());
        }
        match self {
            KeyList::Narrow(v) => v.extend(keys.iter().map(|&k| u16::try_from(k).unwrap_or(0))),
            KeyList::Wide(v) => v.extend_from_slice(keys),
        }
    }

    /// Add the keys of `other` (of the same width; of another, one by one).
    pub fn extend(&mut self, other: &KeyList) {
        match (self, other) {
            (KeyList::Narrow(a), KeyList::Narrow(b)) => a.extend_from_slice(b),
            (KeyList::Wide(a), KeyList::Wide(b)) => a.extend_from_slice(b),
            (a, b) => {
                let all: Vec<u32> = b.slice(0..b.len()).iter().collect();
                a.push_all(&all);
            }
        }
    }

    /// The keys `range` (empty when it is outside the list).
    pub fn slice(&self, range: Range<usize>) -> Keys<'_> {
        match self {
            KeyList::Narrow(v) => Keys::Narrow(v.get(range).unwrap_or(&[])),
            KeyList::Wide(v) => Keys::Wide(v.get(range).unwrap_or(&[])),
        }
    }

    /// Is every key below `names`?
    pub fn all_below(&self, names: usize) -> bool {
        match self {
            KeyList::Narrow(v) => v.iter().all(|&k| usize::from(k) < names),
            KeyList::Wide(v) => v.iter().all(|&k| (k as usize) < names),
        }
    }
}

/// One event's keys, in ascending order.
#[derive(Clone, Copy, Debug)]
pub enum Keys<'a> {
    /// Two bytes each.
    Narrow(&'a [u16]),
    /// Four bytes each.
    Wide(&'a [u32]),
}

impl<'a> Keys<'a> {
    /// How many.
    pub fn len(self) -> usize {
        match self {
            Keys::Narrow(v) => v.len(),
            Keys::Wide(v) => v.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The keys.
    pub fn iter(self) -> KeysIter<'a> {
        match self {
            Keys::Narrow(v) => KeysIter::Narrow(v.iter()),
            Keys::Wide(v) => KeysIter::Wide(v.iter()),
        }
    }

    /// Does some key pass `f`? (One loop per width: this runs for every event a scan
    /// checks by name.)
    pub fn any(self, mut f: impl FnMut(u32) -> bool) -> bool {
        match self {
            Keys::Narrow(v) => v.iter().any(|&k| f(u32::from(k))),
            Keys::Wide(v) => v.iter().any(|&k| f(k)),
        }
    }

    /// `f` on every key (one loop per width: counting runs it for every hit).
    pub fn for_each(self, mut f: impl FnMut(u32)) {
        match self {
            Keys::Narrow(v) => v.iter().for_each(|&k| f(u32::from(k))),
            Keys::Wide(v) => v.iter().for_each(|&k| f(k)),
        }
    }

    /// Is `key` one of them?
    pub fn contains(self, key: u32) -> bool {
        match self {
            Keys::Narrow(v) => u16::try_from(key).is_ok_and(|k| v.binary_search(&k).is_ok()),
            Keys::Wide(v) => v.binary_search(&key).is_ok(),
        }
    }
}

/// The keys of one event, widened to `u32`.
#[derive(Clone, Debug)]
pub enum KeysIter<'a> {
    /// Over two-byte keys.
    Narrow(std::slice::Iter<'a, u16>),
    /// Over four-byte keys.
    Wide(std::slice::Iter<'a, u32>),
}

impl Iterator for KeysIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            KeysIter::Narrow(i) => i.next().map(|&k| u32::from(k)),
            KeysIter::Wide(i) => i.next().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_widths_hold_the_same_keys() {
        let keys = [0u32, 3, 9, 65_535];
        for names in [70_000usize, 100_000] {
            let mut narrow = KeyList::for_names(names.min(NARROW));
            let mut wide = KeyList::for_names(names);
            assert!(matches!(narrow, KeyList::Narrow(_)) && matches!(wide, KeyList::Wide(_)));
            narrow.push_all(&keys);
            wide.push_all(&keys);
            for list in [&narrow, &wide] {
                let k = list.slice(1..4);
                assert_eq!(k.iter().collect::<Vec<_>>(), vec![3, 9, 65_535]);
                assert_eq!((k.len(), k.is_empty()), (3, false));
                assert!(k.contains(9) && !k.contains(0) && !k.contains(65_536 + 9));
                assert!(k.any(|x| x == 65_535) && !k.any(|x| x == 4));
                let mut sum = 0;
                k.for_each(|x| sum += x);
                assert_eq!(sum, 3 + 9 + 65_535);
                assert!(list.slice(3..9).is_empty());
                assert!(list.all_below(65_536) && !list.all_below(65_535));
            }
        }
        // A wide key makes a narrow list wide: nothing is cut.
        let mut narrow = KeyList::for_names(10);
        narrow.push_all(&[3, 70_000]);
        assert!(matches!(narrow, KeyList::Wide(_)));
        assert_eq!(
            narrow.slice(0..2).iter().collect::<Vec<_>>(),
            vec![3, 70_000]
        );
        let mut small = KeyList::for_names(10);
        small.push_all(&[1]);
        small.extend(&narrow);
        assert_eq!(
            small.slice(0..3).iter().collect::<Vec<_>>(),
            vec![1, 3, 70_000]
        );
    }
}
