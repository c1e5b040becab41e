//! Where a typed key's time goes, in-process and without the UI: for each prefix of each
//! query, the time to compile it and to run the explorer's scan (narrowing the previous
//! prefix's results as the explorer does), the first slice and the counting alone.
//! `cargo run --release --example keyprobe -- FILE.ron QUERY…` (warm cache first;
//! `SETTLE=1`: work out each term's events first and time it; `PAIRS=1`: the same for the
//! pairs of letters; `DRAW=1`: time a frame).
use annals::app::scan::{self, ScanJob, YearBins};
use annals::query::{Matcher, parse, resolve};
use std::sync::Arc;
use std::time::Instant;

/// The previous prefix's settled query, hits and counts.
type Done = (Arc<Matcher>, Arc<Vec<u32>>, Arc<scan::Counts>);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: keyprobe FILE.ron QUERY…");
        std::process::exit(2);
    };
    let p = std::path::Path::new(path);
    let progress = annals::load::Progress::default();
    let o = annals::open::file(p, &progress).expect("loads");
    let (t, ix) = (o.timeline, o.index);
    let lo = (0..ix.len()).filter_map(|i| ix.year(i)).min().unwrap_or(0);
    let hi = (0..ix.len()).filter_map(|i| ix.year(i)).max().unwrap_or(0);
    let bins = YearBins::new(lo, hi);
    if std::env::var_os("SETTLE").is_some() {
        let t0 = Instant::now();
        ix.settle_terms(|| true);
        println!("settle_terms: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    }
    if std::env::var_os("PAIRS").is_some() {
        let t0 = Instant::now();
        ix.settle_pairs(|| true);
        println!("settle_pairs: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    }
    if std::env::var_os("DRAW").is_some() {
        use annals::app::{Action, App, Msg, update};
        let mut app = App::from_parts(t.clone(), ix.clone(), "probe", (120, 40));
        let theme = annals::ui::Theme::from_env();
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("t");
        for key in ["", "/", "k"] {
            if key == "/" {
                let _ = update(&mut app, Msg::Action(Action::StartFilter));
            }
            if key == "k" {
                let _ = update(&mut app, Msg::Action(Action::Insert('k')));
            }
            let t0 = Instant::now();
            for _ in 0..20 {
                term.draw(|f| f.render_widget(annals::ui::Screen { app: &app, theme }, f.area()))
                    .expect("draw");
            }
            println!(
                "draw after {key:?}: {:.2} ms per frame",
                t0.elapsed().as_secs_f64() * 1e3 / 20.0
            );
        }
    }
    for q in &args[1..] {
        let mut prev: Option<Done> = None;
        // Each typed prefix, a character at a time (never cut inside one).
        let ends = q.char_indices().map(|(i, c)| i + c.len_utf8());
        for k in ends {
            let text = &q[..k];
            let t0 = Instant::now();
            let mut query = parse(text).expect("parses");
            resolve(&mut query, &t, &ix).expect("resolves");
            let mut m = Matcher::new(query, &ix);
            if let Some((pm, _, _)) = &prev {
                m.inherit_fuzzy(pm, &ix);
            }
            let m = Arc::new(m);
            let t1 = Instant::now();
            let (base, base_counts) = prev
                .as_ref()
                .filter(|(pm, _, _)| m.narrows(pm))
                .map(|(_, v, c)| (v.clone(), c.clone()))
                .unzip();
            let based = base.as_ref().map_or(0, |b| b.len());
            let job = ScanJob {
                generation: 1,
                matcher: m.clone(),
                facets: Vec::new(),
                base,
                base_counts,
                bins,
                years: bins.len,
                slice: scan::SLICE,
            };
            let mut hits = Vec::new();
            let mut counts = scan::Counts::zero(&ix, bins.len);
            let mut done = None;
            let mut first_slice = None;
            scan::run(&job, &ix, &|| false, &mut |r| {
                if first_slice.is_none() {
                    first_slice = Some(t1.elapsed());
                }
                if r.restart {
                    hits.clear();
                    counts = scan::Counts::zero(&ix, bins.len);
                }
                hits.extend_from_slice(&r.hits);
                counts.merge(&r.counts);
                if let Some(m) = r.done {
                    done = Some(m);
                }
            });
            let t2 = Instant::now();
            let mut c = scan::Counts::zero(&ix, bins.len);
            c.add(&ix, bins, &hits);
            let tc = t2.elapsed();
            assert_eq!(c, counts, "the scan's counts are the hits' counts");
            println!(
                "{text:>20}: compile {:6.1} ms, scan {:6.1} ms (first slice {:5.1}; counting alone {:5.1}) of {based:>8} -> {:>8} hits",
                (t1 - t0).as_secs_f64() * 1e3,
                (t2 - t1).as_secs_f64() * 1e3,
                first_slice.unwrap_or_default().as_secs_f64() * 1e3,
                tc.as_secs_f64() * 1e3,
                hits.len()
            );
            prev = Some((done.expect("done"), Arc::new(hits), Arc::new(counts)));
        }
    }
}
