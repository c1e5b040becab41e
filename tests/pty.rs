//! The real binary in a real pseudo-terminal (portable-pty + vt100): start, filter, open
//! the detail, follow a link, go back, quit — and the terminal is left as it was found.

use crate::common;

use common::Pty;
use std::time::Duration;

#[test]
fn explore_follow_back_and_quit_restores_the_terminal() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#""$0"; echo "EXIT=$?"; stty -a"#, 100, 30, state.path());
    t.wait_for(&["Timeline · 83", "q quit"]);
    let screen = t.parser.screen();
    assert!(
        screen.alternate_screen(),
        "explorer on the alternate screen"
    );
    assert!(screen.hide_cursor(), "cursor hidden while exploring");

    // Find the 1999 protests with the live filter.
    t.keys("/protests erupt");
    t.wait_for(&[
        "Timeline · 1/83",
        "Student protests erupt",
        "/protests erupt",
    ]);
    // Keep the filter, open the detail: who was there, how old, which sources.
    t.keys("\r");
    t.keys("\r");
    t.wait_for(&[
        "Detail · protests-1999",
        "Mohammad Bagher Qalibaf, aged 37",
        "Sources",
    ]);
    // Pick the third link (the back-link from the 2013 retort) and follow it.
    t.keys("jjj");
    t.wait_for(&["› ← related to"]);
    t.keys("\r");
    t.wait_for(&["Detail · pincer-retort", "filter cleared"]);
    // Back (Backspace) to the protests.
    t.keys("\x7f");
    t.wait_for(&["Detail · protests-1999"]);

    t.keys("q");
    t.wait_for(&["EXIT=0", "icanon"]);
    t.exit_within(Duration::from_secs(5));
    let s = t.screen();
    assert!(
        !t.parser.screen().alternate_screen(),
        "alternate screen left:\n{s}"
    );
    assert!(!t.parser.screen().hide_cursor(), "cursor shown again");
    let stty = s.split_whitespace().collect::<Vec<_>>();
    assert!(
        stty.contains(&"icanon") && stty.contains(&"echo"),
        "raw mode off:\n{s}"
    );
    let text = String::from_utf8_lossy(&t.raw);
    assert!(text.contains("\x1b[?1049l"), "left the alternate screen");
}

#[test]
fn help_and_quit_from_a_prompt() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#""$0"; echo "EXIT=$?""#, 80, 24, state.path());
    t.wait_for(&["Timeline · 83"]);
    t.keys("?");
    t.wait_for(&[
        "Keys 1/3 · ? next page · any other key closes",
        "back along",
    ]);
    t.keys("x");
    t.wait_for(&["q quit"]);
    t.keys("/pincer");
    t.wait_for(&["Timeline · 2/83"]);
    t.keys("\x03"); // Ctrl-c quits even while typing
    t.wait_for(&["EXIT=0"]);
    assert!(!t.parser.screen().alternate_screen());
}

#[test]
fn not_a_terminal_prints_a_summary() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_annals"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("83 events"), "{text}");
    // Undated events ("some time before 2013") sort first; the span starts at the first known date.
    assert!(text.contains("Aug 1961 to 2020?"), "{text}");
    assert!(
        !text.contains("\x1b["),
        "no escape codes when not a terminal"
    );
}

#[test]
fn nothing_is_sent_while_idle() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#"exec "$0""#, 80, 24, state.path());
    t.wait_for(&["Timeline · 83", "q quit"]);
    // Let the first frame finish arriving, then watch an idle second.
    t.pump(Duration::from_millis(300));
    let before = t.raw.len();
    for _ in 0..10 {
        t.pump(Duration::from_millis(100));
    }
    assert_eq!(t.raw.len() - before, 0, "bytes sent while idle");
    t.keys("q");
}

#[test]
fn a_second_slash_starts_a_new_query_and_y_copies_with_osc52() {
    use base64::Engine;
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#""$0"; echo "EXIT=$?""#, 100, 30, state.path());
    t.wait_for(&["Timeline · 83"]);
    t.keys("/police\r");
    t.wait_for(&["/police "]);
    // A second `/` starts afresh: not `policekhatam`.
    t.keys("/khatam\r");
    t.wait_for(&["/khatam ", "Heads Khatam al-Anbiya"]);
    assert!(!t.screen().contains("policekhatam"), "{}", t.screen());
    // ↑ brings back the previous query.
    t.keys("/\x1b[A");
    t.wait_for(&["/khatam"]);
    t.keys("\x1b[A");
    t.wait_for(&["/police"]);
    t.keys("\r");
    // y: the citation goes out as one OSC 52 sequence, base64, and nothing else.
    let before = t.raw.len();
    t.keys("y");
    t.wait_for(&["citation sent to the clipboard"]);
    let sent = t.raw[before..].to_vec();
    let text = String::from_utf8_lossy(&sent);
    let start = text.find("\x1b]52;c;").expect("an OSC 52 sequence");
    let body_start = start + "\x1b]52;c;".len();
    let end = text[body_start..].find('\x07').expect("terminated") + body_start;
    let body = &text[body_start..end];
    assert!(
        body.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
        "only base64 inside: {body:?}"
    );
    let copied = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let copied = String::from_utf8(copied).unwrap();
    let selected = t.screen();
    assert!(copied.contains('¶'), "a locator: {copied}");
    let title = copied.lines().next().unwrap();
    let title = title.split(" (").next().unwrap();
    assert!(
        selected.contains(&title[..title.len().min(20)]),
        "the selected event: {copied}\n{selected}"
    );
    assert_eq!(text.matches("\x1b]52").count(), 1, "one sequence");
    t.keys("q");
    t.wait_for(&["EXIT=0"]);
}
