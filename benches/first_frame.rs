//! Measures "time from process start to first frame" of the real `annals` binary in a
//! pseudo-terminal, so that the budget (first frame of the bundled dataset within
//! 50 ms of start) is a reproducible figure rather than a guess.
//!
//! Run with `cargo bench --bench first_frame` (`ANNALS_BENCH_RUNS=N` to change the number
//! of timed runs per size, 30 by default). For each terminal size it starts the binary with
//! no arguments in a fresh pty, starts the clock just before `spawn_command`, and stops it
//! when the bytes just read make the emulated screen show both `Timeline · 80` (top-left
//! pane title) and `q quit` (status bar). The time therefore includes fork/exec, dynamic
//! loading, parsing the bundled dataset, entering raw mode and the alternate screen, the
//! first draw, and the pty round trip to this process; it excludes opening the pty.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a complete first frame shows.
const MARKERS: [&str; 2] = ["Timeline · 80", "q quit"];
/// Untimed runs per size before the timed ones (page cache, CPU frequency).
const WARMUP: usize = 3;
/// Timed runs per size unless `ANNALS_BENCH_RUNS` says otherwise.
const DEFAULT_RUNS: usize = 30;
/// Give up on a run that shows no first frame in this long.
const FRAME_TIMEOUT: Duration = Duration::from_secs(10);
/// Kill a child that has not exited this long after `q`.
const EXIT_TIMEOUT: Duration = Duration::from_secs(5);

/// Start the binary once in a `cols`×`rows` pty; return the time to its first frame.
fn first_frame(bin: &str, cols: u16, rows: u16) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env_remove("LC_ALL");
    // A clean start every time: no saved session from the user's own runs.
    cmd.arg("--fresh");
    cmd.env(
        "XDG_STATE_HOME",
        std::env::temp_dir().join("annals-bench-state"),
    );
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut writer = pty.master.take_writer().expect("pty writer");

    let (tx, rx) = mpsc::channel::<Result<Instant, String>>();
    // The reader must be running before the child starts so that no output waits on us.
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let master = pty.master;
    let reader_thread = std::thread::spawn(move || {
        let _master = master;
        let mut parser = vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows > 0"),
            NonZeroU16::new(cols).expect("cols > 0"),
            0,
        );
        let mut buf = [0u8; 16384];
        let mut seen = false;
        let _ = ready_tx.send(());
        // Ends on EOF or EIO once the child has exited and the slave is closed.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if !seen {
                let screen = parser.screen().contents();
                if MARKERS.iter().all(|m| screen.contains(m)) {
                    let at = Instant::now();
                    seen = true;
                    let _ = tx.send(Ok(at));
                }
            }
        }
        if !seen {
            let _ = tx.send(Err(parser.screen().contents()));
        }
    });
    ready_rx.recv().expect("reader thread started");

    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn annals");
    drop(pty.slave);

    let elapsed = match rx.recv_timeout(FRAME_TIMEOUT) {
        Ok(Ok(at)) => at - start,
        Ok(Err(screen)) => {
            let _ = child.kill();
            panic!("annals exited before a first frame; screen:\n{screen}");
        }
        Err(_) => {
            let _ = child.kill();
            panic!("no first frame within {FRAME_TIMEOUT:?} at {cols}x{rows}");
        }
    };

    writer.write_all(b"q").expect("send q");
    writer.flush().expect("flush q");
    let deadline = Instant::now() + EXIT_TIMEOUT;
    loop {
        match child.try_wait().expect("poll child") {
            Some(status) => {
                assert!(status.success(), "annals exited with {status:?}");
                break;
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("annals did not quit within {EXIT_TIMEOUT:?} of `q`");
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    drop(writer);
    reader_thread.join().expect("reader thread");
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

/// Nearest-rank percentile of a sorted, non-empty slice.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let runs = match std::env::var("ANNALS_BENCH_RUNS") {
        Ok(v) => v
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or_else(|| panic!("ANNALS_BENCH_RUNS must be a positive integer, not {v:?}")),
        Err(_) => DEFAULT_RUNS,
    };
    eprintln!("binary: {bin}");
    for (cols, rows) in [(80u16, 24u16), (140, 40)] {
        for _ in 0..WARMUP {
            first_frame(bin, cols, rows);
        }
        let mut times: Vec<Duration> = (0..runs).map(|_| first_frame(bin, cols, rows)).collect();
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
