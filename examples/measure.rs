//! Measures a timeline file the way issue 5's table asks: cold load against a bare
//! `ron::from_str`, keystroke-to-results latency and the longest UI-thread stall while
//! typing (through the real app state, worker thread and renderer), warm start from the
//! cache, and peak memory. `cargo run --release --example measure -- FILE.ron [QUERY…]`
//! (`ONLY=load`: no typing; `ONLY=warm`: the warm start alone)
//!
//! Prints one Markdown table row per figure, with medians over repeated runs.

use annals::app::{Action, App, Msg, update};
use annals::load::{self, Format, RawTimeline};
use annals::query::SearchIndex;
use annals::tui::worker::{Filterer, Inbox};
use annals::ui::{Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn median(v: Vec<Duration>) -> Duration {
    percentile(v, 50)
}

/// The `p`th percentile (nearest rank) of `v`.
fn percentile(mut v: Vec<Duration>, p: usize) -> Duration {
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let rank = (v.len() * p).div_ceil(100).max(1);
    v[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let x = f();
    (x, t.elapsed())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: measure FILE.ron [QUERY…]");
        std::process::exit(2);
    };
    let queries: Vec<String> = if args.len() > 1 {
        args[1..].to_vec()
    } else {
        vec!["pincer".into()]
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    if std::env::var("ONLY").is_ok_and(|v| v == "warm") {
        warm_start(path, runs);
        return;
    }
    let bytes = std::fs::read(path).expect("read the file");
    let src = std::str::from_utf8(&bytes).expect("UTF-8");
    println!("file: {path} ({:.1} MB)", bytes.len() as f64 / 1e6);

    // Cold load: parse + validate + index, against ron::from_str of the same text.
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut bare = Vec::new();
    let mut ours = Vec::new();
    let mut parse_only = Vec::new();
    let mut index_only = Vec::new();
    let mut loaded = None;
    let typing_only = std::env::var("ONLY").is_ok_and(|v| v == "typing");
    for _ in 0..if typing_only { 1 } else { runs } {
        if !typing_only {
            let (r, d) = time(|| opts.from_str::<RawTimeline>(src).expect("parses"));
            drop(r);
            bare.push(d);
        }
        let (l, d1) = time(|| load::load_bytes(&bytes, path, Format::Ron).expect("loads"));
        let (ix, d2) = time(|| SearchIndex::new(&l.timeline));
        parse_only.push(d1);
        index_only.push(d2);
        ours.push(d1 + d2);
        loaded = Some((l.timeline, ix));
    }
    if typing_only {
        bare.push(Duration::from_secs(1));
    }
    let (b, o) = (median(bare), median(ours));
    println!("| cold load: ron::from_str | {} |", ms(b));
    println!(
        "| cold load: annals (load {} + index {}) | {} |",
        ms(median(parse_only)),
        ms(median(index_only)),
        ms(o)
    );
    println!(
        "| cold load ratio | {:.2}× |",
        o.as_secs_f64() / b.as_secs_f64()
    );

    warm_start(path, runs);
    if std::env::var("ONLY").is_ok_and(|v| v == "load") {
        return;
    }

    // Typing: each query typed one key at a time into the real app, filters on the
    // worker thread, every frame drawn into a 140×40 buffer.
    let (t, ix) = loaded.expect("at least one run");
    let (t, ix) = (Arc::new(t), Arc::new(ix));
    let mut latencies = Vec::new();
    let mut screens = Vec::new();
    let mut stalls = Vec::new();
    for q in &queries {
        for _ in 0..runs {
            let typed = type_query(&t, &ix, q);
            latencies.extend(typed.complete);
            screens.extend(typed.screenful);
            stalls.extend(typed.stalls);
        }
    }
    let worst = stalls.iter().max().copied().unwrap_or_default();
    println!(
        "| keystroke to updated results, median of {} keystrokes | {} |",
        latencies.len(),
        ms(median(latencies.clone()))
    );
    println!(
        "| keystroke to updated results, p90 of {} keystrokes | {} |",
        latencies.len(),
        ms(percentile(latencies.clone(), 90))
    );
    println!(
        "| keystroke to a screenful of final rows (partial results), median | {} |",
        ms(median(screens))
    );
    println!(
        "| keystroke to updated results, slowest | {} |",
        ms(latencies.iter().max().copied().unwrap_or_default())
    );
    println!(
        "| longest UI-thread stall while typing (handle + draw), of {} | {} |",
        stalls.len(),
        ms(worst)
    );
}

/// Warm start: through the cache (written by the first open), to an explorer state ready
/// for its first frame. `ONLY=warm` measures this alone.
fn warm_start(path: &str, runs: usize) {
    if std::env::var("ANNALS_CACHE").map_or(true, |v| v != "off") {
        let p = std::path::Path::new(path);
        let progress = annals::load::Progress::default();
        let first = annals::open::file(p, &progress).expect("loads");
        drop(first);
        let mut warm = Vec::new();
        let mut hit = true;
        for _ in 0..runs {
            let (o, read) = time(|| annals::open::file(p, &progress).expect("loads"));
            hit &= o.from_cache;
            let (app, state) = time(|| App::from_parts(o.timeline, o.index, "measure", (140, 40)));
            drop(app);
            warm.push(read + state);
            if std::env::var_os("VERBOSE").is_some() {
                eprintln!(
                    "warm start: cache {} + explorer state {}",
                    ms(read),
                    ms(state)
                );
            }
        }
        println!(
            "| warm start to usable explorer (cache{}) | {} |",
            if hit { "" } else { " NOT USED" },
            ms(median(warm))
        );
    }
}

/// What typing one query took.
struct Typed {
    /// Per keystroke: until the results were complete (and drawn).
    complete: Vec<Duration>,
    /// Per keystroke: until a screenful of the new results was drawn (results come in
    /// chronological order, so those rows are final), or all of them if fewer.
    screenful: Vec<Duration>,
    /// Every time the UI thread was busy (handling a key or results, and drawing).
    stalls: Vec<Duration>,
}

/// Rows that make a screenful (the whole 40-row terminal, more than the list shows).
const SCREENFUL: usize = 40;

/// Type `q` one key at a time, waiting for each keystroke's results, then delete it one
/// key at a time the same way (back to the empty query).
fn type_query(t: &Arc<annals::domain::Timeline>, ix: &Arc<SearchIndex>, q: &str) -> Typed {
    let mut app = App::from_parts(t.clone(), ix.clone(), "measure", (140, 40))
        .with_async_from(annals::tui::ASYNC_FROM);
    let (tx, rx) = channel();
    let filterer = Filterer::spawn(ix.clone(), tx).expect("thread");
    let mut term = Terminal::new(TestBackend::new(140, 40)).expect("terminal");
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut draw = |app: &App| {
        term.draw(|f| f.render_widget(Screen { app, theme }, f.area()))
            .expect("draw");
    };
    let mut lat = Vec::new();
    let mut screenful = Vec::new();
    let mut stalls = Vec::new();
    let (_, d) = time(|| update(&mut app, Action::StartFilter));
    stalls.push(d);
    let keys = q
        .chars()
        .map(Action::Insert)
        .chain(q.chars().map(|_| Action::DeleteChar));
    for key in keys {
        let start = Instant::now();
        if let Some(job) = update(&mut app, key).scan {
            filterer.submit(job);
        }
        draw(&app);
        stalls.push(start.elapsed());
        let mut screen = app.filter.scanning.is_none().then(|| start.elapsed());
        while app.filter.scanning.is_some() {
            let Ok(Inbox::Scan(r)) = rx.recv() else {
                continue;
            };
            let s = Instant::now();
            update(&mut app, Msg::Scanned(r));
            while let Ok(Inbox::Scan(r)) = rx.try_recv() {
                update(&mut app, Msg::Scanned(r));
            }
            draw(&app);
            stalls.push(s.elapsed());
            let fresh = app.filter.scanning.as_ref().is_none_or(|s| s.started);
            if screen.is_none()
                && fresh
                && (app.filter.visible.len() >= SCREENFUL || app.filter.scanning.is_none())
            {
                screen = Some(start.elapsed());
            }
        }
        lat.push(start.elapsed());
        screenful.push(screen.unwrap_or_else(|| start.elapsed()));
        if std::env::var_os("VERBOSE").is_some() {
            eprintln!(
                "{:>24} {:>8} hits {}", // the typed text after the key
                app.filter.text,
                app.filter.visible.len(),
                ms(start.elapsed())
            );
        }
    }
    Typed {
        complete: lat,
        screenful,
        stalls,
    }
}
