//! A progress line on stderr while `check`, `search` or `export` load a big file — only
//! when stderr is a terminal, and erased when done, so scripts and pipes see nothing extra.

use crate::load::{LoadError, Progress};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Files smaller than this load too fast to need a progress line.
const BIG: u64 = 16 << 20;
/// First drawn after this long, then redrawn this often.
const AFTER: Duration = Duration::from_millis(250);
const EVERY: Duration = Duration::from_millis(100);

/// One progress line: `annals: loading FILE  42% (120.0 of 450.0 MB, 1.2 s)`.
pub fn line(shown: &str, p: &Progress, elapsed: Duration) -> String {
    let total = p.total().max(1);
    let (what, done) = if p.read() < p.total() {
        ("reading", p.read())
    } else {
        ("parsing", p.parsed())
    };
    format!(
        "annals: {what} {shown} {:3}% ({:.1} of {:.1} MB, {:.1} s)",
        done * 100 / total,
        done as f64 / 1e6,
        total as f64 / 1e6,
        elapsed.as_secs_f64()
    )
}

/// Run `load` on `path`, showing progress on stderr when it is a terminal and the file
/// is big.
pub fn with_bar<T>(
    path: &Path,
    load: impl FnOnce(&Path, &Progress) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= BIG);
    if !(big && std::io::stderr().is_terminal()) {
        return load(path, &Progress::default());
    }
    let progress = Arc::new(Progress::default());
    let stop = Arc::new(AtomicBool::new(false));
    let shown = crate::text::sanitize(&path.display().to_string(), false).into_owned();
    let bar = {
        let (progress, stop) = (progress.clone(), stop.clone());
        std::thread::spawn(move || {
            let start = Instant::now();
            let mut drawn = false;
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(EVERY);
                if start.elapsed() >= AFTER {
                    let text = line(&shown, &progress, start.elapsed());
                    let _ = write!(std::io::stderr().lock(), "\r{text}\x1b[K");
                    drawn = true;
                }
            }
            if drawn {
                let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            }
        })
    };
    let result = load(path, &progress);
    stop.store(true, Ordering::SeqCst);
    let _ = bar.join();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_how_far_and_how_long() {
        let p = Progress::default();
        assert_eq!(
            line("big.ron", &p, Duration::from_millis(1500)),
            "annals: parsing big.ron   0% (0.0 of 0.0 MB, 1.5 s)"
        );
    }
}
