//! Live reload in a real pty: edit the file to a new valid version (the selection stays on
//! the same event), to an invalid one (the last good data stays, the error shows with its
//! position), back to valid, delete it, and replace it by rename as editors do.

mod common;

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
    let script = format!("exec \"$0\" '{}'", f.display());
    let mut p = Pty::sh(&script, 110, 30, dir.path());
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
