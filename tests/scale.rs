//! Big timelines: the parallel loader reads what the one-piece parser reads and reports
//! problems at the same places; the cache is used only when it matches the file; filters
//! run in slices, send partial results, stop when stale, and narrow earlier results; the
//! explorer shows a progress screen while a big file loads and quits from it cleanly.

use crate::common::{self, annals};

use annals::app::scan::{self, ScanResult};
use annals::app::{Action, App, Msg, update};
use annals::export;
use annals::load::{self, Format};
use annals::query::{Matcher, SearchIndex, parse};
use common::big::big_ron;
use std::sync::Arc;
use std::time::Duration;

/// A file the loader cuts into chunks (over 1 MB).
fn big() -> String {
    big_ron(40)
}

#[test]
fn the_parallel_loader_reads_what_the_plain_parser_reads() {
    let text = big();
    assert!(
        text.len() > 2 << 20,
        "{} bytes: too small to be cut",
        text.len()
    );
    let fast = load::load_bytes(text.as_bytes(), "big.ron", Format::Ron).expect("loads");
    assert_eq!(fast.timeline.len(), 40 * 83);
    // An extension attribute makes the lexer give up: the one-piece path.
    let plain_text = format!("#![enable(implicit_some)]\n{text}");
    let plain = load::load_bytes(plain_text.as_bytes(), "big.ron", Format::Ron).expect("loads");
    assert!(export::json(&fast.timeline) == export::json(&plain.timeline));
    assert_eq!(fast.warnings, plain.warnings);
}

/// Line and column (1-based) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn problems_deep_in_a_big_file_are_reported_where_they_are() {
    let text = big();
    // A syntax error (an unknown field) far into the events list.
    let at = text.match_indices("Event(id: \"").nth(2500).unwrap().0;
    let broken = format!("{}Event(colour: 1, {}", &text[..at], &text[at + 6..]);
    let diags = load::load_bytes(broken.as_bytes(), "big.ron", Format::Ron).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    let (line, _) = line_col(&broken, at);
    assert_eq!(diags[0].line, line, "{}", diags[0]);
    assert!(diags[0].message.contains("colour"), "{}", diags[0]);
    // A validation error: an unknown person far in, pointed at exactly.
    let at = text.match_indices("people: [\"").nth(1500).unwrap().0 + "people: [".len();
    let broken = format!("{}\"nobody\", {}", &text[..at], &text[at..]);
    let diags = load::load_bytes(broken.as_bytes(), "big.ron", Format::Ron).unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!((diags[0].line, diags[0].col), line_col(&broken, at));
    assert_eq!(diags[0].message, "unknown person `nobody`");
}

/// Over 65,536 events the order is sorted in two halves and merged; it must be the order
/// `sort_key` then id gives, ties included (each copy repeats every date, and ids differ
/// only after their first seven bytes).
#[test]
fn a_big_timeline_is_in_chronological_order_then_id() {
    let text = big_ron(800);
    let t = load::load_bytes(text.as_bytes(), "big.ron", Format::Ron)
        .expect("loads")
        .timeline;
    assert!(t.len() > 1 << 16, "{} events: too few to split", t.len());
    let keys: Vec<_> = (0..u32::try_from(t.len()).unwrap())
        .map(|i| {
            let e = t.event(i);
            (e.date.sort_key(), e.id().to_string())
        })
        .collect();
    let unordered = keys.windows(2).position(|w| w[0] >= w[1]);
    assert_eq!(unordered, None, "{:?}", unordered.map(|i| &keys[i..i + 2]));
}

#[test]
fn the_cache_is_used_only_while_it_matches_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let file = dir.path().join("big.ron");
    let text = big_ron(90);
    assert!(text.len() as u64 > annals::open::cache::MIN_SIZE);
    std::fs::write(&file, &text).unwrap();
    let search = |q: &str| {
        let out = annals()
            .env("XDG_CACHE_HOME", &cache)
            .args(["search"])
            .arg(&file)
            .arg(q)
            .output()
            .unwrap();
        assert!(out.status.success());
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (first, err) = search("pincer");
    assert_eq!(first.lines().count(), 180, "{err}");
    let entries = || std::fs::read_dir(cache.join("annals")).map_or(0, |d| d.count());
    assert_eq!(entries(), 1, "a cache entry is written");
    assert_eq!(search("pincer").0, first, "the same answer from the cache");
    // Every field, dates and citations included, reads back the same from the cache.
    let export = |cache_on: bool| {
        let mut c = annals();
        c.env("XDG_CACHE_HOME", &cache);
        if !cache_on {
            c.env("ANNALS_CACHE", "off");
        }
        let out = c
            .args(["export", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert!(export(true) == export(false), "cached timeline differs");
    // Change the file (same size, new content): the entry no longer matches.
    let changed = text.replacen("'pincer'", "'zzyzxz'", 1);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&file, &changed).unwrap();
    assert_eq!(
        search("zzyzxz").0.lines().count(),
        1,
        "rebuilt from the file"
    );
    // A damaged entry is ignored with a warning; the answer is still right.
    let entry = std::fs::read_dir(cache.join("annals"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let mut bytes = std::fs::read(entry.path()).unwrap();
    let mid = bytes.len() / 2;
    bytes.truncate(mid);
    std::fs::write(entry.path(), bytes).unwrap();
    let (again, err) = search("zzyzxz");
    assert_eq!(again.lines().count(), 1);
    assert!(err.contains("ignoring unreadable cache"), "{err}");
    // Turned off: nothing written.
    let off = dir.path().join("off");
    let out = annals()
        .env("XDG_CACHE_HOME", &off)
        .env("ANNALS_CACHE", "off")
        .args(["search"])
        .arg(&file)
        .arg("pincer")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!off.join("annals").exists());
}

fn big_app() -> App {
    let t = load::load_bytes(big().as_bytes(), "big.ron", Format::Ron)
        .unwrap()
        .timeline;
    App::new(t, "big", (100, 30))
        .with_async_from(0)
        .with_slice(500)
}

thread_local! {
    /// The filter job the last update asked the loop to run, if any (as the loop keeps
    /// it); one per test thread.
    static JOB: std::cell::RefCell<Option<annals::app::ScanJob>> = const { std::cell::RefCell::new(None) };
}

/// Update as the loop does, keeping the filter job it asks for.
fn key(app: &mut App, a: Action) {
    let fx = update(app, a);
    JOB.with(|j| *j.borrow_mut() = fx.scan);
}

fn job() -> Option<annals::app::ScanJob> {
    JOB.with(|j| j.borrow().clone())
}

fn take_job() -> Option<annals::app::ScanJob> {
    JOB.with(|j| j.borrow_mut().take())
}

/// Run the pending job to the end, delivering every result through `update`; how many
/// arrived.
fn run_job(app: &mut App) -> usize {
    let job = take_job().expect("a job was asked for");
    let ix = app.data.index.clone();
    let mut results: Vec<ScanResult> = Vec::new();
    scan::run(&job, &ix, &|| false, &mut |r| results.push(r));
    let n = results.len();
    for r in results {
        update(app, Msg::Scanned(r));
    }
    n
}

fn expected(app: &App, q: &str) -> Vec<u32> {
    let m = Matcher::new(parse(q).unwrap(), &app.data.index);
    m.filter(&app.data.index)
}

#[test]
fn filters_run_in_slices_and_narrow_what_they_found() {
    let mut app = big_app();
    key(&mut app, Action::StartFilter);
    key(&mut app, Action::Insert('q'));
    assert!(
        app.filter.scanning.is_some(),
        "big timelines filter off-thread"
    );
    let before = app.filter.visible.len();
    assert_eq!(before, 3320, "old results stay until new ones come");
    let slices = run_job(&mut app);
    assert!(slices > 1, "results come in slices ({slices})");
    assert!(app.filter.scanning.is_none());
    assert_eq!(app.filter.visible, expected(&app, "q"));
    // Typing on narrows: only the last results are scanned.
    key(&mut app, Action::Insert('a'));
    let pending = job().unwrap();
    let base = pending.base.as_ref().expect("narrows the previous results");
    assert_eq!(base.len(), expected(&app, "q").len());
    run_job(&mut app);
    assert_eq!(app.filter.visible, expected(&app, "qa"));
    // Deleting goes back to a query already run: answered from memory, no scan.
    key(&mut app, Action::DeleteChar);
    assert!(job().is_none(), "remembered results need no scan");
    assert!(app.filter.scanning.is_none());
    assert_eq!(app.filter.visible, expected(&app, "q"));
    // Deleting further back than memory reaches widens again: a full scan.
    app.filter.memo = Default::default();
    key(&mut app, Action::Insert('a'));
    run_job(&mut app);
    app.filter.memo = Default::default();
    key(&mut app, Action::DeleteChar);
    assert!(job().unwrap().base.is_none());
    run_job(&mut app);
    assert_eq!(app.filter.visible, expected(&app, "q"));
    // A typo falls back to fuzzy matching, as it does inline.
    for c in "incr".chars() {
        key(&mut app, Action::Insert(c));
        run_job(&mut app);
    }
    key(&mut app, Action::DeleteWord);
    assert!(job().is_none(), "an empty filter shows everything at once");
    assert_eq!(app.filter.visible.len(), 3320);
    for c in "pincr".chars() {
        key(&mut app, Action::Insert(c));
        run_job(&mut app);
    }
    assert_eq!(app.filter.visible, expected(&app, "pincr"));
    assert!(!app.filter.visible.is_empty());
}

#[test]
fn a_typo_typed_on_stays_fuzzy_without_a_plain_scan() {
    let mut app = big_app();
    key(&mut app, Action::StartFilter);
    for c in "pincr".chars() {
        key(&mut app, Action::Insert(c));
        run_job(&mut app);
    }
    assert!(
        !app.filter.visible.is_empty(),
        "`pincr` falls back to fuzzy"
    );
    // One more letter: nothing contained `pincr`, so nothing contains `pincre`; the job's
    // matcher is settled before it runs (one fuzzy pass, no plain pass that finds nothing).
    key(&mut app, Action::Insert('e'));
    assert!(job().unwrap().matcher.decided());
    run_job(&mut app);
    assert_eq!(app.filter.visible, expected(&app, "pincre"));
    // A word that exists, typed longer, may not: that is decided by a scan, as before.
    let ix = &app.data.index;
    let mut prev = Matcher::new(parse("pinc").unwrap(), ix);
    prev.decide_fuzzy(ix);
    let mut next = Matcher::new(parse("pincr").unwrap(), ix);
    next.inherit_fuzzy(&prev, ix);
    assert!(!next.decided());
    // The same words again: the same decision.
    let mut same = Matcher::new(parse("pinc").unwrap(), ix);
    same.inherit_fuzzy(&prev, ix);
    assert!(same.decided());
    assert_eq!(same.filter(ix), prev.filter(ix));
}

#[test]
fn a_stale_filter_stops_and_its_results_are_ignored() {
    let mut app = big_app();
    key(&mut app, Action::StartFilter);
    key(&mut app, Action::Insert('e'));
    let old = take_job().unwrap();
    key(&mut app, Action::Insert('x'));
    let ix = app.data.index.clone();
    // The old job is told it is stale after its first slice.
    let mut sent = Vec::new();
    let seen = std::cell::Cell::new(0);
    scan::run(
        &old,
        &ix,
        &|| {
            seen.set(seen.get() + 1);
            seen.get() > 1
        },
        &mut |r| sent.push(r),
    );
    assert_eq!(sent.len(), 1, "stops at the next slice");
    assert!(sent[0].done.is_none());
    let shown = app.filter.visible.clone();
    for r in sent {
        update(&mut app, Msg::Scanned(r));
    }
    assert_eq!(
        app.filter.visible, shown,
        "results of an older filter are ignored"
    );
    run_job(&mut app);
    assert_eq!(app.filter.visible, expected(&app, "ex"));
}

#[test]
fn the_index_is_the_same_built_in_parts() {
    // Built on several threads and joined: the same answers as event by event.
    let t = load::load_bytes(big().as_bytes(), "big.ron", Format::Ron)
        .unwrap()
        .timeline;
    let ix = SearchIndex::new(&t);
    for q in [
        "pincer",
        "person:soleimani !tag:iraq",
        "^quds",
        "1999..2005 ghalibaf",
    ] {
        let m = Matcher::new(parse(q).unwrap(), &ix);
        let hits = m.filter(&ix);
        let small = load::load_bundled().timeline;
        let small_ix = SearchIndex::new(&small);
        let one = Matcher::new(parse(q).unwrap(), &small_ix).filter(&small_ix);
        assert_eq!(hits.len(), one.len() * 40, "{q}");
    }
    let _ = Arc::new(ix);
}

#[test]
fn the_explorer_shows_progress_while_loading_and_quits_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    // Big enough that a debug build takes well over the 80 ms before the progress shows.
    std::fs::write(&file, big_ron(150)).unwrap();
    let mut p = common::Pty::explore(&file, 100, 30, dir.path());
    p.wait_for(&["Loading", "q or Ctrl-c"]);
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
    let raw = String::from_utf8_lossy(&p.raw);
    assert!(raw.contains("\x1b[?1049l"), "alternate screen left");
    // Left alone, it opens the explorer on the whole timeline.
    let mut p = common::Pty::explore(&file, 100, 30, dir.path());
    p.wait_for(&["Timeline · 12450"]);
    p.keys("q");
    assert_eq!(p.exit_within(Duration::from_secs(5)), Some(0));
}

#[test]
fn commands_show_progress_on_a_terminal_and_nothing_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    let text = big_ron(320);
    assert!(
        text.len() > 16 << 20,
        "{} bytes: under the progress threshold",
        text.len()
    );
    std::fs::write(&file, text).unwrap();
    // stderr a terminal: a progress line while it parses, erased at the end.
    let script = format!("ANNALS_CACHE=off exec \"$0\" check '{}'", file.display());
    let mut p = common::Pty::sh(&script, 120, 10, dir.path());
    assert_eq!(p.exit_within(Duration::from_secs(120)), Some(0));
    let raw = String::from_utf8_lossy(&p.raw).into_owned();
    assert!(
        raw.contains("annals: parsing") || raw.contains("annals: reading"),
        "{raw}"
    );
    assert!(raw.contains("\r\x1b[K"), "the line is erased when done");
    assert!(p.screen().contains("ok: 26560 events"), "{}", p.screen());
    // stderr a pipe: nothing but the answer.
    let out = annals()
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env("ANNALS_CACHE", "off")
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
