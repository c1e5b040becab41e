//! Criterion benches for big timelines: parsing (bare `ron::from_str` against annals'
//! loader), building the search index, one full filter pass, one incremental keystroke
//! (narrowing the previous results), full passes with and without the letter masks, and
//! drawing a frame, at 10k and 100k events (and 1M with `ANNALS_BENCH_1M=1`; that one
//! takes minutes), the warm start from the cache; and the lanes view: building its
//! lanes (`v`) and drawing a frame of it. Data comes from the synth generator.
//! `cargo bench --bench scale` (`-- lanes` for the lanes view alone, `-- warm` for the
//! warm start)

#[path = "../examples/synth/gen.rs"]
mod synth;

use annals::app::{Action, App, lanes, update};
use annals::domain::num::u32_of;
use annals::load::{Format, RawTimeline, load_bytes};
use annals::query::{Candidates, Matcher, SearchIndex, parse};
use annals::ui::{Screen, Theme};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn sizes() -> Vec<usize> {
    let mut v = vec![10_000, 100_000];
    if std::env::var("ANNALS_BENCH_1M").is_ok_and(|v| v == "1") {
        v.push(1_000_000);
    }
    v
}

fn data(n: usize) -> String {
    let mut out = Vec::new();
    synth::write_ron(&mut out, n, 1).expect("writes to memory");
    String::from_utf8(out).expect("UTF-8")
}

/// A word of the generated vocabulary that few events hold.
const SPARSE: &str = "roimostnor";

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let text = data(n);
        let mut g = c.benchmark_group(format!("{n} events"));
        g.sample_size(10);
        let opts = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        g.bench_function(BenchmarkId::new("parse", "ron::from_str"), |b| {
            b.iter(|| black_box(opts.from_str::<RawTimeline>(&text).expect("parses")))
        });
        g.bench_function(BenchmarkId::new("parse+validate", "annals"), |b| {
            b.iter(|| black_box(load_bytes(text.as_bytes(), "b.ron", Format::Ron).expect("loads")))
        });
        let t = load_bytes(text.as_bytes(), "b.ron", Format::Ron)
            .expect("loads")
            .timeline;
        g.bench_function("index", |b| b.iter(|| black_box(SearchIndex::new(&t))));
        // The warm start: the file's cache entry read back and checked (as `annals FILE`
        // does once the cache is filled), then the explorer's first state.
        let dir = tempfile::tempdir().expect("temp dir");
        let (file, cache) = (dir.path().join("b.ron"), dir.path().join("cache"));
        std::fs::write(&file, &text).expect("writes");
        let progress = annals::load::Progress::default();
        let open = || annals::open::cache::open_in(&file, Some(&cache), 0, &progress);
        assert!(!open().expect("loads").from_cache);
        g.bench_function("warm start (cache read + first state)", |b| {
            b.iter(|| {
                let o = open().expect("loads");
                assert!(o.from_cache);
                black_box(App::from_parts(o.timeline, o.index, "b", (140, 40)))
            })
        });
        let ix = SearchIndex::new(&t);
        let all = Candidates::Range(0, u32_of(ix.len()));
        for q in [SPARSE, "the"] {
            let m = Matcher::new(parse(q).expect("parses"), &ix);
            g.bench_function(BenchmarkId::new("full filter pass", q), |b| {
                b.iter(|| {
                    let mut out = Vec::new();
                    m.scan(&ix, all, &mut out);
                    black_box(out)
                })
            });
        }
        // Letter masks: one letter answered by them, two letters pruned by them, against
        // the same scans without masks (every event searched).
        let plain = ix.without_masks();
        for q in ["k", "ke", "kelcas"] {
            let m = Matcher::new(parse(q).expect("parses"), &ix);
            for (name, x) in [("masks", &ix), ("no masks", &plain)] {
                g.bench_function(
                    BenchmarkId::new(format!("full filter pass, {name}"), q),
                    |b| {
                        b.iter(|| {
                            let mut out = Vec::new();
                            m.scan(x, all, &mut out);
                            black_box(out)
                        })
                    },
                );
            }
        }
        // A typo: no event contains it, so it is matched fuzzily (letters in order, close).
        let mut typo = Matcher::new(parse("solostrpra").expect("parses"), &ix);
        typo.decide_fuzzy(&ix);
        g.bench_function(BenchmarkId::new("full filter pass", "typo, fuzzy"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                typo.scan(&ix, all, &mut out);
                black_box(out)
            })
        });
        // One keystroke: `roimostno` → `roimostnor`, scanning only the previous results.
        let before = Matcher::new(parse("roimostno").expect("parses"), &ix).filter(&ix);
        let m = Matcher::new(parse(SPARSE).expect("parses"), &ix);
        g.bench_function("incremental keystroke", |b| {
            b.iter(|| {
                let mut out = Vec::new();
                m.scan(&ix, Candidates::Only(&before), &mut out);
                black_box(out)
            })
        });
        let mut app = App::from_parts(t.into(), ix.into(), "bench", (140, 40));
        update(&mut app, Action::StartFilter);
        for ch in "the".chars() {
            update(&mut app, Action::Insert(ch));
        }
        let mut term = Terminal::new(TestBackend::new(140, 40)).expect("terminal");
        let theme = Theme {
            color: true,
            ascii: false,
        };
        g.bench_function("render frame 140x40", |b| {
            b.iter(|| {
                term.draw(|f| f.render_widget(Screen { app: &app, theme }, f.area()))
                    .expect("draws");
            })
        });
        // The lanes view on every event, by person: building the lanes (what `v` and a new
        // filter cost), then one frame (binary searches per cell of the lanes on screen).
        update(&mut app, Action::ClearAll);
        g.bench_function("lanes build, by person", |b| {
            b.iter(|| {
                black_box(lanes::build(
                    &app.data.timeline,
                    &app.data.index,
                    &app.filter.visible,
                    lanes::Grouping::Person,
                ))
            })
        });
        update(&mut app, Action::ToggleLanes);
        for (w, h) in [(80u16, 24u16), (140, 40)] {
            update(&mut app, Action::Resize(w, h));
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            g.bench_function(format!("lanes frame {w}x{h}"), |b| {
                b.iter(|| {
                    term.draw(|f| f.render_widget(Screen { app: &app, theme }, f.area()))
                        .expect("draws");
                })
            });
        }
        // Zoomed in on a lane's events: fewer per lane, drawn one by one where they fit.
        for _ in 0..10 {
            update(&mut app, Action::ZoomIn);
        }
        update(&mut app, Action::Down);
        let mut term = Terminal::new(TestBackend::new(140, 40)).expect("terminal");
        g.bench_function("lanes frame 140x40, zoomed in 10 times", |b| {
            b.iter(|| {
                term.draw(|f| f.render_widget(Screen { app: &app, theme }, f.area()))
                    .expect("draws");
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
