//! Event ids → indices without a copy of every id: a map from the id's 64-bit hash to the
//! event, checked against the event's own id (kept in the timeline's text) on every lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, well-mixed 64-bit hash of a string (FxHash-style words, then a final mix).
pub fn hash_str(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // Final avalanche (splitmix64), so that the map's buckets spread well.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Keys are already hashes: pass them through.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// An id map's hashes (ascending), their events, and the collisions set aside.
pub type Columns<'a> = (&'a [u64], &'a [u32], &'a [(u64, u32)]);

/// Id hash → event index, with the rare true collisions kept aside.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IdMap {
    map: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// Entries read back from the cache: hashes in ascending order and their values,
    /// looked up by binary search (filling the hash map with a million ids took a tenth of
    /// the warm start's reading). Moved into `map` on the first insert.
    sorted: (Vec<u64>, Vec<u32>),
    /// Events whose id hash collided with a different id (practically never).
    spill: Vec<(u64, u32)>,
}

impl IdMap {
    /// Add `value` under `hash` unless an equal id is there (`same` compares an existing
    /// entry's id with the new one); returns the existing entry in that case.
    pub fn insert(&mut self, hash: u64, value: u32, same: impl Fn(u32) -> bool) -> Option<u32> {
        if !self.sorted.0.is_empty() {
            let (h, v) = std::mem::take(&mut self.sorted);
            self.map.extend(h.into_iter().zip(v));
        }
        // One probe of the table (a cache miss in a big one), not a look-up and then an
        // insert; the table is asked first, then what was set aside, as `get` does.
        let spilled = |spill: &[(u64, u32)]| {
            spill
                .iter()
                .find(|&&(h, v)| h == hash && same(v))
                .map(|&(_, v)| v)
        };
        match self.map.entry(hash) {
            std::collections::hash_map::Entry::Occupied(e) if same(*e.get()) => Some(*e.get()),
            std::collections::hash_map::Entry::Occupied(_) => {
                let found = spilled(&self.spill);
                if found.is_none() {
                    self.spill.push((hash, value));
                }
                found
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                let found = spilled(&self.spill);
                if found.is_none() {
                    e.insert(value);
                }
                found
            }
        }
    }

    /// Room for `n` more ids without growing the table (each growth moves every entry).
    pub fn reserve(&mut self, n: usize) {
        self.map.reserve(n);
    }

    /// The entry under `hash` whose id `same` accepts.
    pub fn get(&self, hash: u64, same: impl Fn(u32) -> bool) -> Option<u32> {
        if let Some(&v) = self.map.get(&hash)
            && same(v)
        {
            return Some(v);
        }
        if let Ok(k) = self.sorted.0.binary_search(&hash)
            && let Some(&v) = self.sorted.1.get(k)
            && same(v)
        {
            return Some(v);
        }
        self.spill
            .iter()
            .find(|&&(h, v)| h == hash && same(v))
            .map(|&(_, v)| v)
    }

    /// The same map with every value renumbered through `new_index`.
    pub fn remap(mut self, new_index: &[u32]) -> IdMap {
        for v in self.map.values_mut().chain(&mut self.sorted.1) {
            *v = new_index[*v as usize];
        }
        for (_, v) in &mut self.spill {
            *v = new_index[*v as usize];
        }
        self
    }

    /// The same map kept as sorted columns: 12 bytes an entry, where the hash table of a
    /// big map takes about 34 (a timeline is looked up by id now and then, not in bulk,
    /// once it is built). The first insert moves the entries back into a table.
    pub fn settled(self) -> IdMap {
        if self.map.is_empty() {
            return self;
        }
        let (h, v) = self.sorted;
        let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(self.map.len() + h.len());
        pairs.extend(self.map);
        pairs.extend(h.into_iter().zip(v));
        pairs.sort_unstable();
        let sorted = pairs.iter().copied().unzip();
        IdMap {
            map: HashMap::default(),
            sorted,
            spill: self.spill,
        }
    }

    /// The sorted columns a settled map ([`IdMap::settled`]) keeps, and the collisions set
    /// aside, as [`IdMap::columns`] gives them but without a copy; `None` while entries are
    /// in the hash table.
    pub fn settled_columns(&self) -> Option<Columns<'_>> {
        let (h, v) = &self.sorted;
        self.map
            .is_empty()
            .then_some((h.as_slice(), v.as_slice(), self.spill.as_slice()))
    }

    /// As columns for the warm-start cache: the map's hashes and values (by hash, so that
    /// the same map always gives the same columns), and the collisions kept aside.
    pub fn columns(&self) -> (Vec<u64>, Vec<u32>, Vec<(u64, u32)>) {
        let (h, v) = &self.sorted;
        let mut pairs: Vec<(u64, u32)> = self.map.iter().map(|(&h, &v)| (h, v)).collect();
        pairs.extend(h.iter().copied().zip(v.iter().copied()));
        pairs.sort_unstable();
        let (hashes, values) = pairs.into_iter().unzip();
        (hashes, values, self.spill.clone())
    }

    /// The map [`IdMap::columns`] made, kept as columns; `None` when they differ in
    /// length or the hashes are not in strictly ascending order.
    pub fn from_columns(
        hashes: Vec<u64>,
        values: Vec<u32>,
        spill: Vec<(u64, u32)>,
    ) -> Option<IdMap> {
        if hashes.len() != values.len() || !hashes.windows(2).all(|w| w[0] < w[1]) {
            return None;
        }
        Some(IdMap {
            map: HashMap::default(),
            sorted: (hashes, values),
            spill,
        })
    }

    /// The same map with `spill` as its collisions.
    pub fn with_spill(self, spill: Vec<(u64, u32)>) -> IdMap {
        IdMap { spill, ..self }
    }

    /// Every event index it holds.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.map
            .values()
            .chain(&self.sorted.1)
            .chain(self.spill.iter().map(|(_, v)| v))
            .copied()
    }

    /// How many ids it holds.
    pub fn len(&self) -> usize {
        self.map.len() + self.sorted.0.len() + self.spill.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_are_kept_apart() {
        let ids = ["a", "b", "c"];
        let mut m = IdMap::default();
        // Force every id under one hash: lookups must still tell them apart.
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                m.insert(7, crate::domain::num::u32_of(i), |j| ids[j as usize] == *id),
                None
            );
        }
        assert_eq!(m.insert(7, 9, |j| ids[j as usize] == "b"), Some(1));
        // The one in the table (not set aside) is found as well.
        assert_eq!(m.insert(7, 9, |j| ids[j as usize] == "a"), Some(0));
        assert_eq!(m.len(), 3);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                m.get(7, |j| ids[j as usize] == *id),
                Some(crate::domain::num::u32_of(i))
            );
        }
        assert_eq!(m.get(7, |_| false), None);
        assert_ne!(hash_str("event-1"), hash_str("event-2"));
        assert_ne!(hash_str("abcdefgh1"), hash_str("abcdefgh2"));
    }

    #[test]
    fn a_settled_map_finds_the_same_and_takes_inserts() {
        let ids: Vec<String> = (0..500).map(|i| format!("e{i}")).collect();
        let mut m = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            m.insert(hash_str(id), crate::domain::num::u32_of(i), |j| {
                ids[j as usize] == *id
            });
        }
        // A collision set aside stays found.
        m.insert(hash_str("e3"), 777, |_| false);
        let columns = m.columns();
        let mut s = m.settled();
        assert!(s.map.is_empty() && s.sorted.0.len() == 500);
        assert_eq!(s.columns(), columns);
        for (i, id) in ids.iter().enumerate() {
            let got = s.get(hash_str(id), |j| ids.get(j as usize) == Some(id));
            assert_eq!(got, Some(crate::domain::num::u32_of(i)), "{id}");
        }
        assert_eq!(s.get(hash_str("e3"), |j| j == 777), Some(777));
        assert_eq!(s.get(hash_str("e500"), |_| true), None);
        assert_eq!(s.insert(hash_str("new"), 600, |_| false), None);
        assert_eq!(s.get(hash_str("new"), |j| j == 600), Some(600));
        assert_eq!(s.get(hash_str("e42"), |j| j == 42), Some(42));
    }

    #[test]
    fn columns_read_back_find_the_same_and_take_inserts() {
        let ids: Vec<String> = (0..50).map(|i| format!("e{i}")).collect();
        let mut m = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            m.insert(hash_str(id), crate::domain::num::u32_of(i), |j| {
                ids[j as usize] == *id
            });
        }
        let (h, v, spill) = m.columns();
        let mut back = IdMap::from_columns(h.clone(), v.clone(), spill).unwrap();
        assert_eq!(back.columns(), m.columns());
        assert_eq!(back.len(), 50);
        for (i, id) in ids.iter().enumerate() {
            let same = |j: u32| ids[j as usize] == *id;
            assert_eq!(
                back.get(hash_str(id), same),
                Some(crate::domain::num::u32_of(i))
            );
        }
        assert_eq!(back.get(hash_str("e99"), |_| true), None);
        // An insert moves the columns into the map; nothing is lost.
        assert_eq!(back.insert(hash_str("e7"), 99, |j| j == 7), Some(7));
        assert_eq!(back.insert(hash_str("new"), 50, |_| false), None);
        assert_eq!(back.len(), 51);
        assert_eq!(back.get(hash_str("e3"), |j| j == 3), Some(3));
        // Columns out of order, or of other lengths, are refused.
        let mut bad = h.clone();
        bad.swap(0, 1);
        assert!(IdMap::from_columns(bad, v.clone(), Vec::new()).is_none());
        assert!(IdMap::from_columns(h, v[1..].to_vec(), Vec::new()).is_none());
    }
}
