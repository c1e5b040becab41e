//! `annals check` and the summary `annals FILE | cat` prints: what a file holds, in a few
//! lines.

use super::{Exit, Failure, once, progress};
use crate::domain::Timeline;
use crate::load;
use crate::text::sanitize;
use std::io::{self, Write};
use std::path::PathBuf;

/// `annals check FILE…`: one `PATH: ok: …` line per valid file; every problem on stderr.
pub(super) fn check(files: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut worst = Exit::Ok;
    let mut lines = Vec::new();
    for f in files {
        match progress::with_bar(f, load::load_path_with) {
            Ok(l) => {
                lines.extend(l.warnings.iter().map(ToString::to_string));
                let _ = writeln!(
                    out,
                    "{}: ok: {} events, {} people, {} sources{}",
                    sanitize(&f.display().to_string(), false),
                    l.timeline.len(),
                    l.timeline.people.len(),
                    l.timeline.sources.len(),
                    match load::total(&l.warnings) {
                        0 => String::new(),
                        n => format!(", {n} warning(s)"),
                    }
                );
            }
            Err(e) => {
                let f = Failure::from(e);
                worst = if f.exit == Exit::Usage || worst == Exit::Usage {
                    Exit::Usage
                } else {
                    Exit::Invalid
                };
                lines.extend(f.lines);
            }
        }
    }
    match worst {
        Exit::Ok => {
            let mut err = io::stderr().lock();
            for l in once(lines) {
                let _ = writeln!(err, "{l}");
            }
            Ok(())
        }
        exit => Err(Failure {
            exit,
            lines: once(lines),
        }),
    }
}

/// What `annals [FILE]` prints when not on a terminal: title, description, counts, span.
pub(super) fn summary(
    t: &Timeline,
    file: Option<&std::path::Path>,
    warnings: usize,
    utc: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", sanitize(&t.title, false))?;
    if let Some(d) = &t.description {
        writeln!(out, "{}", sanitize(d, false))?;
    }
    // An open start ("some time before …") sorts first but does not say where the timeline
    // begins: the span starts at the first event with a known start.
    let first = t
        .events()
        .find(|e| e.date.earliest().is_some())
        .or_else(|| t.events().next());
    let span = match (first, t.events().next_back()) {
        (Some(a), Some(b)) => format!(", {} to {}", a.date.short_in(utc), b.date.short_in(utc)),
        _ => String::new(),
    };
    let warned = match (warnings, file) {
        (0, _) => String::new(),
        (n, None) => format!(", {n} warning{}", if n == 1 { "" } else { "s" }),
        (n, Some(p)) => format!(
            ", {n} warning{} (`annals check {}` shows {})",
            if n == 1 { "" } else { "s" },
            sanitize(&p.display().to_string(), false),
            if n == 1 { "it" } else { "them" }
        ),
    };
    writeln!(
        out,
        "{} events, {} people, {} sources{span}{warned}",
        t.len(),
        t.people.len(),
        t.sources.len()
    )?;
    writeln!(
        out,
        "Try: annals search QUERY  ·  annals export --format markdown  ·  annals --help"
    )
}
