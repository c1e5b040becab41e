//! Markdown export: a CommonMark chronology grouped by year, one block per event, with
//! sources as footnotes.
//!
//! Each event is a `###` heading (date — title) followed by its summary as a paragraph and
//! its people, links and sources as a list, with a blank line between blocks, so that no
//! renderer glues one event's text onto another's. Text from the data is escaped twice:
//! for the terminal (controls made visible) and for Markdown (no stray emphasis, links,
//! HTML or list markers).

use crate::domain::{CiteRef, EventRef, Timeline, life_at};
use crate::text::sanitize;
use std::collections::HashMap;
use std::io::{self, Write};

/// The timeline as a readable Markdown chronology.
pub fn markdown(t: &Timeline) -> String {
    let mut out = Vec::new();
    write_markdown(t, false, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("written as UTF-8")
}

/// [`markdown`], streamed to `out` event by event (the footnotes come last); times of day
/// in UTC when `utc`.
pub fn write_markdown(t: &Timeline, utc: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", inline(&t.title))?;
    if let Some(d) = &t.description {
        writeln!(out, "{}\n", block(d))?;
    }
    let mut notes = Notes::default();
    let mut last_heading = None;
    for e in t.events() {
        // Events with an open start ("some time before 2013") sort first: they share one
        // heading instead of claiming a year before the chronology starts.
        let unknown = matches!(
            e.date.shape(),
            crate::domain::date::Shape::Interval {
                start: crate::domain::Bound::Unknown,
                ..
            }
        );
        let heading = match (e.date.first_year(), e.date.last_year()) {
            (Some(y), _) => crate::domain::date::year_text(y),
            (None, Some(_)) if unknown => "Some time before (unknown start)".to_string(),
            (None, Some(_)) => "Some time before (open start)".to_string(),
            (None, None) => "Open at both ends".to_string(),
        };
        if last_heading.as_deref() != Some(heading.as_str()) {
            writeln!(out, "## {heading}\n")?;
            last_heading = Some(heading);
        }
        event(t, &e, utc, &mut notes, out)?;
    }
    for (i, n) in notes.texts.iter().enumerate() {
        writeln!(out, "[^{}]: {n}\n", i + 1)?;
    }
    Ok(())
}

/// Footnote texts in order of first use; a text cited twice keeps its first number.
#[derive(Default)]
struct Notes {
    texts: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Notes {
    fn number(&mut self, text: String) -> usize {
        if let Some(&n) = self.numbers.get(&text) {
            return n;
        }
        self.texts.push(text.clone());
        self.numbers.insert(text, self.texts.len());
        self.texts.len()
    }
}

/// One event: heading, summary paragraph, then a list of people, links and sources.
fn event(
    t: &Timeline,
    e: &EventRef<'_>,
    utc: bool,
    notes: &mut Notes,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut title = inline(e.title());
    if title.ends_with('#') {
        // A closing `#` sequence would be dropped from the heading.
        title.insert(title.len() - 1, '\\');
    }
    writeln!(out, "### {} — {title}\n", e.date.short_in(utc))?;
    if !e.summary().trim().is_empty() {
        writeln!(out, "{}\n", block(e.summary()))?;
    }
    let mut items = Vec::new();
    let people: Vec<String> = e
        .people()
        .iter()
        .map(|&p| {
            let p = t.person(p);
            match life_at(p.born.as_ref(), p.died.as_ref(), &e.date).phrase() {
                Some(life) => format!("{} ({life})", inline(&p.name)),
                None => inline(&p.name),
            }
        })
        .collect();
    if !people.is_empty() {
        items.push(format!("**People:** {}", people.join(", ")));
    }
    for l in e.links() {
        let target = t.event(l.to);
        items.push(format!(
            "**{}:** {} ({})",
            capitalize(l.kind.forward()),
            inline(target.title()),
            target.date.short_in(utc)
        ));
    }
    let marks: Vec<String> = e
        .citations()
        .map(|c| format!("[^{}]", notes.number(footnote_text(t, &c, utc))))
        .collect();
    if !marks.is_empty() {
        items.push(format!("**Sources:** {}", marks.join(" ")));
    }
    for i in &items {
        writeln!(out, "- {i}")?;
    }
    if !items.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// A footnote: author, *title*, outlet, published, locator, then the URL and document, the
/// quote, this source's date for the event and the note, each a sentence of its own.
fn footnote_text(t: &Timeline, c: &CiteRef<'_>, utc: bool) -> String {
    let s = t.source(c.source);
    let mut head = Vec::new();
    if let Some(a) = &s.author {
        head.push(inline(a));
    }
    head.push(format!("*{}*", inline(&s.title)));
    if let Some(o) = &s.outlet {
        head.push(inline(o));
    }
    if let Some(p) = &s.published {
        head.push(p.short_in(utc));
    }
    if let Some(l) = c.locator() {
        head.push(inline(l));
    }
    let mut sentences = vec![sentence(&head.join(", "))];
    if let Some(u) = &s.url {
        sentences.push(url(u));
    }
    if let Some(d) = &s.document {
        sentences.push(format!("Document: {}.", inline(d)));
    }
    if let Some(q) = c.quote() {
        sentences.push(format!("“{}”", inline(q)));
    }
    if let Some(d) = c.date() {
        sentences.push(format!("This source dates it {}.", d.short_in(utc)));
    }
    if let Some(n) = c.note() {
        sentences.push(sentence(&inline(n)));
    }
    let text = sentences.join(" ");
    // A footnote's text starts a block: keep it from reading as a list or a heading.
    guard_block_start(&text)
}

/// `s` as a sentence: its first letter a capital, ending in a full stop unless it already
/// ends in one (or in `!`, `?`, `…`, possibly inside closing quotes or brackets).
fn sentence(s: &str) -> String {
    let s = s.trim();
    let mut out = capitalize(s);
    let end = s
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', '*'])
        .chars()
        .next_back();
    if !matches!(end, Some('.' | '!' | '?' | '…') | None) {
        out.push('.');
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Untrusted text for use inside a line: whitespace runs (newlines too) become one space,
/// controls are made visible as everywhere else (`^[`, `<U+202E>`), and the characters
/// Markdown would act on are escaped. The visible escapes stay as they read: the `[` of
/// `^[` opens nothing because every `]` of the data is escaped (but one right after it,
/// as in the `^[]` of a terminal title sequence, where a `(` after it is escaped instead),
/// and the `]` of `^]` is escaped.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut out = String::with_capacity(s.len() + 8);
    // `_` inside a word (`file_name`) is never emphasis; elsewhere it may be.
    let in_word = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let mut after_esc = false;
    let mut after_empty = false;
    for (i, &c) in chars.iter().enumerate() {
        let (was_esc, was_empty) = (after_esc, after_empty);
        after_esc = false;
        after_empty = false;
        if crate::domain::text::is_unsafe(c) {
            let shown = sanitize(&chars[i..=i].iter().collect::<String>(), false).into_owned();
            after_esc = shown == "^[";
            out.push_str(if shown == "^]" { "^\\]" } else { &shown });
            continue;
        }
        if c == ']' && was_esc {
            out.push(c);
            after_empty = true;
            continue;
        }
        let underscore = c == '_' && !(in_word(i.checked_sub(1)) && in_word(Some(i + 1)));
        if underscore
            || (c == '(' && was_empty)
            || matches!(
                c,
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '~' | '|'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Untrusted text as a paragraph of its own: [`inline`], and never the start of a heading,
/// list, quote, code block or thematic break.
fn block(s: &str) -> String {
    guard_block_start(&inline(s))
}

/// Escape what would make `s`, at the start of a block, anything but a paragraph: `#`,
/// `-`, `+`, `=` or a number followed by `.` or `)`.
fn guard_block_start(s: &str) -> String {
    if s.starts_with(['#', '-', '+', '=']) {
        return format!("\\{s}");
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && s[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    s.to_string()
}

/// A source URL as a CommonMark autolink (`<https://…>`) when it is http(s); any other
/// (`javascript:`, `file:`, no scheme at all) is shown as code and
/// said not to be linked, so no renderer makes it clickable. Spaces, angle brackets and
/// controls are percent-encoded so that the link cannot end early or act on a terminal.
fn url(u: &str) -> String {
    let lower = u.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        let shown = sanitize(u.trim(), false).replace('`', "'");
        return format!("URL (not http or https, not linked): `{shown}`");
    }
    let mut enc = String::with_capacity(u.len());
    for c in u.trim().chars() {
        if c == ' ' || c == '<' || c == '>' || crate::domain::text::is_unsafe(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                enc.push_str(&format!("%{b:02X}"));
            }
        } else {
            enc.push(c);
        }
    }
    format!("<{enc}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_sentences_start_with_a_capital_and_end_with_a_stop() {
        assert_eq!(sentence("calls him a survivor"), "Calls him a survivor.");
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence("'at the age of 22'"), "'at the age of 22'.");
        assert_eq!(sentence("“Really?”"), "“Really?”");
    }

    #[test]
    fn markdown_syntax_in_the_data_is_escaped() {
        assert_eq!(inline("*a* [b](c) <d>\n&e"), r"\*a\* \[b\](c) \<d\> \&e");
        assert_eq!(block("- not a list"), r"\- not a list");
        assert_eq!(block("1999. A year"), r"1999\. A year");
        assert_eq!(block("# no heading"), r"\# no heading");
        assert_eq!(inline("bell\x07"), "bell^G");
        assert_eq!(inline("a_file.txt _em_"), r"a_file.txt \_em\_");
        // Visible escapes read as everywhere else, and open no link.
        assert_eq!(inline("\x1b]0;t\x07"), "^[]0;t^G");
        assert_eq!(inline("\x1b](http://x)"), r"^[]\(http://x)");
        assert_eq!(inline("\x1bx\x1d(y)"), r"^[x^\](y)");
        assert_eq!(inline("\x1bx](y)"), r"^[x\](y)");
        assert_eq!(inline("\u{202e}evil\u{202c}"), "<U+202E>evil<U+202C>");
    }

    #[test]
    fn urls_become_links_that_cannot_end_early() {
        assert_eq!(url("https://x.org/a?b=1"), "<https://x.org/a?b=1>");
        assert_eq!(url("https://x.org/a b>c"), "<https://x.org/a%20b%3Ec>");
        assert_eq!(
            url("x.org/p"),
            "URL (not http or https, not linked): `x.org/p`"
        );
        assert_eq!(
            url("javascript:alert(1)"),
            "URL (not http or https, not linked): `javascript:alert(1)`"
        );
        assert_eq!(url("https://x.org/\x1b[31m"), "<https://x.org/%1B[31m>");
    }
}
