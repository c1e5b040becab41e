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

/// Id hash → event index, with the rare true collisions kept aside while it is built.
///
/// Once built ([`IdMap::settled`]) it keeps only the events, in the order of their ids'
/// hashes: 4 bytes an entry, where a hash table of a big map takes about 34 and columns of
/// hashes and events 12. A look-up then hashes the ids its binary search passes (some 20
/// for a million: a timeline is looked up by id now and then, not in bulk, once built).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IdMap {
    map: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// Settled entries: events in ascending order of their ids' hashes (then of index).
    /// Moved into `map` on the first insert.
    sorted: Vec<u32>,
    /// Events whose id hash collided with a different id (practically never).
    spill: Vec<(u64, u32)>,
}

impl IdMap {
    /// Add `value` under `hash` unless an equal id is there (`same` compares an existing
    /// entry's id with the new one; `hash_of` gives an entry's hash); returns the existing
    /// entry in that case.
    pub fn insert(
        &mut self,
        hash: u64,
        value: u32,
        hash_of: impl Fn(u32) -> u64,
        same: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        for v in std::mem::take(&mut self.sorted) {
            let h = hash_of(v);
            match self.map.entry(h) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                std::collections::hash_map::Entry::Occupied(_) => self.spill.push((h, v)),
            }
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

    /// The entry under `hash` whose id `same` accepts (`hash_of` gives an entry's hash).
    pub fn get(
        &self,
        hash: u64,
        hash_of: impl Fn(u32) -> u64,
        same: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        if let Some(&v) = self.map.get(&hash)
            && same(v)
        {
            return Some(v);
        }
        let from = self.sorted.partition_point(|&v| hash_of(v) < hash);
        let found = self.sorted[from..]
            .iter()
            .take_while(|&&v| hash_of(v) == hash)
            .find(|&&v| same(v));
        if let Some(&v) = found {
            return Some(v);
        }
        self.spill
            .iter()
            .find(|&&(h, v)| h == hash && same(v))
            .map(|&(_, v)| v)
    }

    /// The same map with every value renumbered through `new_index` (then
    /// [`IdMap::settled`]: a settled map's order is by hash, then by index).
    pub fn remap(mut self, new_index: &[u32]) -> IdMap {
        for v in self.map.values_mut().chain(&mut self.sorted) {
            *v = new_index[*v as usize];
        }
        for (_, v) in &mut self.spill {
            *v = new_index[*v as usize];
        }
        self
    }

    /// The same map kept as events in the order of their hashes (`hash_of` gives the hash
    /// of an entry already settled). The first insert moves the entries back into a table.
    pub fn settled(self, hash_of: impl Fn(u32) -> u64) -> IdMap {
        IdMap {
            sorted: self.sorted_values(hash_of),
            ..IdMap::default()
        }
    }

    /// The events of a settled map ([`IdMap::settled`]) in their order, without a copy;
    /// `None` while entries are in the hash table or set aside.
    pub fn settled_values(&self) -> Option<&[u32]> {
        (self.map.is_empty() && self.spill.is_empty()).then_some(self.sorted.as_slice())
    }

    /// The events in the order a settled map keeps them (for the warm-start cache: the same
    /// map always gives the same order).
    pub fn sorted_values(&self, hash_of: impl Fn(u32) -> u64) -> Vec<u32> {
        let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(self.len());
        pairs.extend(self.map.iter().map(|(&h, &v)| (h, v)));
        pairs.extend(self.sorted.iter().map(|&v| (hash_of(v), v)));
        pairs.extend(&self.spill);
        pairs.sort_unstable();
        pairs.into_iter().map(|(_, v)| v).collect()
    }

    /// A settled map of events already in the order [`IdMap::sorted_values`] gives (read
    /// back from the cache, whose checksum vouches for the order: events out of order are
    /// not found, which is wrong but not unsafe).
    pub fn from_sorted(sorted: Vec<u32>) -> IdMap {
        IdMap {
            sorted,
            ..IdMap::default()
        }
    }

    /// Every event index it holds.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.map
            .values()
            .chain(&self.sorted)
            .chain(self.spill.iter().map(|(_, v)| v))
            .copied()
    }

    /// How many ids it holds.
    pub fn len(&self) -> usize {
        self.map.len() + self.sorted.len() + self.spill.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::num::u32_of;

    /// The hash of entry `j` of `ids` (`u64::MAX` past the end).
    fn hash_in(ids: &[String]) -> impl Fn(u32) -> u64 + '_ {
        |j| ids.get(j as usize).map_or(u64::MAX, |s| hash_str(s))
    }

    #[test]
    fn collisions_are_kept_apart() {
        let ids = ["a", "b", "c"];
        let mut m = IdMap::default();
        let all_7 = |_| 7;
        // Force every id under one hash: lookups must still tell them apart.
        for (i, id) in ids.iter().enumerate() {
            let same = |j: u32| ids[j as usize] == *id;
            assert_eq!(m.insert(7, u32_of(i), all_7, same), None);
        }
        assert_eq!(m.insert(7, 9, all_7, |j| ids[j as usize] == "b"), Some(1));
        // The one in the table (not set aside) is found as well.
        assert_eq!(m.insert(7, 9, all_7, |j| ids[j as usize] == "a"), Some(0));
        assert_eq!(m.len(), 3);
        let s = m.clone().settled(all_7);
        assert_eq!(s.settled_values(), Some(&[0, 1, 2][..]));
        for map in [&m, &s] {
            for (i, id) in ids.iter().enumerate() {
                let same = |j: u32| ids[j as usize] == *id;
                assert_eq!(map.get(7, all_7, same), Some(u32_of(i)));
            }
            assert_eq!(map.get(7, all_7, |_| false), None);
        }
        assert_ne!(hash_str("event-1"), hash_str("event-2"));
        assert_ne!(hash_str("abcdefgh1"), hash_str("abcdefgh2"));
    }

    #[test]
    fn a_settled_map_finds_the_same_and_takes_inserts() {
        let mut ids: Vec<String> = (0..500).map(|i| format!("e{i}")).collect();
        let mut m = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            let same = |j: u32| ids[j as usize] == *id;
            m.insert(hash_str(id), u32_of(i), hash_in(&ids), same);
        }
        // A collision set aside stays found (entry 777 is a second `e3`).
        ids.resize(778, String::new());
        ids[777] = "e3".into();
        m.insert(hash_str("e3"), 777, hash_in(&ids), |_| false);
        let order = m.sorted_values(hash_in(&ids));
        let mut s = m.settled(hash_in(&ids));
        assert!(s.map.is_empty() && s.spill.is_empty() && s.sorted.len() == 501);
        assert_eq!(s.settled_values(), Some(order.as_slice()));
        let hashes: Vec<u64> = order.iter().map(|&v| hash_in(&ids)(v)).collect();
        assert!(hashes.is_sorted());
        for (i, id) in ids.iter().enumerate().take(500) {
            let got = s.get(hash_str(id), hash_in(&ids), |j| {
                ids.get(j as usize) == Some(id)
            });
            assert_eq!(got, Some(u32_of(i)), "{id}");
        }
        assert_eq!(
            s.get(hash_str("e3"), hash_in(&ids), |j| j == 777),
            Some(777)
        );
        assert_eq!(s.get(hash_str("e500"), hash_in(&ids), |_| true), None);
        ids[600] = "new".into();
        assert_eq!(
            s.insert(hash_str("new"), 600, hash_in(&ids), |_| false),
            None
        );
        assert!(s.settled_values().is_none());
        assert_eq!(s.len(), 502);
        assert_eq!(
            s.get(hash_str("new"), hash_in(&ids), |j| j == 600),
            Some(600)
        );
        assert_eq!(s.get(hash_str("e42"), hash_in(&ids), |j| j == 42), Some(42));
        assert_eq!(
            s.get(hash_str("e3"), hash_in(&ids), |j| j == 777),
            Some(777)
        );
    }

    #[test]
    fn sorted_values_read_back_find_the_same() {
        let ids: Vec<String> = (0..50).map(|i| format!("e{i}")).collect();
        let mut m = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            m.insert(hash_str(id), u32_of(i), hash_in(&ids), |j| {
                ids[j as usize] == *id
            });
        }
        let back = IdMap::from_sorted(m.sorted_values(hash_in(&ids)));
        assert_eq!(back.len(), 50);
        for (i, id) in ids.iter().enumerate() {
            let same = |j: u32| ids[j as usize] == *id;
            assert_eq!(back.get(hash_str(id), hash_in(&ids), same), Some(u32_of(i)));
        }
        assert_eq!(back.get(hash_str("e99"), hash_in(&ids), |_| true), None);
        // Out of order (a forged entry): not found, no panic.
        let mut bad = m.sorted_values(hash_in(&ids));
        bad.reverse();
        let bad = IdMap::from_sorted(bad);
        let found = ids
            .iter()
            .filter(|id| {
                bad.get(hash_str(id), hash_in(&ids), |j| ids[j as usize] == **id)
                    .is_some()
            })
            .count();
        assert!(found < 50);
    }
}
