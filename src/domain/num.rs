//! Counts and positions converted between the widths the model stores (`u32` indices,
//! `u16` screen cells, `i32` years) and `usize`, without a silent wrap: a file is at most
//! 2 GiB, so no count of events, names or keys reaches 2^32; should one ever, it saturates
//! to the largest value instead of wrapping to a small, wrong index.

/// `n` as a `u32` index or count (saturating).
pub fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `n` as a `u16` screen coordinate or width (saturating: screens are capped far below).
pub fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `n` as an `i32` (a count of years or rows, saturating).
pub fn i32_of(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A `u64` size or offset as `usize` (saturating; this is a 64-bit program in practice).
pub fn usize_of_u64(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The low 32 bits of `n` (for hashes and test bit patterns).
pub fn low32(n: u64) -> u32 {
    u32::try_from(n & 0xFFFF_FFFF).unwrap_or(0)
}

/// A non-negative `i64` as `usize`, negative values as 0 (saturating).
pub fn usize_of_i64(n: i64) -> usize {
    usize::try_from(n.max(0)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_saturate_instead_of_wrapping() {
        assert_eq!(u32_of(5), 5);
        assert_eq!(u32_of(usize::MAX), u32::MAX);
        assert_eq!(u16_of(70_000), u16::MAX);
        assert_eq!(i32_of(usize::MAX), i32::MAX);
        assert_eq!(usize_of_i64(-3), 0);
        assert_eq!(usize_of_i64(7), 7);
    }
}
