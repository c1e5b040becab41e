//! Hints to the processor to start loading memory a loop will read a few steps later.
//!
//! Walking a freshly loaded timeline in chronological order jumps about its text,
//! references and citations, which are laid out in file order: each jump is a cache miss
//! the loop would otherwise wait for. A hint never faults, reads nothing into the program
//! and changes no result; where the architecture has none it does nothing.

use super::Timeline;

/// Start loading the cache line holding `x`.
#[inline(always)]
pub fn read<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it never faults, whatever the address, and moves
    // nothing into the program's state (and `x` is a live reference anyway).
    #[allow(unused_unsafe)]
    unsafe {
        use core::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(x).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

impl Timeline {
    /// Start loading what reading event `i` touches first: the start of its title and
    /// summary, its first citation and its first person, place or tag. (Nothing for an
    /// index out of range.)
    #[inline]
    pub(crate) fn prefetch(&self, i: usize) {
        let Some(e) = self.events.get(i) else {
            return;
        };
        let text = self.text.as_bytes();
        for s in [e.title, e.summary] {
            if let Some(b) = text.get(s.start as usize) {
                read(b);
            }
        }
        if let Some(c) = self.cites.get(e.citations.start as usize) {
            read(c);
        }
        if let Some(r) = self.refs.get(e.refs.start as usize) {
            read(r);
        }
    }
}
