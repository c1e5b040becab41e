//! Robustness of the explorer in a real pty: a panic restores the terminal, saves the
//! session and says where to report it; limits (no events, thousands of links, deep
//! nesting, huge lines) give a clear error or a working screen.

use crate::common::{self, Pty, annals};
use std::time::Duration;

#[test]
fn a_panic_restores_the_terminal_saves_the_session_and_reports() {
    let state = tempfile::tempdir().unwrap();
    let mut p = Pty::sh(r#"ANNALS_DEBUG_PANIC=1 exec "$0""#, 100, 30, state.path());
    p.wait_for(&["Timeline · 83"]);
    p.keys("/pincer\r");
    p.wait_for(&["Timeline · 2/83"]);
    p.keys("\x1b[24~"); // F12: the test hook panics
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(101));
    let raw = String::from_utf8_lossy(&p.raw).into_owned();
    let screen = p.screen();
    assert!(raw.contains("\x1b[?1049l"), "alternate screen left");
    assert!(screen.contains("internal error (a bug)"), "{screen}");
    assert!(
        screen.contains("F12 pressed"),
        "the panic message: {screen}"
    );
    assert!(screen.contains("Your session was saved"), "{screen}");
    assert!(screen.contains("issue tracker"), "{screen}");
    // The saved session brings the filter back.
    let mut again = Pty::sh(r#"exec "$0""#, 100, 30, state.path());
    again.wait_for(&["Timeline · 2/83", "/pincer"]);
    again.keys("q");
    assert_eq!(again.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn a_timeline_without_events_works_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.ron");
    std::fs::write(&f, "Timeline(title: \"Nothing yet\")").unwrap();
    annals().arg("check").arg(&f).assert().success();
    let out = annals().arg("search").arg(&f).arg("x").output().unwrap();
    // Nothing matches in no events: exit 1, like grep.
    assert!(out.status.code() == Some(1) && out.stdout.is_empty());
    for fmt in ["json", "csv", "markdown"] {
        annals()
            .arg("export")
            .arg(&f)
            .args(["-f", fmt])
            .assert()
            .success();
    }
    let mut p = Pty::explore(&f, 100, 30, dir.path());
    p.wait_for(&["Timeline · 0", "no events"]);
    for k in [
        "j", "k", "G", "g", "\t", "\r", "\t", "\r", "/x\r", "t1999\r", "?",
    ] {
        p.keys(k);
    }
    p.keys("?"); // the help's second page: the query syntax
    p.keys("q"); // closes the help
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn thousands_of_links_and_a_huge_summary_load_and_draw() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("links.ron");
    let n = 3000;
    let mut events = String::new();
    let hub_links: Vec<String> = (0..n)
        .map(|i| format!("Link(to: \"e{i}\", kind: Related)"))
        .collect();
    let huge = "many words ".repeat(300_000);
    events.push_str(&format!(
        "Event(id: \"hub\", date: \"2000\", title: \"Hub\", summary: \"{huge}\", \
         citations: [Cite(source: \"s\")], links: [{}]),\n",
        hub_links.join(", ")
    ));
    for i in 0..n {
        events.push_str(&format!(
            "Event(id: \"e{i}\", date: \"2001\", title: \"Spoke {i}\", \
             citations: [Cite(source: \"s\")], links: [Link(to: \"hub\", kind: Refers)]),\n"
        ));
    }
    std::fs::write(
        &f,
        format!(
            "Timeline(title: \"t\", sources: [Source(id: \"s\", title: \"s\")], events: [{events}])"
        ),
    )
    .unwrap();
    annals().arg("check").arg(&f).assert().success();
    let mut p = Pty::explore(&f, 100, 30, dir.path());
    p.wait_for(&["Timeline · 3001"]);
    p.keys("\r"); // the hub's detail: a huge summary, 3000 links and 3000 back-links
    p.wait_for(&["Detail · hub"]);
    p.keys("G");
    p.keys("j");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn a_word_of_megabytes_without_a_space_draws() {
    // One 3 MB "word" as the title and the summary: cut into lines in one pass, not rescanned
    // per line (that was quadratic: minutes for the detail pane).
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("word.ron");
    let word = "x".repeat(3 << 20);
    std::fs::write(
        &f,
        format!(
            "Timeline(title: \"t\", sources: [Source(id: \"s\", title: \"s\")], events: [\
             Event(id: \"w\", date: \"2000\", title: \"T{word}\", summary: \"S{word}\", \
             citations: [Cite(source: \"s\")])])"
        ),
    )
    .unwrap();
    let mut p = Pty::explore(&f, 100, 30, dir.path());
    p.wait_for(&["Timeline · 1"]);
    p.keys("\r");
    p.wait_for(&["Detail · w", "Txxxxxxxx", "more: PgDn"]);
    p.keys("G");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(0));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("deep.ron");
    let deep = format!("Timeline(title: \"t\", events: [{}", "[".repeat(200_000));
    std::fs::write(&f, deep).unwrap();
    let out = annals().arg("check").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with(&format!("{}:1:", f.display())), "{err}");
    // And as JSON.
    let j = dir.path().join("deep.json");
    std::fs::write(
        &j,
        format!("{{\"title\": \"t\", \"events\": {}", "[".repeat(200_000)),
    )
    .unwrap();
    let out = annals().arg("check").arg(&j).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn endless_huge_and_special_files_are_refused_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let sparse = dir.path().join("sparse.ron");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(100 << 30)
        .unwrap();
    let fifo = dir.path().join("fifo.ron");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (sparse, fifo) = (sparse.to_str().unwrap(), fifo.to_str().unwrap());
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/qalibaf.ron");
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 7] = [
        (&["check", "/dev/zero"], &[], "character device"),
        (&["check", sparse], &[], "too large (107374182400 bytes)"),
        (&["search", sparse, "x"], &[], "too large"),
        (&["export", fifo, "-f", "json"], &[], "FIFO"),
        (&["check", "/tmp"], &[], "directory"),
        (
            &["check", bundled],
            &[("ANNALS_MAX_SIZE", "1K")],
            "up to 1024 bytes",
        ),
        // Its size says 0: only the bound while reading catches it.
        (
            &["check", "/proc/self/maps"],
            &[("ANNALS_MAX_SIZE", "100")],
            "over 100 bytes once read",
        ),
    ];
    for (args, env, says) in cases {
        let (code, err, mb) = common::bounded(args, env, Duration::from_secs(20));
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(mb < 100, "{args:?}: {mb} MB");
    }
}

#[test]
fn the_explorer_refuses_an_endless_file_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::sh(r#"exec "$0" /dev/zero"#, 100, 30, dir.path());
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(2));
    p.pump(Duration::from_millis(100));
    let raw = String::from_utf8_lossy(&p.raw).into_owned();
    assert!(raw.contains("character device"), "{raw:?}");
    assert!(!raw.contains("\x1b[?1049h"), "the terminal was never taken");
}

#[test]
fn an_unwritable_state_folder_is_a_warning_and_exploring_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::sh(
        r#"XDG_STATE_HOME=/dev/null/state exec "$0""#,
        100,
        30,
        dir.path(),
    );
    p.wait_for(&["Timeline · 83"]);
    p.keys("j");
    p.wait_for(&["session cannot be saved"]);
    for k in ["j", "j", "k", "/pincer\r"] {
        p.keys(k);
    }
    p.wait_for(&["Timeline · 2/83"]);
    assert!(p.child.try_wait().unwrap().is_none(), "still running");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
    p.pump(Duration::from_millis(100));
    assert!(p.screen().contains("session could not be saved"));
}

/// `text` as a terminal pastes it when bracketed paste is on.
fn bracketed(text: &str) -> Vec<u8> {
    format!("\x1b[200~{text}\x1b[201~").into_bytes()
}

/// The filter saved in the one session under `state`, once there is one.
fn saved_filter(state: &std::path::Path) -> Option<String> {
    let f = std::fs::read_dir(state.join("annals"))
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".ron"))?;
    let s: annals::session::SessionState =
        ron::from_str(&std::fs::read_to_string(f.path()).ok()?).ok()?;
    Some(s.filter)
}

#[test]
fn a_paste_is_one_edit_its_newlines_and_keys_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::sh(r#"exec "$0""#, 100, 30, dir.path());
    p.wait_for(&["Timeline · 83"]);
    p.keys("/");
    // Typed as keys, the newline would accept the filter and the `q` would quit.
    p.send_all(&bracketed("pincer\nq"));
    p.wait_for(&["/pincer q"]);
    assert!(p.child.try_wait().unwrap().is_none(), "still running");
    p.keys("\x15"); // Ctrl-u: empty the line
    // 10 KB at once: the first 1000 characters arrive whole, the status bar says why
    // the rest did not, without another key.
    let big: String = (0..10_240)
        .map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap()))
        .collect();
    p.send_all(&bracketed(&big));
    p.wait_for(&["at most 1000 characters"]);
    p.keys("\r");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(0));
    assert_eq!(saved_filter(dir.path()).as_deref(), Some(&big[..1000]));
    let raw = String::from_utf8_lossy(&p.raw).into_owned();
    assert!(raw.contains("\x1b[?2004h"), "bracketed paste asked for");
    assert!(raw.contains("\x1b[?2004l"), "and turned off on the way out");
}

#[test]
fn input_over_a_kilobyte_in_one_burst_arrives_without_another_key() {
    // A terminal without bracketed paste sends a paste as plain keys, all at once. The
    // reader must take all of it: crossterm's default (edge-triggered) reader took 1 KB and
    // left the rest until the next key press.
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::sh(r#"exec "$0""#, 100, 30, dir.path());
    p.wait_for(&["Timeline · 83"]);
    p.keys("/");
    let text = "é".repeat(900); // 1,800 bytes
    p.send(&text);
    let start = std::time::Instant::now();
    loop {
        p.pump(Duration::from_millis(50));
        // The session is saved within half a second of each change.
        let got = saved_filter(dir.path()).unwrap_or_default();
        if got == text {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "only {} of 900 characters arrived",
            got.chars().count()
        );
    }
    p.keys("\r");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(0));
}

#[test]
fn a_session_that_could_not_be_saved_is_saved_once_it_can() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: saving fails with "not a directory".
    let blocker = dir.path().join("blocked");
    std::fs::write(&blocker, "").unwrap();
    let script = format!(
        r#"XDG_STATE_HOME='{}' exec "$0""#,
        blocker.join("state").display()
    );
    let mut p = Pty::sh(&script, 100, 30, dir.path());
    p.wait_for(&["Timeline · 83"]);
    p.keys("/pincer\r");
    p.wait_for(&["session cannot be saved"]);
    std::fs::remove_file(&blocker).unwrap();
    // Tried again within a few seconds, without another key.
    let start = std::time::Instant::now();
    while saved_filter(&blocker.join("state")).as_deref() != Some("pincer") {
        assert!(start.elapsed() < Duration::from_secs(10), "never saved");
        p.pump(Duration::from_millis(100));
    }
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
    assert!(!p.screen().contains("could not be saved"));
}
