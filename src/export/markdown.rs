//! Markdown export: a chronology grouped by year, with sources as footnotes.

use crate::domain::text::sanitize;
use crate::domain::{CiteRef, Timeline, life_at};
use std::collections::HashMap;
use std::fmt::Write;

fn clean(s: &str) -> String {
    sanitize(s, false).replace('\n', " ")
}

fn footnote_text(t: &Timeline, c: &CiteRef<'_>) -> String {
    let s = t.source(c.source);
    let mut out = format!("*{}*", clean(&s.title));
    for part in [&s.outlet, &s.author].into_iter().flatten() {
        let _ = write!(out, ", {}", clean(part));
    }
    if let Some(p) = s.published {
        let _ = write!(out, ", {}", p.short());
    }
    if let Some(l) = c.locator() {
        let _ = write!(out, ", {}", clean(l));
    }
    out.push('.');
    if let Some(q) = c.quote() {
        let _ = write!(out, " “{}”", clean(q));
    }
    if let Some(d) = c.date() {
        let _ = write!(out, " This source dates it {}.", d.short());
    }
    if let Some(n) = c.note() {
        let _ = write!(out, " {}", clean(n));
    }
    out
}

/// The timeline as a readable Markdown chronology.
pub fn markdown(t: &Timeline) -> String {
    let mut out = format!("# {}\n\n", clean(&t.title));
    if let Some(d) = &t.description {
        let _ = writeln!(out, "{}\n", clean(d));
    }
    let mut notes: Vec<String> = Vec::new();
    let mut note_ids: HashMap<String, usize> = HashMap::new();
    let mut last_heading = None;
    for e in t.events() {
        let heading = match e.date.start().or(e.date.end()) {
            Some(p) => p.moment.year().to_string(),
            None => "Undated".to_string(),
        };
        if last_heading.as_deref() != Some(heading.as_str()) {
            let _ = writeln!(out, "## {heading}\n");
            last_heading = Some(heading);
        }
        let _ = write!(out, "- **{}** — {}", e.date.short(), clean(e.title()));
        for c in e.citations() {
            let text = footnote_text(t, &c);
            let n = *note_ids.entry(text.clone()).or_insert_with(|| {
                notes.push(text);
                notes.len()
            });
            let _ = write!(out, "[^{n}]");
        }
        out.push('\n');
        if !e.summary().is_empty() {
            let _ = writeln!(out, "  {}", clean(e.summary()));
        }
        let people: Vec<String> = e
            .people()
            .iter()
            .map(|&p| {
                let p = t.person(p);
                match life_at(p.born.as_ref(), p.died.as_ref(), &e.date).phrase() {
                    Some(life) => format!("{} ({life})", p.name),
                    None => p.name.clone(),
                }
            })
            .collect();
        if !people.is_empty() {
            let _ = writeln!(out, "  *People:* {}", clean(&people.join(", ")));
        }
        for l in e.links() {
            let target = t.event(l.to);
            let _ = writeln!(
                out,
                "  *{}:* {} ({})",
                capitalize(l.kind.forward()),
                clean(target.title()),
                target.date.short()
            );
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {n}", i + 1);
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
