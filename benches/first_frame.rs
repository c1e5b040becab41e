//! Measures "time from process start to first frame" of the real `annals` binary in a
//! pseudo-terminal, so that the budget (first frame of the bundled dataset within
//! 50 ms of start) is a reproducible figure rather than a guess.
//!
//! Run with `cargo bench --bench first_frame` (`ANNALS_BENCH_RUNS=N` to change the number
//! of timed runs per size, 30 by default). For each terminal size it starts the binary with
//! `--fresh` in a fresh pty, starts the clock just before opening the pty, and stops it
//! when the bytes just read make the emulated screen show both `Timeline · 83` (top-left
//! pane title) and `q quit` (status bar). The time therefore includes fork/exec, dynamic
//! loading, parsing the bundled dataset, entering raw mode and the alternate screen, the
//! first draw, and the pty round trip to this process. The pty is the shared test harness
//! (`tests/common`), so the bench and the end-to-end tests drive annals the same way.

// The benches use a part of the tests' helpers.
#[allow(dead_code)]
#[path = "../tests/common/mod.rs"]
mod common;

use common::Pty;
use portable_pty::CommandBuilder;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a complete first frame shows.
const MARKERS: [&str; 2] = ["Timeline · 83", "q quit"];
/// Untimed runs per size before the timed ones (page cache, CPU frequency).
const WARMUP: usize = 3;
/// Timed runs per size unless `ANNALS_BENCH_RUNS` says otherwise.
const DEFAULT_RUNS: usize = 30;
/// Give up on a run that shows no first frame in this long.
const FRAME_TIMEOUT: Duration = Duration::from_secs(10);

/// Start the binary once in a `cols`×`rows` pty; return the time to its first frame.
fn first_frame(cols: u16, rows: u16, state: &Path) -> Duration {
    let mut cmd = CommandBuilder::new(common::bin());
    // A clean start every time: no saved session from earlier runs.
    cmd.arg("--fresh");
    let start = Instant::now();
    let mut t = Pty::spawn(cmd, cols, rows, state);
    let elapsed = loop {
        // Returns as soon as output arrives, so the stop time is the arrival time.
        t.pump(Duration::from_millis(5));
        let screen = t.screen();
        if MARKERS.iter().all(|m| screen.contains(m)) {
            break start.elapsed();
        }
        assert!(
            start.elapsed() < FRAME_TIMEOUT,
            "no first frame within {FRAME_TIMEOUT:?} at {cols}x{rows}; screen:\n{screen}"
        );
    };
    t.keys("q");
    assert_eq!(
        t.exit_within(Duration::from_secs(5)),
        Some(0),
        "annals did not quit"
    );
    elapsed
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median of a sorted, non-empty slice (mean of the middle two when even).
fn median(sorted: &[Duration]) -> Duration {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

/// Nearest-rank percentile of a sorted, non-empty slice (the rank is a small positive
/// float: the cast neither wraps nor loses a sign that matters).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let state = tempfile::tempdir().expect("temp dir");
    let runs = match std::env::var("ANNALS_BENCH_RUNS") {
        Ok(v) => v
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or_else(|| panic!("ANNALS_BENCH_RUNS must be a positive integer, not {v:?}")),
        Err(_) => DEFAULT_RUNS,
    };
    eprintln!("binary: {}", common::bin());
    for (cols, rows) in [(80u16, 24u16), (140, 40)] {
        for _ in 0..WARMUP {
            first_frame(cols, rows, state.path());
        }
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| first_frame(cols, rows, state.path()))
            .collect();
        times.sort();
        println!(
            "first frame {cols}x{rows}: median {:.1} ms (min {:.1}, p90 {:.1}, max {:.1}) over {runs} runs",
            ms(median(&times)),
            ms(times[0]),
            ms(percentile(&times, 90.0)),
            ms(times[times.len() - 1]),
        );
    }
}
