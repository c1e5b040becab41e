//! When to draw while a filter runs: a key, or a scan's last results, at once; partial
//! results of a scan still running at most every [`PARTIAL_EVERY`], so that a scan that
//! ends sooner shows two frames (the key, then its results) and leaves the cores, and the
//! terminal's, to the scan instead of to frames no one can read.

use std::time::{Duration, Instant};

/// Least time between two frames of partial results.
pub const PARTIAL_EVERY: Duration = Duration::from_millis(100);

/// The frame held back, if any.
#[derive(Debug, Default)]
pub struct Pacing {
    held: Option<Instant>,
}

impl Pacing {
    /// After a batch of messages: `changed`, the state changed; `partial`, the batch held
    /// only partial results of a scan still running. True: draw now. A held frame that is
    /// due is drawn even while results keep coming.
    pub fn after(&mut self, changed: bool, partial: bool, now: Instant) -> bool {
        if changed && partial && self.held.is_none() {
            self.held = Some(now + PARTIAL_EVERY);
        }
        let overdue = self.held.is_some_and(|h| h <= now);
        let draw = changed && !partial || overdue;
        if draw {
            self.held = None;
        }
        draw
    }

    /// When the held frame is due (`None`: no frame is held).
    pub fn due(&self) -> Option<Instant> {
        self.held
    }

    /// A frame was drawn (for whatever reason): nothing is held any more.
    pub fn drawn(&mut self) {
        self.held = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_results_wait_and_the_rest_is_drawn_at_once() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut p = Pacing::default();
        // (after ms, changed, partial) → (draw now, a frame due at)
        type Step = ((u64, bool, bool), (bool, Option<u64>));
        let steps: [Step; 8] = [
            ((0, true, false), (true, None)),      // a key: drawn
            ((5, true, true), (false, Some(105))), // partial results: held
            ((30, true, true), (false, Some(105))),
            ((60, false, false), (false, Some(105))), // nothing changed
            ((105, true, true), (true, None)),        // due, though results keep coming
            ((110, true, true), (false, Some(210))),
            ((140, true, false), (true, None)), // the last results: at once
            ((150, true, true), (false, Some(250))),
        ];
        for ((at, changed, partial), (draw, due)) in steps {
            assert_eq!(p.after(changed, partial, ms(at)), draw, "at {at} ms");
            assert_eq!(p.due(), due.map(ms), "at {at} ms");
        }
        p.drawn();
        assert_eq!(p.due(), None);
    }
}
