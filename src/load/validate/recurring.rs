//! Short strings that recur across events — a citation's locator (`¶12`, `p. 3`) — are
//! kept once in the text arena, and every citation that names one points at that copy
//! (a million events cite two million locators of a few bytes each).

use crate::domain::event::Str;
use std::collections::HashMap;

/// The short strings kept so far and where.
#[derive(Default)]
pub(super) struct Recurring {
    seen: HashMap<Box<str>, Str, foldhash::quality::RandomState>,
}

/// Longer strings are not looked for (they rarely recur, and hashing them costs more).
const LONGEST: usize = 16;
/// At most this many are remembered (a bound on the map, whatever the file).
const MOST: usize = 1 << 16;

impl Recurring {
    /// Where `s` is kept, if it is short and was seen.
    pub(super) fn get(&self, s: &str) -> Option<Str> {
        (s.len() <= LONGEST)
            .then(|| self.seen.get(s).copied())
            .flatten()
    }

    /// Remember that `s` is kept at `at` (if it is short and there is room).
    pub(super) fn keep(&mut self, s: &str, at: Str) {
        if s.len() <= LONGEST && self.seen.len() < MOST {
            self.seen.insert(s.into(), at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_are_found_again_and_long_ones_never() {
        let mut r = Recurring::default();
        let at = Str { start: 4, len: 3 };
        r.keep("¶1", at);
        assert_eq!(r.get("¶1"), Some(at));
        assert_eq!(r.get("¶2"), None);
        let long = "p. 1234567890123456";
        r.keep(long, at);
        assert_eq!(r.get(long), None);
        for k in 0..MOST + 10 {
            r.keep(&k.to_string(), at);
        }
        assert_eq!(r.seen.len(), MOST);
    }
}
