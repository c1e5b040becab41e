//! Sessions survive a dropped connection: in a real pty, explore, then hang up (close the
//! master, as sshd does), send SIGTERM, or hang up with SIGHUP ignored (nohup). annals must
//! save and exit within 2 s, and a new run in a new pty must be back where it was.

use crate::common;

use common::Pty;
use portable_pty::CommandBuilder;
use std::path::Path;
use std::time::Duration;

/// Filter, open the detail, follow a link (a jump), set a mark, move on.
fn walk(t: &mut Pty) {
    t.wait_for(&["Timeline · 83", "q quit"]);
    t.keys("/protests erupt");
    t.wait_for(&["Timeline · 1/83"]);
    t.keys("\r");
    t.keys("\r");
    t.wait_for(&["Detail · protests-1999"]);
    t.keys("jjj");
    t.wait_for(&["› ← related to"]);
    t.keys("\r");
    t.wait_for(&["Detail · pincer-retort"]);
    t.keys("mr");
    t.wait_for(&["mark 'r' set"]);
    t.keys("/pincer\r");
    t.wait_for(&["Timeline · 2/83", "/pincer"]);
}

/// A new run in a new pty is where the last one was.
fn check_restored(state: &Path) {
    let mut t = Pty::sh(r#"exec "$0""#, 100, 30, state);
    t.wait_for(&["Timeline · 2/83", "/pincer", "Detail · pincer-retort"]);
    // The history came back too: Back returns to the protests …
    t.keys("\x0f"); // Ctrl-o
    t.wait_for(&["Detail · protests-1999"]);
    // … and the mark.
    t.keys("'r");
    t.wait_for(&["Detail · pincer-retort"]);
    t.keys("q");
    assert_eq!(t.exit_within(Duration::from_secs(5)), Some(0));
}

fn session_file(state: &Path) -> String {
    let dir = state.join("annals");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "one session file, no temp left: {files:?}");
    std::fs::read_to_string(&files[0]).unwrap()
}

#[test]
fn closing_the_pty_saves_and_exits() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#"exec "$0""#, 100, 30, state.path());
    walk(&mut t);
    t.hang_up();
    let code = t.exit_within(Duration::from_secs(2));
    assert!(code.is_some(), "annals still running 2 s after the hang-up");
    let saved = session_file(state.path());
    assert!(
        saved.contains("pincer-retort") && saved.contains("protests-1999"),
        "{saved}"
    );
    check_restored(state.path());
}

#[test]
fn sigterm_saves_and_exits_143() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#"exec "$0""#, 100, 30, state.path());
    walk(&mut t);
    let pid = i32::try_from(t.child.process_id().unwrap()).expect("a pid fits in i32");
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(t.exit_within(Duration::from_secs(2)), Some(143));
    check_restored(state.path());
}

#[test]
fn hang_up_with_sighup_ignored_is_caught_by_the_watchdog() {
    let state = tempfile::tempdir().unwrap();
    // nohup-style: SIGHUP ignored before annals starts.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", r#"trap '' HUP; exec "$0""#, common::bin()]);
    let mut t = Pty::spawn(cmd, 100, 30, state.path());
    walk(&mut t);
    t.hang_up();
    let code = t.exit_within(Duration::from_secs(2));
    assert_eq!(code, Some(129), "watchdog exits as for a hang-up");
    check_restored(state.path());
}

#[test]
fn fresh_starts_clean_and_keeps_the_session() {
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#"exec "$0""#, 100, 30, state.path());
    walk(&mut t);
    t.keys("q");
    assert_eq!(t.exit_within(Duration::from_secs(5)), Some(0));
    let before = session_file(state.path());
    let mut t = Pty::sh(r#"exec "$0" --fresh"#, 100, 30, state.path());
    t.wait_for(&["Timeline · 83", "Detail · pincer-remark"]);
    t.keys("q");
    assert_eq!(t.exit_within(Duration::from_secs(5)), Some(0));
    assert_eq!(
        session_file(state.path()),
        before,
        "--fresh did not overwrite it"
    );
    let mut t = Pty::sh(r#"exec "$0" --session other"#, 100, 30, state.path());
    t.wait_for(&["Timeline · 83", "Detail · pincer-remark"]);
    t.keys("q");
    t.exit_within(Duration::from_secs(5));
    check_restored(state.path());
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let state = tempfile::tempdir().unwrap();
    // A job-control shell, as at a prompt: it reports the stop, then `fg` resumes annals.
    let script = r#"set -m; "$0"; echo "STOPPED=$?"; fg; echo "EXIT=$?""#;
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["-c", script, common::bin()]);
    let mut t = Pty::spawn(cmd, 100, 30, state.path());
    t.wait_for(&["Timeline · 83", "q quit"]);
    t.keys("j");
    t.wait_for(&["Detail · hamas-rejects-zarif"]);
    t.keys("\x1a"); // Ctrl-z
    // The shell saw it stop (128 + SIGTSTP) and brought it back with fg: full redraw.
    // (Waited for in the raw output, and only what came after it counts: the screen
    // showed the same text before the stop.)
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&t.raw).contains("STOPPED=148") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the shell saw annals stop"
        );
        t.pump(Duration::from_millis(20));
    }
    t.forget_before("STOPPED=148");
    t.wait_for(&["Detail · hamas-rejects-zarif", "q quit"]);
    assert!(t.parser.screen().alternate_screen());
    t.keys("q");
    t.wait_for(&["EXIT=0"]);
}
