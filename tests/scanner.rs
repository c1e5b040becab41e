//! The hand-written event scanner against `ron`: on generated events in every spelling the
//! scanner knows (and some it does not), on mutated events, and on whole mutated files,
//! what the scanner accepts `ron` reads the same way, and a file loaded the big-file way
//! (chunks, scanner, `ron` for the rest) gives the timeline — or the errors, word for word —
//! that the one-piece `ron` parse gives.

use annals::domain::LinkKind;
use annals::load::raw::{Fields, RawCite, RawEvent, RawEventRef, RawLink, RawMedia};
use annals::load::scanner;
use annals::load::syntax::ron_options;
use annals::load::{Format, load_bytes, load_ron_in_chunks};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Characters strings are drawn from: the ones that need escaping or look like syntax.
const CHARS: &[char] = &[
    'a', 'b', 'Z', ' ', '"', '\\', '\'', '\n', '\t', '\r', 'é', '¶', '#', '/', '*', '(', ')', ',',
    '[', ']', '{', '}', ':', '\0', 'r', 'u', '\u{2028}', '😀',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..7).prop_map(|v| v.into_iter().collect())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn cite() -> impl Strategy<Value = RawCite> {
    (
        text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        prop::option::of(any::<u8>()),
    )
        .prop_map(|(source, locator, quote, date, note, quality)| RawCite {
            source,
            locator,
            quote,
            date,
            note,
            quality,
        })
}

fn link() -> impl Strategy<Value = RawLink> {
    (
        text(),
        prop::sample::select(LinkKind::ALL.to_vec()),
        opt_text(),
    )
        .prop_map(|(to, kind, note)| RawLink { to, kind, note })
}

fn media() -> impl Strategy<Value = RawMedia> {
    (text(), opt_text(), opt_text()).prop_map(|(url, caption, credit)| RawMedia {
        url,
        caption,
        credit,
    })
}

fn list<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(s, 0..3)
}

fn event() -> impl Strategy<Value = RawEvent> {
    (
        (text(), text(), text(), opt_text(), opt_text()),
        (list(text()), list(text()), list(text())),
        (list(cite()), list(link()), list(media())),
        list((text(), text())),
    )
        .prop_map(
            |(
                (id, date, title, summary, display_date),
                (people, places, tags),
                (citations, links, media),
                fields,
            )| RawEvent {
                id,
                date,
                title,
                summary,
                people,
                places,
                tags,
                citations,
                links,
                display_date,
                media,
                fields: Fields(fields),
            },
        )
}

/// Writes values in RON, choosing a spelling at random for each: struct names or not,
/// `Some(…)` or not, escaped or raw strings, comments and odd whitespace, trailing commas,
/// fields in any order; and, when `odd`, spellings `ron` reads that the scanner leaves to
/// it (`\x` escapes, line continuations, spaced `Some (`).
struct Writer {
    rng: ChaCha8Rng,
    odd: bool,
}

impl Writer {
    fn ws(&mut self) -> String {
        match self.rng.random_range(0..12) {
            0 => " /* c /* nested */ ) */ ".into(),
            1 => " // line ) \n ".into(),
            2 => "\n\t ".into(),
            3 => "\r\n".into(),
            4 | 5 => " ".into(),
            _ => String::new(),
        }
    }

    fn string(&mut self, s: &str) -> String {
        if self.rng.random_bool(0.3) {
            let mut hashes = 0;
            while s.contains(&format!("\"{}", "#".repeat(hashes))) {
                hashes += 1;
            }
            let h = "#".repeat(hashes);
            return format!("r{h}\"{s}\"{h}");
        }
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' if self.rng.random_bool(0.5) => out.push_str("\\n"),
                '\t' if self.rng.random_bool(0.5) => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\0' => out.push_str("\\0"),
                '\'' if self.rng.random_bool(0.5) => out.push_str("\\'"),
                'a' if self.odd && self.rng.random_bool(0.3) => out.push_str("\\x61"),
                c if !c.is_ascii() && self.rng.random_bool(0.3) => {
                    out.push_str(&format!("\\u{{{:x}}}", c as u32));
                }
                c => out.push(c),
            }
        }
        if self.odd && self.rng.random_bool(0.2) {
            out.push_str("\\\n   ");
        }
        out.push('"');
        out
    }

    fn opt(&mut self, v: Option<String>) -> Option<String> {
        let v = v?;
        Some(match self.rng.random_range(0..4) {
            0 => format!("Some({})", v),
            1 if self.odd => format!("Some ( {} , )", v),
            _ => v,
        })
    }

    fn list(&mut self, items: Vec<String>) -> String {
        let mut s = String::from("[");
        let n = items.len();
        for (k, it) in items.into_iter().enumerate() {
            let ws = self.ws();
            s.push_str(&ws);
            s.push_str(&it);
            if k + 1 < n || self.rng.random_bool(0.3) {
                s.push(',');
            }
        }
        s.push_str(&self.ws());
        s.push(']');
        s
    }

    fn strukt(&mut self, name: &str, mut fields: Vec<(&str, Option<String>)>) -> String {
        // Fields in any order; optional ones left out or written out.
        for k in (1..fields.len()).rev() {
            let j = self.rng.random_range(0..=k);
            fields.swap(k, j);
        }
        let named = self.rng.random_bool(0.7);
        let mut s = if named {
            name.to_string()
        } else {
            String::new()
        };
        s.push('(');
        let fields: Vec<(&str, String)> = fields
            .into_iter()
            .filter_map(|(f, v)| Some((f, v?)))
            .collect();
        let n = fields.len();
        for (k, (f, v)) in fields.into_iter().enumerate() {
            let (a, b) = (self.ws(), self.ws());
            s.push_str(&format!("{a}{f}{b}:{}{v}", self.ws()));
            if k + 1 < n || self.rng.random_bool(0.3) {
                s.push(',');
            }
        }
        s.push_str(&self.ws());
        s.push(')');
        s
    }

    fn strings(&mut self, v: &[String], always: bool) -> Option<String> {
        if v.is_empty() && !always && self.rng.random_bool(0.5) {
            return None;
        }
        let items = v.iter().map(|s| self.string(s)).collect();
        Some(self.list(items))
    }

    fn quality(&mut self, q: u8) -> String {
        if self.odd && self.rng.random_bool(0.2) {
            format!("0{q}")
        } else {
            q.to_string()
        }
    }

    fn event(&mut self, e: &RawEvent) -> String {
        let cites = e
            .citations
            .iter()
            .map(|c| {
                let f = vec![
                    ("source", Some(self.string(&c.source))),
                    ("locator", c.locator.as_deref().map(|s| self.string(s))),
                    ("quote", c.quote.as_deref().map(|s| self.string(s))),
                    ("date", c.date.as_deref().map(|s| self.string(s))),
                    ("note", c.note.as_deref().map(|s| self.string(s))),
                    ("quality", c.quality.map(|q| self.quality(q))),
                ];
                let f = f
                    .into_iter()
                    .map(|(k, v)| (k, self.opt_field(k, v)))
                    .collect();
                self.strukt("Cite", f)
            })
            .collect();
        let links = e
            .links
            .iter()
            .map(|l| {
                let note = l.note.as_deref().map(|s| self.string(s));
                let note = self.opt(note);
                let to = self.string(&l.to);
                self.strukt(
                    "Link",
                    vec![
                        ("to", Some(to)),
                        ("kind", Some(format!("{:?}", l.kind))),
                        ("note", note),
                    ],
                )
            })
            .collect();
        let media = e
            .media
            .iter()
            .map(|m| {
                let f = vec![
                    ("url", Some(self.string(&m.url))),
                    ("caption", m.caption.as_deref().map(|s| self.string(s))),
                    ("credit", m.credit.as_deref().map(|s| self.string(s))),
                ];
                let f = f
                    .into_iter()
                    .map(|(k, v)| (k, self.opt_field(k, v)))
                    .collect();
                self.strukt("Media", f)
            })
            .collect();
        let fields = if e.fields.is_empty() && self.rng.random_bool(0.5) {
            None
        } else {
            let kv: Vec<String> = e
                .fields
                .0
                .iter()
                .map(|(k, v)| format!("{}:{}{}", self.string(k), self.ws(), self.string(v)))
                .collect();
            Some(format!("{{{}}}", kv.join(", ")))
        };
        let summary = e.summary.as_deref().map(|s| self.string(s));
        let display = e.display_date.as_deref().map(|s| self.string(s));
        let f = vec![
            ("id", Some(self.string(&e.id))),
            ("date", Some(self.string(&e.date))),
            ("title", Some(self.string(&e.title))),
            ("summary", self.opt(summary)),
            ("people", self.strings(&e.people, false)),
            ("places", self.strings(&e.places, false)),
            ("tags", self.strings(&e.tags, false)),
            ("citations", Some(self.list(cites))),
            ("links", Some(self.list(links))),
            ("display_date", self.opt(display)),
            ("media", Some(self.list(media))),
            ("fields", fields),
        ];
        format!("{}{}{}", self.ws(), self.strukt("Event", f), self.ws())
    }

    fn opt_field(&mut self, k: &str, v: Option<String>) -> Option<String> {
        if k == "source" || k == "url" {
            v
        } else if v.is_none() && self.rng.random_bool(0.2) {
            Some("None".into())
        } else {
            self.opt(v)
        }
    }
}

fn owned(e: RawEventRef<'_>) -> RawEvent {
    let s = |t: annals::load::raw::Text<'_>| t.0.into_owned();
    let o = |t: Option<annals::load::raw::Text<'_>>| t.map(s);
    RawEvent {
        id: s(e.id),
        date: s(e.date),
        title: s(e.title),
        summary: o(e.summary),
        people: e.people.into_iter().map(s).collect(),
        places: e.places.into_iter().map(s).collect(),
        tags: e.tags.into_iter().map(s).collect(),
        citations: e
            .citations
            .into_iter()
            .map(|c| RawCite {
                source: s(c.source),
                locator: o(c.locator),
                quote: o(c.quote),
                date: o(c.date),
                note: o(c.note),
                quality: c.quality,
            })
            .collect(),
        links: e
            .links
            .into_iter()
            .map(|l| RawLink {
                to: s(l.to),
                kind: l.kind,
                note: o(l.note),
            })
            .collect(),
        display_date: o(e.display_date),
        media: e
            .media
            .into_iter()
            .map(|m| RawMedia {
                url: s(m.url),
                caption: o(m.caption),
                credit: o(m.credit),
            })
            .collect(),
        fields: Fields(e.fields.0.into_iter().map(|(k, v)| (s(k), s(v))).collect()),
    }
}

/// The scanner's answer is `ron`'s whenever it gives one; returns whether it did.
fn agrees(text: &str) -> bool {
    let ron = ron_options().from_str::<RawEvent>(text);
    match scanner::event(text) {
        None => false,
        Some(e) => {
            let e = owned(e);
            match ron {
                Ok(r) => assert_eq!(e, r, "the scanner and ron disagree on {text:?}"),
                Err(err) => panic!("the scanner read {text:?}, ron refuses it: {err}"),
            }
            true
        }
    }
}

fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Option<String> {
    let mut v = text.as_bytes().to_vec();
    for &(at, what, b) in edits {
        let i = at % (v.len() + 1);
        let b = b"\"\\,()[]{}: /*#rSoeN0\n9x"[b as usize % 23];
        match what % 3 {
            0 if i < v.len() => {
                v.remove(i);
            }
            1 if i < v.len() => v[i] = b,
            _ => v.insert(i, b),
        }
    }
    String::from_utf8(v).ok()
}

/// A small file around `events`: people `p0`, `p1` and sources `s0`, `s1` to refer to.
fn file(events: &[String]) -> String {
    format!(
        "// generated\nTimeline(\n  title: \"t\",\n  people: [Person(id: \"p0\", name: \"A\"), \
         Person(id: \"p1\", name: \"B\", born: \"1900\")],\n  sources: [Source(id: \"s0\", \
         title: \"S\"), Source(id: \"s1\", title: \"T\")],\n  events: [\n{}\n  ],\n)\n",
        events.join(",\n")
    )
}

/// A [`file`] of `events` made [`loadable`], each written in the spellings `seed` picks
/// (odd ones too when `odd`).
fn loadable_file(events: Vec<(RawEvent, u8)>, seed: u64, odd: bool) -> String {
    let mut w = Writer {
        rng: ChaCha8Rng::seed_from_u64(seed),
        odd,
    };
    let texts: Vec<String> = events
        .into_iter()
        .enumerate()
        .map(|(k, (e, pick))| w.event(&loadable(e, k, pick)))
        .collect();
    file(&texts)
}

/// Events that refer to what [`file`] declares (so that some files load).
fn loadable(mut e: RawEvent, k: usize, pick: u8) -> RawEvent {
    const DATES: &[&str] = &["2001", "1999-05~", "1890/1901", "bad", "2000-01-01T10:00Z"];
    e.id = format!("e{k}{}", if pick.is_multiple_of(7) { " x" } else { "" });
    e.date = DATES[pick as usize % DATES.len()].into();
    e.people.retain(|p| p.len() < 2);
    for p in &mut e.people {
        *p = format!("p{}", p.len());
    }
    for (j, c) in e.citations.iter_mut().enumerate() {
        c.source = format!("s{}", (j + k) % 2);
        c.date = None;
        c.quality = c.quality.map(|q| q % 5);
    }
    for l in &mut e.links {
        l.to = format!("e{}", l.to.len());
    }
    e
}

fn same_load(src: &str) {
    let whole = load_bytes(src.as_bytes(), "f.ron", Format::Ron);
    for chunk in [1, 200] {
        let split = load_ron_in_chunks(src.as_bytes(), "f.ron", chunk);
        match (&whole, &split) {
            (Ok(a), Ok(b)) => {
                let bytes = |t| postcard::to_allocvec(t).expect("serializes");
                assert!(
                    bytes(&a.timeline) == bytes(&b.timeline),
                    "timelines differ:\n{src}"
                );
                let text = |w: &[annals::load::Diagnostic]| {
                    w.iter().map(|d| d.to_string()).collect::<Vec<_>>()
                };
                assert_eq!(text(&a.warnings), text(&b.warnings), "{src}");
            }
            (Err(a), Err(b)) => {
                let text = |w: &[annals::load::Diagnostic]| {
                    w.iter().map(|d| d.to_string()).collect::<Vec<_>>()
                };
                assert_eq!(text(a), text(b), "errors differ:\n{src}");
            }
            _ => panic!("one loads, the other not:\n{src}\n{whole:?}\n{split:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn the_scanner_reads_every_plain_spelling_as_ron_does(e in event(), seed in any::<u64>()) {
        let mut w = Writer { rng: ChaCha8Rng::seed_from_u64(seed), odd: false };
        let text = w.event(&e);
        prop_assert!(agrees(&text), "the scanner gave up on {:?}", text);
        let got = owned(scanner::event(&text).expect("read"));
        prop_assert_eq!(got, e);
    }

    #[test]
    fn what_the_scanner_accepts_ron_reads_the_same(e in event(), seed in any::<u64>()) {
        let mut w = Writer { rng: ChaCha8Rng::seed_from_u64(seed), odd: true };
        agrees(&w.event(&e));
    }

    #[test]
    fn mutated_events_are_read_alike_or_left_to_ron(
        e in event(),
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let mut w = Writer { rng: ChaCha8Rng::seed_from_u64(seed), odd: false };
        if let Some(text) = mutate(&w.event(&e), &edits) {
            agrees(&text);
        }
    }

    #[test]
    fn a_file_loads_alike_in_chunks_and_in_one_piece(
        events in prop::collection::vec((event(), any::<u8>()), 0..6),
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..3),
    ) {
        let src = loadable_file(events, seed, seed.is_multiple_of(4));
        if let Some(m) = mutate(&src, &edits) {
            same_load(&m);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Lexing a list's second half from a guessed element start (on another core) cuts it
    /// exactly as one pass does, on generated files, mutated or not.
    #[test]
    fn a_list_lexed_in_two_halves_is_cut_as_in_one_pass(
        events in prop::collection::vec((event(), any::<u8>()), 0..8),
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..3),
        target in 1usize..400,
    ) {
        if let Some(src) = mutate(&loadable_file(events, seed, seed.is_multiple_of(3)), &edits) {
            prop_assert_eq!(
                annals::load::split::split_with(&src, target, 0),
                annals::load::split::split_with(&src, target, usize::MAX)
            );
        }
    }
}

#[test]
fn the_scanner_reads_the_synthetic_generators_events() {
    let src = common_synth();
    let cut = annals::load::split::split(&src, 1 << 20).expect("splits");
    // Lexed in two halves, the generator's file is cut as in one pass.
    assert_eq!(
        annals::load::split::split_with(&src, 4096, 0).as_ref(),
        annals::load::split::split_with(&src, 4096, usize::MAX).as_ref()
    );
    let mut read = 0;
    for &(a, b) in &cut.elems {
        read += usize::from(agrees(&src[a..b]));
    }
    assert_eq!(
        read,
        cut.elems.len(),
        "every generated event is in the scanner's subset"
    );
    same_load(&src);
}

#[test]
fn odd_spellings_are_left_to_ron() {
    for text in [
        r#"Event(id: "a", date: "1", title: "\x41")"#,
        "Event(id: \"a\", date: \"1\", title: \"x\\\n  y\")",
        r#"Event (id: "a", date: "1", title: "t")"#,
        r#"Event(id: "a", date: "1", title: "t", summary: Some ("s"))"#,
        r#"Event(id: "a", date: "1", title: "t", id: "b")"#,
        r#"Event(id: "a", date: "1")"#,
        r#"Cite(id: "a", date: "1", title: "t")"#,
        r#"Event(id: "a", date: "1", title: "t", citations: [Cite(source: "s", quality: 07)])"#,
        r#"Event(id: "a", date: "1", title: "t", citations: [Cite(source: "s", quality: 256)])"#,
        r#"Event(id: "a", date: "1", title: "t", links: [Link(to: "b", kind: Other)])"#,
        r#"Event(id: "a", date: "1", title: "t") // no newline"#,
        r#"Event(id: "a", date: "1", title: "t") /* open"#,
        r#"#![enable(implicit_some)] Event(id: "a", date: "1", title: "t")"#,
        r#"Event(r#id: "a", date: "1", title: "t")"#,
        "Event(id: \"a\",\u{2028}date: \"1\", title: \"t\")",
    ] {
        assert!(scanner::event(text).is_none(), "{text}");
    }
}

fn common_synth() -> String {
    let mut v = Vec::new();
    crate::synth::generator::write_ron(&mut v, 3000, 7).expect("writes");
    String::from_utf8(v).expect("UTF-8")
}
