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

/// Id hash → event index, with the rare true collisions kept aside.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IdMap {
    map: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// Events whose id hash collided with a different id (practically never).
    spill: Vec<(u64, u32)>,
}

impl IdMap {
    /// Add `value` under `hash` unless an equal id is there (`same` compares an existing
    /// entry's id with the new one); returns the existing entry in that case.
    pub fn insert(&mut self, hash: u64, value: u32, same: impl Fn(u32) -> bool) -> Option<u32> {
        if let Some(found) = self.get(hash, &same) {
            return Some(found);
        }
        match self.map.entry(hash) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(value);
            }
            std::collections::hash_map::Entry::Occupied(_) => self.spill.push((hash, value)),
        }
        None
    }

    /// The entry under `hash` whose id `same` accepts.
    pub fn get(&self, hash: u64, same: impl Fn(u32) -> bool) -> Option<u32> {
        if let Some(&v) = self.map.get(&hash)
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
        for v in self.map.values_mut() {
            *v = new_index[*v as usize];
        }
        for (_, v) in &mut self.spill {
            *v = new_index[*v as usize];
        }
        self
    }

    /// As columns for the warm-start cache: the map's hashes and values (by hash, so that
    /// the same map always gives the same columns), and the collisions kept aside.
    pub fn columns(&self) -> (Vec<u64>, Vec<u32>, Vec<(u64, u32)>) {
        let mut pairs: Vec<(u64, u32)> = self.map.iter().map(|(&h, &v)| (h, v)).collect();
        pairs.sort_unstable();
        let (hashes, values) = pairs.into_iter().unzip();
        (hashes, values, self.spill.clone())
    }

    /// The map [`IdMap::columns`] made; `None` when the columns differ in length.
    pub fn from_columns(hashes: &[u64], values: &[u32], spill: Vec<(u64, u32)>) -> Option<IdMap> {
        if hashes.len() != values.len() {
            return None;
        }
        let mut map = HashMap::with_capacity_and_hasher(hashes.len(), Default::default());
        map.extend(hashes.iter().copied().zip(values.iter().copied()));
        Some(IdMap { map, spill })
    }

    /// The same map with `spill` as its collisions.
    pub fn with_spill(self, spill: Vec<(u64, u32)>) -> IdMap {
        IdMap { spill, ..self }
    }

    /// Every event index it holds.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.map
            .values()
            .chain(self.spill.iter().map(|(_, v)| v))
            .copied()
    }

    /// How many ids it holds.
    pub fn len(&self) -> usize {
        self.map.len() + self.spill.len()
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
}
