//! What `annals export` and `search --format json` write, read back as their readers would:
//! the Markdown through a CommonMark parser, the CSV and JSON against each other.

use super::{fixture, run};
use annals::domain::Timeline;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A timeline whose text is full of Markdown syntax, with URLs, authors and notes that
/// start in lower case.
const MARKED: &str = r##"Timeline(title: "t",
    people: [Person(id: "p", name: "Ann *Lee*", born: "1950", died: "1990")],
    sources: [
        Source(id: "s", title: "Report [draft]", author: "B. Smith", outlet: "Daily_News",
               url: "https://example.org/report_(2)?a=1&b=2"),
        Source(id: "u", title: "Notes", url: "http://example.com/n"),
        Source(id: "x", title: "Offline", author: "C. Doe"),
    ],
    events: [
        Event(id: "e1", date: "1970", title: "One *bold* <b>claim</b>",
              summary: "- not a list\nbut one paragraph",
              people: ["p"], citations: [Cite(source: "s", locator: "p. 3", note: "says so")]),
        Event(id: "e2", date: "1970-05", title: "# Two", summary: "1999. Not a numbered list",
              citations: [Cite(source: "u"), Cite(source: "x", note: "from memory")],
              links: [Link(to: "e1", kind: Causes)]),
        Event(id: "e3", date: "1995", title: "Three", people: ["p"],
              citations: [Cite(source: "s", locator: "p. 9")]),
        Event(id: "e4", date: "1996", title: "Four [^1]"),
        Event(id: "e5", date: "1996", title: "Five #", summary: "<div>raw</div>\n\n    code?"),
    ],
)
"##;

/// A block of the parsed document: its kind, its text (footnote references as `[^N]`)
/// and the URLs of the links in it.
#[derive(Debug)]
struct Block {
    kind: Kind,
    text: String,
    urls: Vec<String>,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Heading(HeadingLevel),
    Paragraph,
    Item,
    Note(String),
}

/// The document's text blocks in order. A paragraph inside a list item or a footnote
/// belongs to that item or footnote.
fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Vec<Block> = Vec::new();
    let new = |kind| Block {
        kind,
        text: String::new(),
        urls: Vec::new(),
    };
    for ev in Parser::new_ext(md, Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => open.push(new(Kind::Heading(level))),
            Event::Start(Tag::Paragraph) if open.is_empty() => open.push(new(Kind::Paragraph)),
            Event::Start(Tag::Item) => open.push(new(Kind::Item)),
            Event::Start(Tag::FootnoteDefinition(l)) => open.push(new(Kind::Note(l.to_string()))),
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.last_mut().unwrap().urls.push(dest_url.to_string())
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::FootnoteDefinition) => {
                out.push(open.pop().unwrap())
            }
            Event::End(TagEnd::Paragraph) => {
                if open.len() == 1 && open[0].kind == Kind::Paragraph {
                    out.push(open.pop().unwrap());
                } else {
                    open.last_mut().unwrap().text.push(' ');
                }
            }
            Event::Text(s) | Event::Code(s) => open.last_mut().unwrap().text.push_str(&s),
            Event::SoftBreak | Event::HardBreak => open.last_mut().unwrap().text.push(' '),
            Event::FootnoteReference(l) => {
                let b = open.last_mut().unwrap();
                b.text.push_str(&format!("[^{l}]"));
            }
            Event::Html(s) | Event::InlineHtml(s) => panic!("raw HTML in the export: {s}"),
            _ => {}
        }
    }
    assert!(open.is_empty(), "{open:?}");
    for b in &mut out {
        b.text = b.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parse `md`, the export of `t`, and check it block by block: one `###` heading per
/// event with exactly its date and title, then only its own summary paragraph and list
/// items; every source's URL a link and its author named in the event's footnotes.
fn check_markdown(t: &Timeline, md: &str) {
    let blocks = blocks(md);
    let notes: std::collections::HashMap<&str, &Block> = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Note(l) => Some((l.as_str(), b)),
            _ => None,
        })
        .collect();
    let h3 = |b: &Block| b.kind == Kind::Heading(HeadingLevel::H3);
    assert_eq!(blocks.iter().filter(|b| h3(b)).count(), t.len(), "{md}");
    let mut at = 0;
    for e in t.events() {
        while !h3(&blocks[at]) {
            at += 1;
        }
        let heading = format!("{} — {}", e.date.short(), flat(e.title()));
        assert_eq!(blocks[at].text, heading, "event {} heading", e.id());
        at += 1;
        if !e.summary().trim().is_empty() {
            assert_eq!(blocks[at].kind, Kind::Paragraph, "event {}", e.id());
            assert_eq!(blocks[at].text, flat(e.summary()), "event {}", e.id());
            at += 1;
        }
        let mut items = Vec::new();
        while at < blocks.len() && blocks[at].kind == Kind::Item {
            items.push(blocks[at].text.as_str());
            at += 1;
        }
        // Nothing else of this event: the next block is a heading or a footnote.
        if let Some(b) = blocks.get(at) {
            assert!(
                matches!(b.kind, Kind::Heading(_) | Kind::Note(_)),
                "event {}: text glued after its block: {b:?}",
                e.id()
            );
        }
        let expected = usize::from(!e.people().is_empty())
            + e.links().len()
            + usize::from(e.citations().len() > 0);
        assert_eq!(items.len(), expected, "event {}: {items:?}", e.id());
        let sources = items.iter().find(|i| i.starts_with("Sources: "));
        let labels: Vec<&str> = sources
            .map(|s| s["Sources: ".len()..].split(' ').collect())
            .unwrap_or_default();
        assert_eq!(labels.len(), e.citations().len(), "event {}", e.id());
        for (c, label) in e.citations().zip(labels) {
            let label = label.trim_start_matches("[^").trim_end_matches(']');
            let note = notes[label];
            let s = t.source(c.source);
            assert!(note.text.contains(&flat(&s.title)), "{note:?}");
            if let Some(a) = &s.author {
                assert!(note.text.contains(a.as_str()), "author {a}: {note:?}");
            }
            if let Some(u) = &s.url {
                assert!(note.urls.contains(u), "URL {u} not a link: {note:?}");
            }
        }
    }
}

#[test]
fn markdown_export_is_one_commonmark_block_per_event_with_linked_sources() {
    let (_dir, f) = fixture("m.ron", MARKED.as_bytes());
    let (code, md, err) = run(&["export", f.to_str().unwrap(), "--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    let t = annals::load::load_path(&f).unwrap().timeline;
    check_markdown(&t, &md);
    // Notes joined into the footnotes start as sentences do.
    assert!(md.contains(" Says so.") && !md.contains("says so"), "{md}");
    assert!(
        md.contains(" From memory.") && !md.contains("from memory"),
        "{md}"
    );
    // No age for the dead (died 1990, event 1995).
    assert!(md.contains("Ann \\*Lee\\* (died 1990)"), "{md}");
    assert!(md.contains("Ann \\*Lee\\* (aged 19–20)"), "{md}");

    let (code, md, err) = run(&["export", "--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    check_markdown(&annals::load::load_bundled().timeline, &md);
}

/// `export --format csv` and `search FILE --format json` (every event) of the file at `f`
/// agree cell for key, and name people and sources as the timeline does.
fn check_csv_json_agree(f: &str) {
    let (code, csv_text, err) = run(&["export", f, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let (code, json, err) = run(&["search", f, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let objects: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), objects.len());
    let t = annals::load::load_path(std::path::Path::new(f))
        .unwrap()
        .timeline;
    for (row, obj) in rows.iter().zip(&objects) {
        let obj = obj.as_object().unwrap();
        let mut keys: Vec<&String> = obj.keys().collect();
        // `details` is the CSV's alone: JSON carries citations and links whole.
        let mut columns: Vec<&String> = header.iter().filter(|c| *c != "details").collect();
        keys.sort();
        columns.sort();
        assert_eq!(
            keys, columns,
            "the JSON keys are the CSV columns but details"
        );
        for (col, cell) in header.iter().zip(row) {
            if col == "details" {
                continue;
            }
            let expected = match (col.as_str(), &obj[col]) {
                (_, serde_json::Value::String(s)) => s.clone(),
                // An unbounded side: null in JSON, an empty cell in CSV.
                ("earliest" | "latest", serde_json::Value::Null) => String::new(),
                ("citations", v) => v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| match c.get("locator") {
                        Some(l) => {
                            format!("{} {}", c["source"].as_str().unwrap(), l.as_str().unwrap())
                        }
                        None => c["source"].as_str().unwrap().to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                ("links", v) => v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {}",
                            l["kind"].as_str().unwrap(),
                            l["to"].as_str().unwrap()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                (_, v) => strings_of(v).join("; "),
            };
            assert_eq!(cell, expected, "column {col} of {row:?}");
        }
        // Ids and names both, paired as in the timeline.
        let names = |ids: &str, names: &str, lookup: &dyn Fn(&str) -> String| {
            let ids: Vec<String> = strings_of(&obj[ids]);
            let names: Vec<String> = strings_of(&obj[names]);
            assert_eq!(ids.len(), names.len());
            for (id, name) in ids.iter().zip(&names) {
                assert_eq!(&lookup(id), name, "{id}");
            }
        };
        names("people", "people_names", &|id| {
            t.people.iter().find(|p| p.id == id).unwrap().name.clone()
        });
        names("sources", "source_titles", &|id| {
            t.sources.iter().find(|s| s.id == id).unwrap().title.clone()
        });
        let cited: Vec<String> = strings_of(&obj["sources"]);
        for c in obj["citations"].as_array().unwrap() {
            assert!(cited.iter().any(|s| s == c["source"].as_str().unwrap()));
        }
    }
}

fn strings_of(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn csv_and_json_name_people_places_and_sources_the_same_way() {
    let (_dir, f) = fixture("m.ron", MARKED.as_bytes());
    check_csv_json_agree(f.to_str().unwrap());
    let (_dir, f) = fixture("bundled.ron", annals::load::BUNDLED.as_bytes());
    check_csv_json_agree(f.to_str().unwrap());
}
