//! A text arena that is either owned or borrowed in place from bytes kept alive elsewhere
//! (a cache entry mapped into memory), so that a warm start does not copy hundreds of
//! megabytes of text it only has to check.
//!
//! Borrowed bytes are checked as UTF-8 once, when the arena is made, in pieces small enough
//! to stay in the processor's cache while the caller hashes the same piece; after that the
//! arena reads as a `&str` for free.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Bytes that stay put for as long as they are shared (a read-only mapping of a file that
/// is never changed in place).
///
/// # Safety
/// `bytes` must return the very same bytes on every call, for as long as any arena made
/// from it lives: an arena checks them as UTF-8 once, then reads them as text unchecked.
pub unsafe trait Backing: Send + Sync {
    /// All the bytes.
    fn bytes(&self) -> &[u8];
}

/// Text an arena reads: owned, or a checked range of shared bytes.
#[derive(Clone)]
pub struct Arena(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    /// Invariant: `back.bytes()[range]` exists and is UTF-8 (checked by [`Arena::shared`]).
    Shared {
        back: Arc<dyn Backing>,
        range: Range<usize>,
    },
}

/// Bytes per piece checked and handed to the caller, and copied and hashed by the cache's
/// reader: small enough to stay in a core's L2 cache between the two passes.
pub const PIECE: usize = 256 << 10;

/// Split `bytes` into pieces of about `piece` bytes that each start on a character boundary
/// (or where a character cannot start: then the piece holding it is not UTF-8 anyway).
fn pieces(bytes: &[u8], piece: usize) -> impl Iterator<Item = &[u8]> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let end = super::text::char_cut(bytes, at + piece.max(1));
        let p = &bytes[at..end];
        at = end;
        Some(p)
    })
}

/// Is `bytes` UTF-8, checked piece by piece (each piece passed to `each` right after)?
fn checked(bytes: &[u8], piece: usize, mut each: impl FnMut(&[u8])) -> bool {
    let mut ok = true;
    for p in pieces(bytes, piece) {
        ok &= super::text::utf8(p).is_ok();
        each(p);
    }
    ok
}

impl Arena {
    /// The bytes `range` of `back` as text, if they are there and are UTF-8. `each` sees
    /// every byte of the range once, in order, in pieces, while they are checked (to hash
    /// them in the same pass); it is called even when the text turns out not to be UTF-8.
    pub fn shared(
        back: Arc<dyn Backing>,
        range: Range<usize>,
        each: impl FnMut(&[u8]),
    ) -> Option<Arena> {
        Arena::shared_in(back, range, PIECE, each)
    }

    fn shared_in(
        back: Arc<dyn Backing>,
        range: Range<usize>,
        piece: usize,
        each: impl FnMut(&[u8]),
    ) -> Option<Arena> {
        let bytes = back.bytes().get(range.clone())?;
        checked(bytes, piece, each).then_some(Arena(Repr::Shared { back, range }))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Shared { back, range } => {
                let bytes = &back.bytes()[range.clone()];
                // SAFETY: checked to be UTF-8 when made (`shared_in`), and the backing
                // bytes never change while shared (the contract of the unsafe trait
                // `Backing`).
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
        }
    }

    /// The text to change (a shared arena is copied first: only builders change text).
    pub fn owned(&mut self) -> &mut String {
        if let Repr::Shared { .. } = self.0 {
            self.0 = Repr::Owned(self.as_str().to_string());
        }
        match &mut self.0 {
            Repr::Owned(s) => s,
            Repr::Shared { .. } => unreachable!("made owned just above"),
        }
    }

    /// Is the text borrowed in place (for the tests and the curious)?
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared { .. })
    }
}

impl Default for Arena {
    fn default() -> Arena {
        Arena(Repr::Owned(String::new()))
    }
}

impl From<String> for Arena {
    fn from(s: String) -> Arena {
        Arena(Repr::Owned(s))
    }
}

impl From<&str> for Arena {
    fn from(s: &str) -> Arena {
        Arena(Repr::Owned(s.to_string()))
    }
}

impl Deref for Arena {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Arena {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Hundreds of megabytes: the length and where it lives, not the text.
        let kind = if self.is_shared() { "shared" } else { "owned" };
        write!(f, "Arena({kind}, {} bytes)", self.len())
    }
}

impl serde::Serialize for Arena {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Arena {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Arena, D::Error> {
        String::deserialize(d).map(Arena::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // SAFETY: a `Vec` behind an `Arc` is never changed.
    unsafe impl Backing for Vec<u8> {
        fn bytes(&self) -> &[u8] {
            self
        }
    }

    fn share(bytes: &[u8], range: Range<usize>, piece: usize) -> (Option<Arena>, Vec<u8>) {
        let mut seen = Vec::new();
        let a = Arena::shared_in(Arc::new(bytes.to_vec()), range, piece, |p| {
            seen.extend_from_slice(p)
        });
        (a, seen)
    }

    #[test]
    fn shared_text_reads_in_place_and_is_copied_only_to_change() {
        let (a, seen) = share("..añb€..".as_bytes(), 2..9, 2);
        let mut a = a.unwrap();
        assert_eq!((a.as_str(), a.is_shared()), ("añb€", true));
        assert_eq!(seen, "añb€".as_bytes());
        a.owned().push('!');
        assert_eq!((&*a, a.is_shared()), ("añb€!", false));
        // Outside the bytes, or cutting a character: refused.
        assert!(share(b"abc", 1..4, 2).0.is_none());
        assert!(share("añb".as_bytes(), 0..2, 2).0.is_none());
    }

    proptest! {
        /// Checked in pieces, the answer is std's for the whole, whatever the piece size,
        /// and every byte is handed over once, in order.
        #[test]
        fn pieces_agree_with_checking_the_whole(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'a'), Just(0xC3u8), Just(0xA9u8), Just(0xE2u8), Just(0x82u8),
                            Just(0xACu8), Just(0xF0u8), Just(0x9Fu8), Just(0x80u8), any::<u8>()],
                0..64),
            piece in 1usize..9,
        ) {
            let (a, seen) = share(&bytes, 0..bytes.len(), piece);
            prop_assert_eq!(a.is_some(), std::str::from_utf8(&bytes).is_ok());
            prop_assert_eq!(seen, bytes);
        }
    }
}
