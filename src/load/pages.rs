//! A file's text as the parallel parse reads it: borrowed, or owned by the load, which
//! then gives each stretch's memory back to the system once it is parsed and stored, so that
//! a big file's text and the timeline built from it are never both held whole.

use std::marker::PhantomData;
use std::ops::Range;

/// Bytes given back so far by this process (for the tests).
#[cfg(test)]
pub(crate) static GIVEN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Text the parse reads by ranges. Ranges given back ([`Pages::give_back`]) read as zeros
/// afterwards: they must never be read again, and the load must not fall back on the text
/// once any is given back ([`Pages::given_back`] says whether any was).
pub(crate) struct Pages<'s> {
    ptr: *mut u8,
    len: usize,
    /// May pages be given back (the text is owned by the load)?
    owned: bool,
    given: std::sync::atomic::AtomicBool,
    _text: PhantomData<&'s [u8]>,
}

// SAFETY: a `Pages` is a shared view of bytes that live for `'s`; reading them from several
// threads is sound, and the only change made to them (giving pages back) follows the
// contract of `give_back`.
unsafe impl Send for Pages<'_> {}
// SAFETY: as above.
unsafe impl Sync for Pages<'_> {}

impl<'s> Pages<'s> {
    /// Text that is only read.
    pub(crate) fn borrowed(src: &'s str) -> Pages<'s> {
        Pages {
            ptr: src.as_ptr().cast_mut(),
            len: src.len(),
            owned: false,
            given: false.into(),
            _text: PhantomData,
        }
    }

    /// The bytes of `buf`, whose pages may be given back as they are parsed. `buf` stays
    /// borrowed while this lives.
    ///
    /// # Safety
    /// `buf` is UTF-8 (the caller checked it once, to tell the file's format).
    pub(crate) unsafe fn owned(buf: &'s mut [u8]) -> Pages<'s> {
        Pages {
            len: buf.len(),
            ptr: buf.as_mut_ptr(),
            owned: true,
            given: false.into(),
            _text: PhantomData,
        }
    }

    /// The text's length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The text of `range`, if it is in the text and starts and ends on character
    /// boundaries.
    ///
    /// # Safety
    /// No page of `range` has been given back, and none will be while the result (or
    /// anything borrowed from it) lives. The text was checked to be UTF-8 when it was made.
    pub(crate) unsafe fn get(&self, range: Range<usize>) -> Option<&'s str> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        // SAFETY: in bounds (checked above), and the bytes live for `'s` and are not given
        // back (the caller's promise).
        let bytes = unsafe {
            std::slice::from_raw_parts(self.ptr.add(range.start), range.end - range.start)
        };
        let boundary = |i: usize| {
            i == self.len || {
                // SAFETY: `i < len`.
                let b = unsafe { *self.ptr.add(i) };
                b & 0xC0 != 0x80
            }
        };
        if !(boundary(range.start) && boundary(range.end)) {
            return None;
        }
        // SAFETY: the whole text is UTF-8 (checked by whoever made it), and a slice of it
        // that starts and ends on character boundaries is too.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    }

    /// Give the whole pages inside `range` back to the system (owned text on unix only;
    /// otherwise nothing happens). They read as zeros afterwards.
    ///
    /// # Safety
    /// Nothing borrowed from `range` (by [`Pages::get`]) lives, and nothing will read it
    /// again.
    pub(crate) unsafe fn give_back(&self, range: Range<usize>) {
        #[cfg(unix)]
        if self.owned && range.end <= self.len {
            // SAFETY: `_SC_PAGESIZE` has no preconditions.
            let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(0);
            if page == 0 || !page.is_power_of_two() {
                return;
            }
            let base = self.ptr as usize;
            let from = (base + range.start).next_multiple_of(page);
            let to = (base + range.end) & !(page - 1);
            if from < to {
                // SAFETY: `from..to` lies inside the owned buffer (rounded inward), nothing
                // borrows it (the caller's promise), and `MADV_DONTNEED` on private anonymous
                // memory only drops its contents: it reads as zeros from now on.
                let r = unsafe {
                    libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_DONTNEED)
                };
                if r == 0 {
                    self.given.store(true, std::sync::atomic::Ordering::Relaxed);
                    #[cfg(test)]
                    GIVEN.fetch_add(to - from, std::sync::atomic::Ordering::Relaxed);
                }
            }
        }
        #[cfg(not(unix))]
        let _ = range;
    }

    /// Has any page been given back (the text is no longer whole)?
    pub(crate) fn given_back(&self) -> bool {
        self.given.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_text_only_on_char_boundaries() {
        let s = "añb";
        let p = Pages::borrowed(s);
        // SAFETY: nothing is given back.
        unsafe {
            assert_eq!(p.get(0..4), Some("añb"));
            assert_eq!(p.get(1..3), Some("ñ"));
            assert_eq!(p.get(0..2), None);
            assert_eq!(p.get(2..4), None);
            assert_eq!(p.get(3..5), None);
        }
    }

    #[cfg(unix)]
    #[test]
    fn pages_given_back_read_as_zeros_and_the_rest_is_kept() {
        let n = 1 << 20;
        let mut buf = vec![b'x'; n];
        // SAFETY: ASCII.
        let p = unsafe { Pages::owned(&mut buf) };
        assert!(!p.given_back());
        // SAFETY: nothing borrowed from 100..600000 lives.
        unsafe { p.give_back(100..600_000) };
        assert!(p.given_back());
        let page = 4096.max(usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap());
        // Whole pages inside the range only: the partial pages at both ends are kept.
        let zeros = buf.iter().filter(|&&b| b == 0).count();
        assert!(
            zeros > 600_000 - 100 - 2 * page && zeros <= 600_000 - 100,
            "{zeros}"
        );
        assert!(buf[..100].iter().all(|&b| b == b'x'));
        assert!(buf[600_000..].iter().all(|&b| b == b'x'));
        // Borrowed text is never given back.
        let s = "y".repeat(n);
        let q = Pages::borrowed(&s);
        // SAFETY: as above.
        unsafe { q.give_back(0..n) };
        assert!(!q.given_back() && s.bytes().all(|b| b == b'y'));
    }
}
