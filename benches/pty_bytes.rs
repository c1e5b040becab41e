//! Counts the bytes annals sends to its terminal, in a real 80×24 pseudo-terminal: while
//! idle (must be zero) and for moving the selection by one row (must be well under 1 KB),
//! because over a slow SSH link every byte is latency.
//!
//! Run with `cargo bench --bench pty_bytes`.

// The benches use a part of the tests' helpers.
#[allow(dead_code)]
#[path = "../tests/common/mod.rs"]
mod common;

use common::Pty;
use std::time::Duration;

/// Read until the program has been quiet for `quiet`; the bytes read.
fn settle(t: &mut Pty, quiet: Duration) -> usize {
    let before = t.raw.len();
    loop {
        let n = t.raw.len();
        t.pump(quiet);
        if t.raw.len() == n {
            return t.raw.len() - before;
        }
    }
}

fn main() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut t = Pty::sh(r#"exec "$0" --fresh"#, 80, 24, state.path());
    t.wait_for(&["Timeline · 83", "q quit"]);
    settle(&mut t, Duration::from_millis(300));
    let first = t.raw.len();
    // Idle: nothing at all for 3 s.
    let idle = settle(&mut t, Duration::from_secs(3));
    let mut moves = Vec::new();
    for key in ["j"; 20].into_iter().chain(["k"; 20]) {
        t.send(key);
        moves.push(settle(&mut t, Duration::from_millis(150)));
    }
    if std::env::var_os("ANNALS_DUMP").is_some() {
        let start = t.raw.len();
        t.send("j");
        settle(&mut t, Duration::from_millis(150));
        std::fs::write("/tmp/move.bin", &t.raw[start..]).unwrap();
    }
    moves.sort_unstable();
    let median = moves[moves.len() / 2];
    println!("first frame, 80x24: {first} bytes");
    println!("idle for 3 s: {idle} bytes");
    println!(
        "one-row move (j/k), 80x24: median {median} bytes (min {}, max {}) over {} moves",
        moves[0],
        moves[moves.len() - 1],
        moves.len()
    );
    t.keys("q");
}
