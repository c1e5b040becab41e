//! The event scanner against `ron`, per megabyte: every event of a generated timeline
//! (10,000 events, about 5 MB) read one by one, as the big-file loader reads them.
//! `cargo bench --bench scanner` (Criterion reports the throughput of each).

#[path = "../examples/synth/gen.rs"]
mod synth;

use annals::load::raw::RawEventRef;
use annals::load::{scanner, split, syntax::ron_options};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut out = Vec::new();
    synth::write_ron(&mut out, 10_000, 1).expect("writes to memory");
    let text = String::from_utf8(out).expect("UTF-8");
    let cut = split::split(&text, 1 << 20).expect("splits");
    let elems: Vec<&str> = cut.elems.iter().map(|&(a, b)| &text[a..b]).collect();
    let bytes: usize = elems.iter().map(|e| e.len()).sum();
    let mut g = c.benchmark_group("events, one by one");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("read", "scanner"), |b| {
        b.iter(|| {
            for e in &elems {
                black_box(scanner::event(e).expect("in the scanner's subset"));
            }
        })
    });
    let opts = ron_options();
    g.bench_function(BenchmarkId::new("read", "ron"), |b| {
        b.iter(|| {
            for e in &elems {
                black_box(opts.from_str::<RawEventRef<'_>>(e).expect("parses"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
