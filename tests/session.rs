//! Session files: the atomic writer, loading bad files (corrupt, truncated, empty, future
//! version, other dataset), and capture → apply round trips, also on a changed dataset.

use annals::app::{Action, App, Focus, update};
use annals::load::{Format, load_bundled, load_bytes};
use annals::session::store::{Loaded, file_name, load, remove_stale_temps, to_ron, write_atomic};
use annals::session::{SessionState, apply, capture};
use std::fs;

const KEY: &str = "bundled:assets/qalibaf.ron";

fn app() -> App {
    App::new(load_bundled().timeline, "bundled", (100, 30))
}

fn act(a: &mut App, actions: &[Action]) {
    for &x in actions {
        update(a, x);
    }
}

fn explored() -> App {
    use Action::*;
    let mut a = app();
    let mut steps = vec![StartFilter];
    steps.extend("protests erupt".chars().map(Insert));
    steps.extend([Accept, Activate, Down, Down, Down, Activate]); // follow to pincer-retort
    steps.extend([StartSetMark, SetMark('p'), Back]); // back to the protests
    steps.extend([StartFilter]);
    steps.extend("protests".chars().map(Insert));
    steps.extend([Accept, FocusNext]);
    act(&mut a, &steps);
    a
}

#[test]
fn atomic_write_replaces_and_leaves_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep/s.ron");
    write_atomic(&p, b"one").unwrap();
    write_atomic(&p, b"two").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"two");
    let names: Vec<_> = fs::read_dir(p.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn stale_temps_are_removed_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let dead = dir.path().join(".s.ron.tmp.999999999");
    let mine = dir
        .path()
        .join(format!(".s.ron.tmp.{}", std::process::id()));
    let other = dir.path().join("notes.txt");
    for f in [&dead, &mine, &other] {
        fs::write(f, "x").unwrap();
    }
    remove_stale_temps(dir.path());
    assert!(!dead.exists());
    assert!(other.exists());
    // Our own pid is not "alive elsewhere": a temp of ours from before is stale too.
    assert!(!mine.exists());
}

#[test]
fn round_trip_restores_event_filter_history_marks_focus() {
    let a = explored();
    let s = capture(&a, KEY);
    assert_eq!(s.selected.as_ref().unwrap().id, "protests-1999");
    let text = to_ron(&s);
    let back: SessionState = ron::from_str(&text).unwrap();
    assert_eq!(back, s);
    let mut b = app();
    assert_eq!(apply(&mut b, &back), None);
    assert_eq!(b.selected(), a.selected());
    assert_eq!(b.filter, "protests");
    assert_eq!(b.visible, a.visible);
    assert_eq!(b.history, a.history);
    assert_eq!(b.marks, a.marks);
    assert_eq!(b.focus, Focus::Detail);
    assert_eq!(capture(&b, KEY), s);
}

fn put(dir: &std::path::Path, text: &[u8]) -> std::path::PathBuf {
    let p = dir.join(file_name(KEY, None));
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_files_are_moved_aside_never_fatal() {
    let good = to_ron(&capture(&explored(), KEY));
    let truncated = &good.as_bytes()[..good.len() / 2];
    let future = good.replace("version: 1", "version: 9");
    let other = good.replace(KEY, "/elsewhere/x.ron");
    let cases: [(&str, &[u8], &str); 6] = [
        ("corrupt", b"Session(((", "corrupt"),
        ("truncated", truncated, "corrupt"),
        ("empty", b"", "corrupt"),
        ("binary", b"\xff\xfe\x00", "not UTF-8"),
        ("future version", future.as_bytes(), "version 9"),
        ("other dataset", other.as_bytes(), "another dataset"),
    ];
    for (what, bytes, says) in cases {
        let dir = tempfile::tempdir().unwrap();
        let p = put(dir.path(), bytes);
        match load(&p, KEY) {
            Loaded::Discarded(msg) => {
                assert!(msg.contains(says), "{what}: {msg}");
                assert!(!p.exists(), "{what}: moved aside");
                let aside = fs::read_dir(dir.path()).unwrap().flatten().count();
                assert_eq!(aside, 1, "{what}: kept as .bad-");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        load(&dir.path().join("none.ron"), KEY),
        Loaded::Missing
    ));
    let p = put(dir.path(), good.as_bytes());
    assert!(matches!(load(&p, KEY), Loaded::Found(_)));
}

#[test]
fn a_changed_dataset_falls_back_gracefully() {
    let s = capture(&explored(), KEY);
    // The same data with the selected event renamed and the marked one removed.
    let src = annals::load::BUNDLED
        .replace("\"protests-1999\"", "\"student-protests\"")
        .replace("Link(to: \"pincer-retort\"", "Link(to: \"debate-2013\"");
    let src = remove_event(&src, "pincer-retort");
    let t = load_bytes(src.as_bytes(), "changed.ron", Format::Ron)
        .expect("still valid")
        .timeline;
    let mut b = App::new(t, "changed", (100, 30));
    let notice = apply(&mut b, &s).expect("a notice");
    assert!(notice.contains("gone"), "{notice}");
    let sel = b.timeline.event(b.selected().unwrap());
    assert!(
        sel.date.to_edtf().starts_with("1999-07"),
        "nearest by date: {}",
        sel.id()
    );
    assert!(b.marks.is_empty(), "mark on a removed event dropped");
    assert!(
        b.history
            .back
            .iter()
            .all(|&e| b.timeline.event(e).id() != "pincer-retort")
    );
}

/// Drop the `Event(id: "ID", …)` entry from RON source (it ends at the next `Event(`).
fn remove_event(src: &str, id: &str) -> String {
    let start = src.find(&format!("Event(id: \"{id}\"")).unwrap();
    let end = start + 6 + src[start + 6..].find("Event(id:").unwrap();
    format!("{}{}", &src[..start], &src[end..])
}

#[test]
fn file_names_are_stable_and_distinct() {
    let a = file_name("/data/a.ron", None);
    assert_eq!(a, file_name("/data/a.ron", None));
    assert!(a.starts_with("a-") && a.ends_with(".ron"), "{a}");
    assert_ne!(a, file_name("/other/a.ron", None));
    assert_ne!(a, file_name("/data/a.ron", Some("work")));
    assert!(
        file_name("/data/a.ron", Some("../../etc"))
            .chars()
            .all(|c| c != '/')
    );
}
