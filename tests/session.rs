//! Session files: the atomic writer (private, exclusive, never through a symlink), loading
//! bad files (corrupt, truncated, empty, future version, other dataset, a FIFO, a
//! symlink), and capture → apply round trips, also on a changed dataset.

use crate::common::{self, app};

use annals::app::Msg;
use annals::app::{Action, App, Focus, update};
use annals::load::{Format, load_bytes};
use annals::session::store::{Loaded, file_name, load, remove_stale_temps, to_ron, write_atomic};
use annals::session::{SessionState, capture};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

/// Restore `s` through the one door; the notice it leaves in the status bar, if any.
fn apply(a: &mut annals::app::App, s: &annals::session::SessionState) -> Option<String> {
    update(a, Msg::Restore(Box::new(s.clone())));
    a.view.message.clone()
}

const KEY: &str = "bundled:assets/qalibaf.ron";

fn act(a: &mut App, actions: &[Action]) {
    for x in actions.iter().cloned() {
        update(a, x);
    }
}

fn explored() -> App {
    use Action::*;
    let mut a = app((100, 30), &[]);
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

fn mode(p: &Path) -> u32 {
    fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn session_files_are_private_and_never_written_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/annals");
    let p = state.join("s.ron");
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
    fs::create_dir_all(&state).unwrap();
    // Symlinks planted where older versions put their temporary file.
    for pid in [std::process::id(), 1] {
        symlink(&victim, state.join(format!(".s.ron.tmp.{pid}"))).unwrap();
    }
    write_atomic(&p, b"session").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read(&p).unwrap(), b"session");
    assert_eq!(mode(&p), 0o600);
    // A symlink at the session's own name is replaced, not written through.
    fs::remove_file(&p).unwrap();
    symlink(&victim, &p).unwrap();
    write_atomic(&p, b"again").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read(&p).unwrap(), b"again");
    // New folders are 0700.
    let deep = dir.path().join("new/annals/s.ron");
    write_atomic(&deep, b"x").unwrap();
    assert_eq!(mode(deep.parent().unwrap()), 0o700);
    assert_eq!(mode(&deep), 0o600);
}

#[test]
fn loose_folders_are_tightened_symlinked_files_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("annals");
    fs::create_dir(&state).unwrap();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o755)).unwrap();
    let s = state.join("s.ron");
    fs::write(&s, "x").unwrap();
    fs::set_permissions(&s, fs::Permissions::from_mode(0o644)).unwrap();
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "x").unwrap();
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&outside, state.join("link.ron")).unwrap();
    annals::files::tighten(&state);
    assert_eq!(mode(&state), 0o700);
    assert_eq!(mode(&s), 0o600);
    assert_eq!(
        mode(&outside),
        0o644,
        "a symlink's target is not ours to change"
    );
}

#[test]
fn a_fifo_or_a_symlink_as_session_is_moved_aside_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let f = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(matches!(load(&f, KEY), Loaded::Discarded(_)));
    });
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(10)),
        Ok(true),
        "no hang"
    );
    let elsewhere = dir.path().join("elsewhere.ron");
    fs::write(&elsewhere, to_ron(&capture(&explored(), KEY))).unwrap();
    let link = dir.path().join("link.ron");
    symlink(&elsewhere, &link).unwrap();
    assert!(matches!(load(&link, KEY), Loaded::Discarded(_)));
    assert!(elsewhere.exists());
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
    let mut b = app((100, 30), &[]);
    assert_eq!(apply(&mut b, &back), None);
    assert_eq!(b.selected(), a.selected());
    assert_eq!(b.filter.text, "protests");
    assert_eq!(b.filter.visible, a.filter.visible);
    assert_eq!(b.nav.history, a.nav.history);
    assert_eq!(b.nav.marks, a.nav.marks);
    assert_eq!(b.view.focus, Focus::Detail);
    assert_eq!(capture(&b, KEY), s);
}

#[test]
fn the_lanes_view_comes_back_with_its_grouping_and_window() {
    use annals::app::layout::Layout;
    let mut a = explored();
    act(
        &mut a,
        &[
            Action::ToggleLanes,
            Action::FocusNext,
            Action::CycleGrouping,
            Action::CycleGrouping,
        ],
    );
    assert_eq!(a.view.focus, Focus::Lanes);
    act(&mut a, &[Action::ZoomIn, Action::ZoomIn, Action::PanLeft]);
    let s = capture(&a, KEY);
    let saved = s.lanes.as_ref().expect("the lanes are saved");
    assert_eq!(saved.grouping, "tag");
    let back: SessionState = ron::from_str(&to_ron(&s)).unwrap();
    let mut b = app((100, 30), &[]);
    assert_eq!(apply(&mut b, &back), None);
    assert_eq!(b.view.layout, Layout::Lanes);
    assert_eq!(b.lanes.grouping, a.lanes.grouping);
    assert_eq!(b.lanes.window, a.lanes.window);
    assert_eq!(b.selected(), a.selected());
    assert_eq!(b.view.focus, a.view.focus);
    assert!(!b.lanes.built.lanes.is_empty(), "the lanes are built");
    assert_eq!(capture(&b, KEY), s);
    // Back to the list: nothing about lanes is saved, and a session without them (as
    // written before they were kept) opens the list view.
    act(&mut b, &[Action::ToggleLanes]);
    let s = capture(&b, KEY);
    assert!(s.lanes.is_none() && !to_ron(&s).contains("lanes"));
    let mut c = app((100, 30), &[Action::ToggleLanes]);
    apply(&mut c, &s);
    assert_eq!(c.view.layout, Layout::Explorer, "the view the session says");
    // A forged window or grouping is made sound, never a panic.
    let mut forged = back.clone();
    forged.lanes = Some(annals::session::SavedLanes {
        grouping: "nonsense".into(),
        from: i64::MAX,
        to: i64::MIN,
    });
    forged.focus = "people".into();
    let mut e = app((100, 30), &[]);
    apply(&mut e, &forged);
    assert_eq!(e.lanes.grouping.name(), "person");
    assert_eq!(e.view.focus, Focus::Lanes, "a pane the lanes view has");
    let w = e.lanes.window.unwrap();
    assert!(w.from < w.to);
    let _ = common::text(&common::buffer(
        &e,
        annals::ui::Theme {
            color: false,
            ascii: false,
        },
    ));
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
    let sel = b.data.timeline.event(b.selected().unwrap());
    assert!(
        sel.date.to_edtf().starts_with("1999-07"),
        "nearest by date: {}",
        sel.id()
    );
    assert!(b.nav.marks.is_empty(), "mark on a removed event dropped");
    assert!(
        b.nav
            .history
            .back
            .iter()
            .all(|&e| b.data.timeline.event(e).id() != "pincer-retort")
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

#[test]
fn the_explorer_tightens_its_state_folder_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("annals");
    fs::create_dir(&state).unwrap();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o755)).unwrap();
    let old = state.join("old-session.ron");
    fs::write(&old, "x").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
    let mut p = common::Pty::sh(r#"exec "$0""#, 100, 30, dir.path());
    p.wait_for(&["Timeline · 83"]);
    p.keys("j");
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
    assert_eq!(mode(&state), 0o700);
    assert_eq!(mode(&old), 0o600);
    for e in fs::read_dir(&state).unwrap().flatten() {
        assert_eq!(mode(&e.path()), 0o600, "{}", e.path().display());
    }
}
