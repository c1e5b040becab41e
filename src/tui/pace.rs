//! Pacing of the frames that only show more partial results of a running filter: a
//! million-event scan delivers dozens of slices, and drawing each one took CPU from the
//! scan itself (two cores). The first results of a scan, every key and the final results
//! are drawn at once; in between, partial results at most every [`PARTIAL_EVERY`].

use std::time::{Duration, Instant};

/// Least time between two frames that only add partial results of the same scan.
pub const PARTIAL_EVERY: Duration = Duration::from_millis(40);

/// When the last frame was drawn, and whether one is owed.
#[derive(Debug, Default)]
pub struct Pace {
    /// When the last frame was drawn.
    last: Option<Instant>,
    /// The scan (generation) whose partial results a frame has shown.
    shown: Option<u64>,
    /// A change was not drawn yet: draw at [`Pace::due`].
    owed: bool,
}

impl Pace {
    /// Should a frame wait? `partial` is the running scan's generation when all that
    /// changed since the last frame is more partial results of it (else `None`: a key,
    /// the final results…). A frame that waits is owed, and due at [`Pace::due`].
    pub fn wait(&mut self, partial: Option<u64>, now: Instant) -> bool {
        let soon = self
            .last
            .is_some_and(|l| now.saturating_duration_since(l) < PARTIAL_EVERY);
        let wait = partial.is_some() && partial == self.shown && soon;
        self.owed |= wait;
        wait
    }

    /// A frame was drawn at `now` (showing partial results of scan `partial`, if any).
    pub fn drawn(&mut self, partial: Option<u64>, now: Instant) {
        self.last = Some(now);
        self.owed = false;
        if partial.is_some() {
            self.shown = partial;
        }
    }

    /// When the owed frame is due (`None`: none is owed).
    pub fn due(&self) -> Option<Instant> {
        match (self.owed, self.last) {
            (true, Some(l)) => Some(l + PARTIAL_EVERY),
            (true, None) => Some(Instant::now()),
            (false, _) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PARTIAL_EVERY, Pace};
    use std::time::{Duration, Instant};

    #[test]
    fn first_partial_results_keys_and_final_results_draw_at_once() {
        let t = Instant::now();
        let mut p = Pace::default();
        // A key: drawn.
        assert!(!p.wait(None, t));
        p.drawn(None, t);
        // The scan's first results, 1 ms later: drawn at once.
        let t1 = t + Duration::from_millis(1);
        assert!(!p.wait(Some(7), t1));
        p.drawn(Some(7), t1);
        // More of them 2 ms later: they wait, and are due one interval after the last frame.
        assert!(p.wait(Some(7), t1 + Duration::from_millis(2)));
        assert_eq!(p.due(), Some(t1 + PARTIAL_EVERY));
        // The final results (no scan running any more): drawn at once, nothing owed.
        assert!(!p.wait(None, t1 + Duration::from_millis(3)));
        p.drawn(None, t1 + Duration::from_millis(3));
        assert_eq!(p.due(), None);
        // Partial results once the interval has passed: drawn.
        assert!(!p.wait(Some(7), t1 + PARTIAL_EVERY + PARTIAL_EVERY));
        // A new scan's first results: drawn at once.
        let t2 = t1 + Duration::from_millis(4);
        p.drawn(None, t2);
        assert!(!p.wait(Some(8), t2));
    }
}
