//! The extremes cost what they should: a 10000×10000 terminal gets a capped area drawn
//! (not gigabytes of cells per frame), and thousands of alike warnings are kept as a few
//! with a count — and cost no more memory than a file without them.

use crate::common;

use assert_cmd::Command;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// Peak memory of process `pid` so far, in MB.
fn peak_mb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

#[test]
fn a_huge_terminal_draws_a_capped_area_in_bounded_memory() {
    // Not through common::Pty: its screen model would itself hold 10⁸ cells.
    let state = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 10_000,
            cols: 10_000,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(common::bin());
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_STATE_HOME", state.path());
    cmd.env("XDG_CACHE_HOME", state.path().join("cache"));
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let pid = child.process_id().unwrap();
    let mut reader = pty.master.try_clone_reader().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = seen.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut s = into.lock().unwrap();
            s.extend_from_slice(&buf[..n]);
            // Keep the tail only: enough to find what the last frame says.
            if s.len() > 1 << 20 {
                let cut = s.len() - (1 << 19);
                s.drain(..cut);
            }
        }
    });
    let start = Instant::now();
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("Timeline") {
        assert!(start.elapsed() < Duration::from_secs(20), "no first frame");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut w = pty.master.take_writer().unwrap();
    w.write_all(b"jjG").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let mb = peak_mb(pid);
    w.write_all(b"q").unwrap();
    let start = Instant::now();
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.exit_code();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, 0);
    eprintln!("peak {mb} MB");
    assert!(mb < 300, "{mb} MB for a 10000×10000 terminal");
}

#[test]
fn alike_warnings_are_kept_as_a_few_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bare.ron");
    let n = 20_000;
    let events: String = (0..n)
        .map(|i| format!("Event(id: \"e{i}\", date: \"2000\", title: \"t\"),\n"))
        .collect();
    std::fs::write(&f, format!("Timeline(title: \"t\", events: [{events}])")).unwrap();
    let out = Command::cargo_bin("annals")
        .unwrap()
        .arg("check")
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("{n} warning(s)")), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 10, "{stderr}");
    assert!(lines.iter().all(|l| l.contains("cites no source")));
    assert!(
        lines[9].ends_with(&format!("(and {} more like this)", n - 10)),
        "{stderr}"
    );
}

/// A timeline of `n` minimal events, citing a source or not.
fn minimal(n: usize, cited: bool) -> String {
    let cite = if cited {
        ", citations: [Cite(source: \"s\")]"
    } else {
        ""
    };
    let events: String = (0..n)
        .map(|i| format!("Event(id: \"e{i}\", date: \"2000\", title: \"t\"{cite}),\n"))
        .collect();
    format!(
        "Timeline(title: \"t\", sources: [Source(id: \"s\", title: \"s\")], events: [{events}])"
    )
}

#[test]
fn warnings_on_every_event_cost_no_more_memory_than_none() {
    // Positions are found only for the warnings kept, not for every value of the file:
    // before, 10 million events citing no source took 11.6 GB to check.
    let dir = tempfile::tempdir().unwrap();
    let n = 200_000;
    let (bare, cited) = (dir.path().join("bare.ron"), dir.path().join("cited.ron"));
    std::fs::write(&bare, minimal(n, false)).unwrap();
    std::fs::write(&cited, minimal(n, true)).unwrap();
    let peak = |f: &std::path::Path| {
        let (code, err, mb) = common::bounded(
            &["check", f.to_str().unwrap()],
            &[],
            Duration::from_secs(120),
        );
        assert_eq!(code, Some(0), "{err}");
        mb
    };
    let (with, without) = (peak(&bare), peak(&cited));
    eprintln!("peak: {with} MB with {n} warnings, {without} MB with none");
    assert!(
        with <= without + without / 5,
        "{with} MB against {without} MB"
    );
}
