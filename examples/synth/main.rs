//! Writes a synthetic timeline to stdout, to try annals on big data:
//! `cargo run --release --example synth -- --events 1000000 --seed 1 > big.ron`
//! (`--format lines` writes one line per event instead, for line-based tools like fzf).

mod r#gen;

use std::io::Write;

fn main() {
    let mut events = 10_000usize;
    let mut seed = 1u64;
    let mut lines = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--events" | "-n" => events = value().parse().unwrap_or_else(|_| usage("bad --events")),
            "--seed" | "-s" => seed = value().parse().unwrap_or_else(|_| usage("bad --seed")),
            "--format" | "-f" => match value().as_str() {
                "ron" => lines = false,
                "lines" => lines = true,
                other => usage(&format!("unknown format `{other}` (ron or lines)")),
            },
            "--help" | "-h" => usage(""),
            other => usage(&format!("unknown argument `{other}`")),
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let r = if lines {
        r#gen::write_lines(&mut out, events, seed)
    } else {
        r#gen::write_ron(&mut out, events, seed)
    };
    if let Err(e) = r.and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}

fn usage(why: &str) -> ! {
    if !why.is_empty() {
        eprintln!("synth: {why}");
    }
    eprintln!("usage: synth [--events N] [--seed S] [--format ron|lines]");
    std::process::exit(2)
}
