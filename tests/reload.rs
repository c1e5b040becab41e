//! Live reload in a real pty: edit the file to a new valid version (the selection stays on
//! the same event), to an invalid one (the last good data stays, the error shows with its
//! position), back to valid, delete it, and replace it by rename as editors do.

use crate::common;

use common::Pty;
use std::path::Path;
use std::time::Duration;

fn timeline(first_title: &str, extra: &str) -> String {
    format!(
        r#"Timeline(title: "Reload",
    sources: [Source(id: "s", title: "Source")],
    events: [
        {extra}
        Event(id: "a", date: "2001", title: "{first_title}", citations: [Cite(source: "s")]),
        Event(id: "b", date: "2002", title: "Bravo event", citations: [Cite(source: "s")]),
        Event(id: "c", date: "2003", title: "Charlie event", citations: [Cite(source: "s")]),
    ],
)
"#
    )
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn edits_reload_and_a_bad_version_never_replaces_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("live.ron");
    write(&f, &timeline("Alpha event", ""));
    let mut p = Pty::explore(&f, 110, 30, dir.path());
    p.wait_for(&["Timeline · 3", "Alpha event"]);
    p.keys("j"); // select "b"
    p.wait_for(&["Detail · b"]);

    // A valid edit: a new event before the selected one, a title changed.
    write(
        &f,
        &timeline(
            "Alpha renamed",
            r#"Event(id: "z", date: "1990", title: "Zulu first", citations: [Cite(source: "s")]),"#,
        ),
    );
    p.wait_for(&["Timeline · 4", "Alpha renamed", "reloaded"]);
    assert!(
        p.screen().contains("Detail · b"),
        "selection stays on the same event"
    );
    // The selected row kept its place on screen; the new event is just above.
    p.keys("gg");
    p.wait_for(&["Zulu first", "Detail · z"]);
    p.keys("jj");
    p.wait_for(&["Detail · b"]);

    // An invalid edit: the last good data stays, the error shows where it is.
    write(
        &f,
        "Timeline(title: \"Reload\", events: [Event(id: \"a\", date: \"2001-13\", title: \"x\")])",
    );
    p.wait_for(&["live.ron:1:", "no month 13"]);
    let s = p.screen();
    assert!(
        s.contains("Timeline · 4") && s.contains("Alpha renamed"),
        "{s}"
    );

    // Fixed again: reloaded, error gone.
    write(&f, &timeline("Alpha fixed", ""));
    p.wait_for(&["Timeline · 3", "Alpha fixed"]);
    assert!(!p.screen().contains("no month 13"));
    assert!(p.screen().contains("Detail · b"));

    // Deleted: the data stays, the error says so.
    std::fs::remove_file(&f).unwrap();
    p.wait_for(&["No such file"]);
    assert!(p.screen().contains("Alpha fixed"));

    // Replaced by rename, as editors save: seen and loaded.
    let tmp = dir.path().join(".live.ron.swp");
    write(&tmp, &timeline("Alpha via rename", ""));
    std::fs::rename(&tmp, &f).unwrap();
    p.wait_for(&["Alpha via rename"]);
    assert!(!p.screen().contains("No such file"));
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
    // The user's file was never written by annals.
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        timeline("Alpha via rename", "")
    );
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_a_device_or_a_huge_file_never_wedges_reload() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("live.ron");
    write(&f, &timeline("Alpha event", ""));
    let mut p = Pty::explore(&f, 110, 30, dir.path());
    p.wait_for(&["Timeline · 3", "Alpha event"]);

    // Briefly a FIFO (no writer: opening it for reading would block forever).
    std::fs::remove_file(&f).unwrap();
    mkfifo(&f);
    p.wait_for(&["FIFO"]);
    std::fs::remove_file(&f).unwrap();
    write(&f, &timeline("Alpha after the FIFO", ""));
    p.wait_for(&["Alpha after the FIFO"]);

    // A link to /dev/zero (endless) is refused at once.
    std::fs::remove_file(&f).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &f).unwrap();
    p.wait_for(&["character device"]);
    std::fs::remove_file(&f).unwrap();
    write(&f, &timeline("Alpha after zero", ""));
    p.wait_for(&["Alpha after zero"]);

    // A 30 GB (sparse) file is refused by its size, without reading it.
    let huge = dir.path().join("huge.tmp");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(30 << 30)
        .unwrap();
    std::fs::rename(&huge, &f).unwrap();
    p.wait_for(&["too large"]);
    assert!(
        p.screen().contains("Alpha after zero"),
        "the last good data stays"
    );
    write(&f, &timeline("Alpha at last", ""));
    p.wait_for(&["Alpha at last"]);
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn editing_the_target_of_a_symlinked_file_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (here, there) = (dir.path().join("here"), dir.path().join("there"));
    std::fs::create_dir_all(&here).unwrap();
    std::fs::create_dir_all(&there).unwrap();
    let target = there.join("real.ron");
    write(&target, &timeline("Alpha event", ""));
    let link = here.join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut p = Pty::explore(&link, 110, 30, dir.path());
    p.wait_for(&["Timeline · 3", "Alpha event"]);
    write(&target, &timeline("Alpha edited through the link", ""));
    p.wait_for(&["Alpha edited through the link", "reloaded"]);
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn a_newer_change_overtakes_a_reload_still_running() {
    // A big version (seconds to load here) replaced at once by a small one: the small one
    // is loaded without waiting for the big one, and the big one, stale, is never shown.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("live.ron");
    write(&f, &timeline("Alpha event", ""));
    let mut p = Pty::explore(&f, 110, 30, dir.path());
    p.wait_for(&["Timeline · 3", "Alpha event"]);
    let big = common::big::big_ron(150);
    let tmp = dir.path().join(".live.ron.new");
    write(&tmp, &big);
    std::fs::rename(&tmp, &f).unwrap();
    // Long enough for its reload to start (changes settle for 150 ms).
    std::thread::sleep(Duration::from_millis(400));
    write(&tmp, &timeline("Alpha final", ""));
    std::fs::rename(&tmp, &f).unwrap();
    let start = std::time::Instant::now();
    let mut final_at = None;
    while start.elapsed() < Duration::from_secs(20) {
        p.pump(Duration::from_millis(10));
        let s = p.screen();
        assert!(
            !s.contains("Timeline · 12000"),
            "the stale version was shown:\n{s}"
        );
        if final_at.is_none() && s.contains("Alpha final") {
            final_at = Some(start.elapsed());
        }
        // Watch a while longer: the big load finishing late must change nothing.
        if final_at.is_some_and(|t| start.elapsed() > t + Duration::from_secs(3)) {
            break;
        }
    }
    assert!(final_at.is_some(), "the newest version was loaded");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(0));
}

/// A spreadsheet opens directly in the explorer and reloads when it changes, as RON does;
/// a bad cell shows its position and keeps the last good data.
#[test]
fn a_csv_opens_directly_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sheet.csv");
    let sheet = |title: &str, extra: &str| {
        format!(
            "Date,Title,People,Source\r\n1999-07-09T14:05:10-04:00,{title},Ada Analyst,Log\r\n\
             2001,Bravo row,,Log\r\n{extra}"
        )
    };
    write(&f, &sheet("Alpha row", ""));
    let mut p = Pty::explore(&f, 110, 30, dir.path());
    p.wait_for(&["Timeline · 2", "Alpha row", "Bravo row"]);
    write(&f, &sheet("Alpha edited", "2002,\"Charlie, quoted\",,Log\r\n"));
    p.wait_for(&["Timeline · 3", "Alpha edited", "Charlie, quoted"]);
    write(&f, &sheet("Alpha broken", "2002-13,Bad row,,Log\r\n"));
    p.wait_for(&["sheet.csv:4:", "Alpha edited"]);
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(10)), Some(0));
}
