//! Sets of event indices as bits in `u64` words (bit `i % 64` of word `i / 64`): the
//! search's answers per event (a term's events, a sweep's, a pair of letters') are read
//! and written through these two, out-of-range reads saying "no" and writes doing nothing.

/// Is bit `i` set?
pub fn get(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
}

/// Set bit `i` (nothing when it is past the end).
pub fn set(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bits_are_set_and_read_in_place_and_past_the_end_is_no() {
        let mut b = vec![0u64; 2];
        for i in [0, 63, 64, 127, 500] {
            super::set(&mut b, i);
        }
        assert_eq!(b, [1 | 1 << 63, 1 | 1 << 63]);
        let on: Vec<usize> = (0..200).filter(|&i| super::get(&b, i)).collect();
        assert_eq!(on, [0, 63, 64, 127]);
    }
}
